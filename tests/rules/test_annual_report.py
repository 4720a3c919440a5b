from __future__ import annotations

from datetime import date

from govcrawl.model.facts import DatedEntry
from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import annual_report
from tests.rules._site import check, facts

GKML = "http://127.0.1.1/gkml/"
REPORT = "http://127.0.1.1/gkml/202602/t20260215_1.html"


def site(*reports: DatedEntry, pages: int = 50, disclosure: tuple[str, ...] = (GKML,)) -> object:
    return facts(reports=reports, disclosure=disclosure, page_count=pages)


def report(title: str, published: date | None) -> DatedEntry:
    return DatedEntry(title, REPORT, published)


def test_late_report_is_a_row_with_its_date() -> None:
    [finding] = check(annual_report, site(report("某县2025年政府信息公开工作年度报告", date(2026, 2, 15))))
    assert finding.description == "2025年政府信息公开工作年度报告发布于2026-02-15，晚于2026-01-31"
    assert (finding.category, finding.url) == (DEDUCTION, REPORT)


def test_report_in_time_undated_or_in_chinese_numerals_passes() -> None:
    assert check(annual_report, site(report("2025年政府信息公开工作年度报告", date(2026, 1, 20)))) == []
    assert check(annual_report, site(report("某縣二〇二五年政府信息公開工作年度報告", None))) == []


def test_missing_report_is_a_row_once_enough_pages_were_seen() -> None:
    older = report("2024年政府信息公开工作年度报告", date(2025, 1, 20))
    [finding] = check(annual_report, site(older))
    assert finding.description == "未发布2025年政府信息公开工作年度报告" and finding.url == GKML
    assert check(annual_report, site(older, pages=19)) == []
    assert check(annual_report, site(older, pages=19), annual_report_min_pages=10)


def test_not_judged_before_the_deadline_or_without_a_disclosure_section() -> None:
    assert check(annual_report, site(disclosure=())) == []
    assert check(annual_report, site())  # due 01-31, as_of 2026-09-30: the missing report is a row
    assert check(annual_report, site(), annual_report_deadline="12-31") == []
