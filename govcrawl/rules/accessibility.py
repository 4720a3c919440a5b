"""适老化与无障碍 — the homepage offers no elder-friendly or accessible version, or its pages fail basic
accessibility (扣分).

How it judges (only where the region checks it: GOVCRAWL_ACCESSIBILITY_CHECK): the homepage must
offer a 关怀版 / 长者版 / 无障碍 / 适老化 entry (a link or button by its text, image alt or title, or an
accessibility toolbar script); missing is one row. The homepage and the pages crawled first after it,
GOVCRAWL_ACCESSIBILITY_SAMPLE_PAGES in all, are checked as GB/T 37668 asks at its most basic (a page
language on ``<html>``, an alt attribute on every image, a label, aria-label or title on every form
field, text that is not only in images: govcrawl/extract/accessibility.py); when the share of sampled
pages failing any of them reaches GOVCRAWL_ACCESSIBILITY_FAILING_SHARE, one row gives the share and
the first pages with what each fails. A homepage govcrawl did not fetch, or built by scripts no
browser rendered, is not judged; nor are pages stored before these checks existed.

Fails: a homepage without any 关怀版/无障碍 link → "首页未提供适老化或无障碍浏览入口"; 8 of 10 sampled
pages with images lacking alt → "抽查10个页面，8个（80%）未达到基本无障碍要求".
Passes: a "长者版" link, an ``<img alt="无障碍浏览">`` or an ``assist.js`` toolbar; images with alt
text (``alt=""`` for decoration), ``<html lang="zh-CN">``, labelled search boxes.

Reads: GOVCRAWL_ACCESSIBILITY_CHECK (False: no row), GOVCRAWL_ACCESSIBILITY_SAMPLE_PAGES,
GOVCRAWL_ACCESSIBILITY_FAILING_SHARE.
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._site import site_finding

ID = "accessibility"
PROBLEM_TYPE = "适老化与无障碍"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_ACCESSIBILITY_CHECK", "GOVCRAWL_ACCESSIBILITY_SAMPLE_PAGES",
                          "GOVCRAWL_ACCESSIBILITY_FAILING_SHARE")
ALSO_YIELDS: tuple[str, ...] = ()

_EXAMPLES = 3  # failing pages named in the description


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    home = facts.home
    if not conf["GOVCRAWL_ACCESSIBILITY_CHECK"] or home is None or home.needs_rendering:
        return
    if home.care_entry is False:
        yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key="入口", url=home.url,
                           description="首页未提供适老化或无障碍浏览入口（关怀版、长者版、无障碍）",
                           evidence=f"{home.url} 页面中未找到关怀版、长者版、无障碍或适老化入口，"
                                    "也未加载无障碍辅助工具")
    sample = facts.accessibility[:int(conf["GOVCRAWL_ACCESSIBILITY_SAMPLE_PAGES"])]
    failing = [page for page in sample if page.problems]
    if not sample or not failing or len(failing) / len(sample) < float(conf["GOVCRAWL_ACCESSIBILITY_FAILING_SHARE"]):
        return
    examples = "；".join(f"{page.url}：{'、'.join(page.problems)}" for page in failing[:_EXAMPLES])
    yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key="基本要求", url=failing[0].url,
                       description=f"抽查{len(sample)}个页面，{len(failing)}个（{len(failing) / len(sample):.0%}）"
                                   f"未达到基本无障碍要求，如 {examples}",
                       evidence=examples, pages=tuple(page.url for page in failing), page_count=len(failing))
