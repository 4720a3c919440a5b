"""整改 tracking: the pure comparison over two and three inspections, and the 整改情况 sheet that
finalize_run writes from runs stored in a database (SQLite in a temporary folder)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from govcrawl.annex.rectify import FIXED, NEW, UNFIXED, Followup, compare, repeat_offenders, status_counts
from govcrawl.annex.sites import finalize_run
from govcrawl.annex.xlsx import read_notes
from govcrawl.storage.history import Inspection
from tests.annex.history_db import Q1, Q2, Q3, problem, sheet, three_inspections


def by_key(followups: Sequence[Followup]) -> dict[tuple[str, str, str], Followup]:
    return {f.finding.dedup_key: f for f in followups}


def test_two_inspections_fixed_unfixed_and_new() -> None:
    before = Inspection(1, Q1, (problem("A", "错别字", "再接再励", Q1), problem("A", "错别字", "按步就班", Q1),
                                problem("B", "栏目不更新", "http://127.0.1.111/gzdt/", Q1)))
    now = [problem("A", "错别字", "再接再励", Q2), problem("B", "错别字", "既使", Q2)]
    result = by_key(compare(now, Q2, [before]))
    kept = result[("A", "错别字", "再接再励")]
    assert (kept.status, kept.previous_seen, kept.now, kept.first_seen, kept.unfixed_times) == (UNFIXED, Q1, Q2, Q1, 1)
    assert result[("A", "错别字", "按步就班")].status == FIXED
    assert result[("B", "栏目不更新", "http://127.0.1.111/gzdt/")].status == FIXED
    assert (result[("B", "错别字", "既使")].status, result[("B", "错别字", "既使")].previous_seen) == (NEW, None)
    assert status_counts(list(result.values())) == {UNFIXED: 1, FIXED: 2, NEW: 1}
    assert repeat_offenders(list(result.values())) == [], "unfixed once is not yet a repeat offender"


def test_the_same_problem_on_another_page_is_still_unfixed() -> None:
    before = Inspection(1, Q1, (problem("A", "不可用链接", "http://127.0.1.110/old.html", Q1,
                                        page="http://127.0.1.110/index.html"),))
    now = [problem("A", "不可用链接", "http://127.0.1.110/old.html", Q2, page="http://127.0.1.110/zwgk/")]
    [followup] = compare(now, Q2, [before])
    assert followup.status == UNFIXED and followup.finding.url == "http://127.0.1.110/zwgk/"


def test_another_unit_or_type_with_the_same_key_is_a_different_problem() -> None:
    before = Inspection(1, Q1, (problem("A", "错别字", "再接再励", Q1),))
    now = [problem("B", "错别字", "再接再励", Q2), problem("A", "严重表述错误", "再接再励", Q2)]
    assert status_counts(compare(now, Q2, [before])) == {UNFIXED: 0, FIXED: 1, NEW: 2}


def test_three_inspections_name_the_repeat_offenders() -> None:
    q1 = Inspection(1, Q1, (problem("A", "错别字", "再接再励", Q1), problem("B", "错别字", "既使", Q1)))
    q2 = Inspection(2, Q2, (problem("A", "错别字", "再接再励", Q2), problem("C", "错别字", "按步就班", Q2)))
    now = [problem("A", "错别字", "再接再励", Q3), problem("B", "错别字", "既使", Q3),
           problem("C", "错别字", "按步就班", Q3)]
    result = by_key(compare(now, Q3, [q2, q1]))
    twice = result[("A", "错别字", "再接再励")]
    assert (twice.status, twice.first_seen, twice.previous_seen, twice.unfixed_times) == (UNFIXED, Q1, Q2, 2)
    again = result[("B", "错别字", "既使")]
    assert again.status == NEW, "gone in Q2 and back in Q3: found again, not left unfixed"
    assert result[("C", "错别字", "按步就班")].unfixed_times == 1
    assert repeat_offenders(list(result.values())) == ["A"]


def test_no_previous_inspection_compares_nothing() -> None:
    assert compare([problem("A", "错别字", "再接再励", Q1)], Q1, []) == []


def test_the_annex_gains_a_rectification_sheet_over_three_runs(tmp_path: Path) -> None:
    engine, region, settings, written = three_inspections(tmp_path)
    run_id = written[Q3].run_id
    written = {as_of: result.path for as_of, result in written.items()}
    first = sheet(written[Q1], "整改情况")
    assert first[0][:7] == ["序号", "主办单位", "名称", "问题类型", "问题描述", "问题页面", "整改情况"]
    assert not any(isinstance(r[0], int) for r in first)
    assert read_notes(written[Q1], "整改情况") == ["无上次检查记录，本次不作整改对比"]
    second = [r for r in sheet(written[Q2], "整改情况")[1:] if r[0] is not None]
    assert [(r[2], r[6]) for r in second[:2]] == [("整改市人民政府", UNFIXED), ("整改市教育局", FIXED)]
    assert second[0][5] == "http://127.0.1.110/b.html" and second[0][7].date() == Q1
    third = sheet(written[Q3], "整改情况")
    rows = [r for r in third[1:] if isinstance(r[0], int)]
    assert [(r[2], r[3], r[6], r[10]) for r in rows] == [
        ("整改市人民政府", "错别字", UNFIXED, 2), ("整改市教育局", "错别字", NEW, 0),
        ("整改市卫生健康委员会", "栏目不更新", NEW, 0), ("整改市卫生健康委员会", "首页不更新", NEW, 0)]
    assert read_notes(written[Q3], "整改情况") == [
        "上次检查日期：2026-06-30", "上次问题1个：已整改0个，未整改1个；本次新发现问题3个",
        "连续2次检查未整改的单位：整改市人民政府"]
    with_q1 = finalize_run(engine, run_id, region, settings, previous=Q1).path
    against_q1 = [(r[2], r[6]) for r in sheet(with_q1, "整改情况")[1:] if isinstance(r[0], int)]
    assert against_q1[:3] == [("整改市人民政府", UNFIXED), ("整改市教育局", FIXED), ("整改市教育局", NEW)]
    engine.dispose()
