from __future__ import annotations

from dataclasses import replace

from govcrawl.model.facts import PageAccess
from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import accessibility
from tests.rules._site import HOME, check, facts

CARING = replace(HOME, care_entry=True)


def pages(failing: int, passing: int) -> tuple[PageAccess, ...]:
    bad = tuple(PageAccess(f"http://127.0.1.1/b{i}.html", ("图片缺少替代文本2处",)) for i in range(failing))
    return bad + tuple(PageAccess(f"http://127.0.1.1/g{i}.html", ()) for i in range(passing))


def test_off_by_default() -> None:
    assert check(accessibility, facts(home=replace(HOME, care_entry=False), accessibility=pages(9, 1))) == []


def test_missing_entry_is_a_row() -> None:
    [finding] = check(accessibility, facts(home=replace(HOME, care_entry=False)), accessibility_check=True)
    assert (finding.category, finding.problem_type, finding.key) == (DEDUCTION, "适老化与无障碍", "入口")
    assert "关怀版" in finding.description


def test_share_at_the_threshold_is_a_row_with_the_first_examples() -> None:
    [finding] = check(accessibility, facts(home=CARING, accessibility=pages(3, 7)), accessibility_check=True,
                      accessibility_failing_share=0.3)
    assert "抽查10个页面，3个（30%）" in finding.description
    assert "http://127.0.1.1/b0.html：图片缺少替代文本2处" in finding.description
    assert finding.page_count == 3


def test_share_below_the_threshold_passes() -> None:
    assert check(accessibility, facts(home=CARING, accessibility=pages(2, 8)), accessibility_check=True,
                 accessibility_failing_share=0.3) == []


def test_only_the_sample_counts() -> None:
    sample = pages(0, 4) + pages(6, 0)  # the failing pages come after the sample
    assert check(accessibility, facts(home=CARING, accessibility=sample), accessibility_check=True,
                 accessibility_sample_pages=4) == []


def test_unknown_or_unrendered_homepage_is_not_judged() -> None:
    assert check(accessibility, facts(home=HOME), accessibility_check=True) == []  # care_entry unknown
    assert check(accessibility, facts(home=replace(HOME, care_entry=False, needs_rendering=True)),
                 accessibility_check=True) == []
    assert check(accessibility, facts(home=None, accessibility=pages(5, 0)), accessibility_check=True) == []
