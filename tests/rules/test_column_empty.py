from __future__ import annotations

from datetime import date

from govcrawl.model.findings import DEDUCTION, VETO
from govcrawl.rules import column_empty
from tests.rules._site import check, column, facts


def test_empty_column_is_a_row_naming_the_marker() -> None:
    columns = (column("政策解读", "notice", None, empty=True, marker="暂无信息"),
               column("专题", "other", None, empty=True), column("工作动态", "news", date(2020, 1, 1)))
    found = check(column_empty, facts(columns=columns))
    assert [f.description for f in found] == ["‘政策解读’栏目无内容（页面显示“暂无信息”）",
                                              "‘专题’栏目无内容（列表无任何信息）"]
    assert {f.category for f in found} == {DEDUCTION}


def test_columns_with_items_and_unrendered_columns_pass() -> None:
    columns = (column("工作动态", "news", date(2020, 1, 1)),
               column("脚本栏目", "news", None, empty=True, rendering=True))
    assert check(column_empty, facts(columns=columns)) == []


def test_five_empty_columns_are_a_veto() -> None:
    four = tuple(column(f"空{i}", "other", None, empty=True) for i in range(4))
    assert {f.category for f in check(column_empty, facts(columns=four))} == {DEDUCTION}
    five = (*four, column("空4", "other", None, empty=True))
    assert {f.category for f in check(column_empty, facts(columns=five))} == {VETO}
    assert {f.category for f in check(column_empty, facts(columns=five), empty_veto_count=6)} == {DEDUCTION}
