"""元数据缺失 — pages lack the metadata of the site-design spec (扣分; one row per site).

Extraction lists, per page, the spec's ``<meta>`` names it lacks by the page's level (SiteName,
SiteDomain, SiteIDCode on every page; ColumnName … on list pages; ArticleTitle, PubDate … on
article pages only: letters, guides and other pages are held to the site level). The site gets one
row with the number of such pages, the names missing most often with their level, and the first
pages as examples.

Fails: 120 pages without SiteIDCode → "页面缺少规范要求的元数据：站点级SiteIDCode 120页", 出现在120个页面.
Passes: every page carries the metadata its kind requires.

Reads: GOVCRAWL_DEDUP_PAGES (how many example pages the row names).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from govcrawl.extract.metadata import field_level
from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._describe import joined
from govcrawl.rules._site import site_finding

ID = "metadata_missing"
PROBLEM_TYPE = "元数据缺失"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_DEDUP_PAGES",)
ALSO_YIELDS: tuple[str, ...] = ()

_NAMED = 5  # missing names spelt out in the sentence; the rest are counted


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    gaps = sorted((g for g in facts.metadata_gaps if g.missing), key=lambda g: g.url)
    if not gaps:
        return
    counts = Counter(name for gap in gaps for name in gap.missing)
    ranked = [f"{field_level(name)}{name} {n}页" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    more = f"等{len(ranked)}项" if len(ranked) > _NAMED else ""
    examples = tuple(g.url for g in gaps[: conf["GOVCRAWL_DEDUP_PAGES"]])
    yield site_finding(
        facts, ID, PROBLEM_TYPE, CATEGORY, key="metadata", url=examples[0],
        description=f"页面缺少规范要求的元数据：{joined(ranked[:_NAMED])}{more}",
        evidence=f"{gaps[0].url} 缺少{joined(gaps[0].missing)}", pages=examples, page_count=len(gaps))
