"""伪造发稿日期 — an article shows a 发布日期 it cannot have: after the day it was seen, or long
before the date its address was made (扣分).

Only a visible, labelled publish date is judged (发布日期/发布时间/發佈時間: what a reader sees; a
page that shows only a 成文日期 is a document signed earlier and published later, never a row).
Two kinds of row, each with both dates:

- a future date: the shown date lies after the day the crawl fetched the page (the first day it was
  seen), so nobody could have published it then. A date after as_of but before that day is not
  judged: the inspection may be run again later over the same pages.
- a backdated page: the content system wrote the day it created the page into the address
  (/202611/t20261118_1.html, /2026-11/18/) and the shown date lies more than
  GOVCRAWL_BACKDATE_URL_DAYS before it: the page was made then and dated back (旧文新发 filling a
  stale column). A month-only address (/202611/) is read as its first day, a lower bound.

Fails: /gzdt/202611/t20261115_09.html showing "发布日期：2025-03-10" → "页面显示的发布日期2025-03-10
比网址中的生成日期2026-11-15早615天"; a page fetched 2026-11-20 showing "发布时间：2027-01-15".
Passes: the same address showing 2026-11-15 or 2026-09-01 (under 90 days); a page showing only
"成文日期：2019-05-01"; an address without a date.

Reads: GOVCRAWL_BACKDATE_URL_DAYS (days the shown date may precede the address's date).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govcrawl.extract.dates import article_url_date
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.items import PageItem
from govcrawl.model.rule_conf import RuleConf

ID = "backdated"
PROBLEM_TYPE = "伪造发稿日期"
CATEGORY = DEDUCTION
SCOPE = "page"
READS: tuple[str, ...] = ("GOVCRAWL_BACKDATE_URL_DAYS",)
ALSO_YIELDS: tuple[str, ...] = ()

_PUBLISH_LABEL = re.compile(r"[发發][布佈](?:日期|时间|時間)|[发發]稿[时時][间間]")


def _finding(item: PageItem, key: str, description: str, evidence: str) -> Finding:
    return Finding(subject=item.site, problem_type=PROBLEM_TYPE, category=CATEGORY, key=key,
                   description=description, url=item.url, evidence=evidence, seen=item.fetched_at.date(),
                   rule=ID, pages=(item.url,))


def check(item: PageItem, conf: RuleConf) -> Iterator[Finding]:
    published = item.facts.publish_date
    shown = published.date
    if shown is None or published.source != "label" or not _PUBLISH_LABEL.search(item.facts.text):
        return
    seen = item.fetched_at.date()
    if shown > seen:
        yield _finding(item, "未来日期", f"页面显示的发布日期{shown}晚于页面被抓取的日期{seen}",
                       f"发布日期：{shown}（{seen}抓取）")
        return
    made = article_url_date(item.url)
    if made is None:
        return
    gap = (made - shown).days
    if gap > int(conf["GOVCRAWL_BACKDATE_URL_DAYS"]):
        yield _finding(item, "网址日期", f"页面显示的发布日期{shown}比网址中的生成日期{made}早{gap}天",
                       f"发布日期：{shown}；网址 {item.url}")
