from __future__ import annotations

from govcrawl.model.facts import GuideFacts
from govcrawl.model.findings import DEDUCTION, VETO
from govcrawl.rules import guide_elements
from tests.rules._site import check, facts

FOUR = ("设定依据", "申请条件", "办理地点", "联系电话")


def guides(n: int, missing: tuple[str, ...]) -> tuple[GuideFacts, ...]:
    return tuple(GuideFacts(f"http://127.0.1.1/bs/{i}.html", f"事项{i}", missing) for i in range(n))


def test_incomplete_guide_names_what_it_lacks() -> None:
    [finding] = check(guide_elements, facts(guides=guides(1, ("设定依据", "办理地点"))))
    assert finding.category == DEDUCTION and finding.problem_type == "办事指南要素缺失"
    assert finding.description == "办事指南‘事项0’缺少设定依据、办理地点（共2项要素）"


def test_complete_guides_and_sites_without_guides_pass() -> None:
    assert check(guide_elements, facts(guides=guides(3, ()))) == []
    assert check(guide_elements, facts(guides=())) == []


def test_five_guides_missing_four_kinds_are_a_veto() -> None:
    assert {f.category for f in check(guide_elements, facts(guides=guides(4, FOUR)))} == {DEDUCTION}
    mixed = (*guides(5, FOUR), GuideFacts("http://127.0.1.1/bs/x.html", "其他", ("联系电话",)))
    assert [f.category for f in check(guide_elements, facts(guides=mixed))] == [VETO] * 5 + [DEDUCTION]
    assert {f.category for f in check(guide_elements, facts(guides=guides(5, FOUR[:3])))} == {DEDUCTION}
