"""年度报告未按时发布 — the 政府信息公开工作年度报告 for the previous year is missing or was published late (扣分).

A site with a 政府信息公开 section (one of its own pages is linked as 信息公开) must publish its
report on the previous year's 政府信息公开 work by GOVCRAWL_ANNUAL_REPORT_DEADLINE (month-day, 31
January) of the inspection year. The report is found by title anywhere the crawl went: an article
page or a list item whose title names the year (2025年, 二〇二五年), 信息公开 and 年度报告 (Simplified
or Traditional). Rows:

- late: every such report shows a date after the deadline (its publish date, or the list's date);
- missing: none was found, once the crawl saw at least GOVCRAWL_ANNUAL_REPORT_MIN_PAGES pages of the
  site (a smaller crawl is not enough to claim an absence).

Nothing is judged on or before the deadline, nor on a site without a disclosure section; a report
without any date counts as published in time.

Fails: as_of 2026-11-20, "2025年政府信息公开工作年度报告" published 2026-02-15 → "2025年政府信息公开
工作年度报告发布于2026-02-15，晚于2026-01-31"; no such title among 40 pages → a missing row.
Passes: the same report dated 2026-01-20; "二〇二五年度政府信息公开工作年度报告" undated; as_of 2026-01-15.

Reads: GOVCRAWL_ANNUAL_REPORT_DEADLINE, GOVCRAWL_ANNUAL_REPORT_MIN_PAGES (pages before a missing report is claimed).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from govcrawl.model.facts import DatedEntry, SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.model.text import to_simplified
from govcrawl.rules._site import site_finding

ID = "annual_report"
PROBLEM_TYPE = "年度报告未按时发布"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_ANNUAL_REPORT_DEADLINE", "GOVCRAWL_ANNUAL_REPORT_MIN_PAGES")
ALSO_YIELDS: tuple[str, ...] = ()

_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _names_year(title: str, year: int) -> bool:
    text = to_simplified(title)
    if "信息公开" not in text or "年度报告" not in text:
        return False
    return f"{year}年" in text.translate(_DIGITS)


def _deadline(conf: RuleConf) -> date:
    month, day = (int(part) for part in str(conf["GOVCRAWL_ANNUAL_REPORT_DEADLINE"]).split("-"))
    return date(conf.as_of.year, month, day)


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    deadline = _deadline(conf)
    if not facts.disclosure or conf.as_of <= deadline or facts.home is None:
        return
    year = conf.as_of.year - 1
    reports = [r for r in facts.reports if _names_year(r.title, year)]
    name = f"{year}年政府信息公开工作年度报告"
    if not reports:
        if facts.page_count >= int(conf["GOVCRAWL_ANNUAL_REPORT_MIN_PAGES"]):
            yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key=str(year), url=facts.disclosure[0],
                               description=f"未发布{name}",
                               evidence=f"检查的{facts.page_count}个页面中未找到标题含{year}年与政府信息公开工作年度报告的页面")
        return
    if any(r.date is None or r.date <= deadline for r in reports):
        return
    first: DatedEntry = min(reports, key=lambda r: r.date or deadline)
    yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key=str(year), url=first.url,
                       description=f"{name}发布于{first.date}，晚于{deadline}",
                       evidence=f"《{first.title}》 发布日期：{first.date}")
