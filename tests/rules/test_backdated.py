from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import backdated
from tests.rules._helpers import check, page

ARTICLE = "/gzdt/202609/t20260915_3.html"


def article(shown: str, path: str = ARTICLE, label: str = "发布日期") -> object:
    return page(f"<h1>召开工作推进会</h1><p>{label}：{shown}　来源：某某县农业农村局</p><p>会议要求……</p>", path=path)


def test_shown_date_months_before_the_address_date_is_a_row() -> None:
    [finding] = check(backdated, article("2025-03-10"))
    assert finding.description == "页面显示的发布日期2025-03-10比网址中的生成日期2026-09-15早554天"
    assert finding.category == DEDUCTION and finding.url.endswith(ARTICLE)


def test_threshold_is_a_setting() -> None:
    assert check(backdated, article("2026-07-01")) == []  # 76 days < 90
    assert [f.key for f in check(backdated, article("2026-07-01"), backdate_url_days=60)] == ["网址日期"]


def test_future_date_is_a_row_whatever_the_address() -> None:
    [finding] = check(backdated, article("2026-10-15", path="/xwdt/content_7.html"))
    assert finding.description == "页面显示的发布日期2026-10-15晚于页面被抓取的日期2026-09-30"


def test_date_after_as_of_but_before_the_fetch_is_not_judged() -> None:
    item = replace(article("2026-10-01", path="/xwdt/content_7.html"), fetched_at=datetime(2026, 10, 2, 8, 0))
    assert check(backdated, item) == []


def test_traditional_label_month_only_address_and_no_date_in_the_address() -> None:
    assert check(backdated, article("2025-01-02", path="/xwdt/202609/a.html", label="發佈時間"))
    assert check(backdated, article("2025-01-02", path="/xwdt/content_7.html")) == []


def test_a_document_signed_earlier_is_not_backdated() -> None:
    assert check(backdated, article("2019-05-01", label="成文日期")) == []
    assert check(backdated, page("<h1>办法</h1><p>2019-05-01</p>", path=ARTICLE)) == []
