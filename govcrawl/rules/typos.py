"""错别字 — ordinary typos on a page (扣分).

Checks the page title and visible text (normalised: 繁體 → 简体, full-width folded, tags and
whitespace between characters removed) against the confusion pairs of lexicons/typos.txt
(再接再励 → 再接再厉, 按装 → 安装, 既使 → 即使 …). Precision first: every wrong form in the list is
never a correct word, and where a correct phrase contains one (按装修, 既使得) the list names it
as a context in which the form is not a hit.

One row per distinct wrong phrase per page (dedup merges the same phrase over many pages); the
evidence is the sentence around it (at most GOVCRAWL_QUOTE_CHARS characters). Phrases in
GOVCRAWL_WORDING_IGNORE are never reported. ``findings`` is the engine: rules/post_typos.py runs it
on 政务新媒体 posts.

Fails: "我们要再接再励" → "错别字“再接再励”应为“再接再厉”", evidence the sentence around it.
Passes: "再接再厉", "按装修标准验收", "既使得经济发展，又…".

Reads: GOVCRAWL_QUOTE_CHARS, GOVCRAWL_WORDING_IGNORE.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.items import PageItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._lexicon import distinct, scan

ID = "typos"
PROBLEM_TYPE = "错别字"
CATEGORY = DEDUCTION
SCOPE = "page"
READS: tuple[str, ...] = ("GOVCRAWL_QUOTE_CHARS", "GOVCRAWL_WORDING_IGNORE")
ALSO_YIELDS: tuple[str, ...] = ()


def findings(subject: str, text: str, url: str, published: date | None, seen: date, conf: RuleConf, *,
             rule: str = ID) -> Iterator[Finding]:
    """The 错别字 findings of one text (a page's or a post's): ``subject`` is the site code or the
    account name. ``published`` is accepted for the engines' common signature; typos do not age."""
    hits = [h for h in scan(text, quote_limit=conf["GOVCRAWL_QUOTE_CHARS"]) if h.kind == "typo"]
    for hit in distinct(hits, conf["GOVCRAWL_WORDING_IGNORE"]):
        yield Finding(
            subject=subject, problem_type=PROBLEM_TYPE, category=CATEGORY, key=hit.wrong,
            description=f"错别字“{hit.wrong}”应为“{hit.right}”", url=url, evidence=hit.quote, seen=seen,
            rule=rule, pages=(url,), note=hit.note,
        )


def check(item: PageItem, conf: RuleConf) -> Iterator[Finding]:
    facts = item.facts
    yield from findings(item.site, f"{facts.title}\n{facts.text}", item.url, facts.publish_date.date,
                        item.fetched_at.date(), conf)
