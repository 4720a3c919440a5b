from __future__ import annotations

from datetime import date

from govcrawl.model.findings import DEDUCTION, VETO
from govcrawl.rules import column_stale
from tests.rules._site import check, column, facts

OLD = date(2025, 1, 1)


def test_stale_news_column_is_a_deduction_row_with_its_date() -> None:
    [finding] = check(column_stale, facts(columns=(column("工作动态", "news", date(2026, 9, 1)),)))
    assert finding.category == DEDUCTION and finding.problem_type == "栏目不更新"
    assert finding.description == "‘工作动态’栏目最近更新于2026-09-01，超过2周未更新"
    assert finding.url == finding.key == "http://127.0.1.1/工作动态/"


def test_each_class_has_its_own_limit() -> None:
    columns = (column("通知公告", "notice", date(2026, 3, 31)),   # 183 days: at the limit
               column("政策文件", "notice", date(2026, 3, 30)),   # 184 days
               column("人事信息", "plan", date(2025, 9, 29)),     # 366 days
               column("规划计划", "plan", date(2025, 9, 30)),     # 365 days
               column("工作动态", "news", date(2026, 9, 16)),     # 14 days
               column("领导之窗", "other", OLD))                  # other: not judged
    found = check(column_stale, facts(columns=columns))
    assert [f.description for f in found] == ["‘政策文件’栏目最近更新于2026-03-30，超过6个月未更新",
                                              "‘人事信息’栏目最近更新于2025-09-29，超过1年未更新"]


def test_undated_column_counts_but_empty_and_unrendered_ones_do_not() -> None:
    columns = (column("部门动态", "news", None, items=12), column("空栏目", "news", None, empty=True),
               column("脚本栏目", "news", OLD, rendering=True))
    [finding] = check(column_stale, facts(columns=columns))
    assert "‘部门动态’栏目共12条信息均无发布日期" in finding.description


def test_five_stale_news_or_notice_columns_make_every_such_row_a_veto() -> None:
    columns = (*tuple(column(f"动态{i}", "news", OLD) for i in range(4)), column("人事", "plan", OLD))
    assert {f.category for f in check(column_stale, facts(columns=columns))} == {DEDUCTION}
    columns += (column("通知公告", "notice", OLD),)
    found = check(column_stale, facts(columns=columns))
    assert [f.category for f in found] == [VETO] * 4 + [DEDUCTION, VETO]


def test_ten_stale_columns_of_any_class_are_a_veto() -> None:
    columns = tuple(column(f"规划{i}", "plan", OLD) for i in range(9))
    assert {f.category for f in check(column_stale, facts(columns=columns))} == {DEDUCTION}
    found = check(column_stale, facts(columns=(*columns, column("计划", "plan", OLD))))
    assert {f.category for f in found} == {VETO} and len(found) == 10
