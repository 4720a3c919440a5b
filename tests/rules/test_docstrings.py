"""Every registered rule's docstring follows the one template (it is the rule's user documentation,
printed by ``scrapy rules ID``):

    问题类型 — what it checks (指标类别[; any other 指标类别 it yields and when]).

    How it judges: what counts, what is never reported, how rows are formed (any paragraphs).

    Fails: an example that yields a row, with the row's 问题描述 where it helps.
    Passes: the nearest examples that do not.

    Reads: GOVCRAWL_A, GOVCRAWL_B (notes)    — or "Reads: nothing (why)."

The summary may wrap; its last parenthesis names ``CATEGORY`` first and every ``ALSO_YIELDS``
category after it. Fails, Passes and Reads each start one line, in that order, Reads last; the
settings named in Reads are the module's ``READS``, in order.
"""

from __future__ import annotations

import inspect
import re

import pytest

from govcrawl.model.findings import DEDUCTION, VETO
from govcrawl.rules import RULES
from govcrawl.rules.base import RuleModule

_SETTING = re.compile(r"\bGOVCRAWL_[A-Z0-9_]+")
_SECTIONS = ("Fails:", "Passes:", "Reads:")


def _paragraphs(rule: RuleModule) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", inspect.cleandoc(rule.__doc__ or ""))]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_summary_names_problem_type_and_categories(rule: RuleModule) -> None:
    summary = _paragraphs(rule)[0]
    assert summary.startswith(f"{rule.PROBLEM_TYPE} — "), summary
    match = re.search(r"\(([^()]*)\)\.?$", summary)
    assert match, f"the summary must end with (指标类别): {summary}"
    first, _, rest = match.group(1).partition(";")
    assert first.split(":")[0].strip() == rule.CATEGORY, summary
    other = ({VETO, DEDUCTION} - {rule.CATEGORY}).pop()
    assert (other in rest) == (other in rule.ALSO_YIELDS), f"ALSO_YIELDS and the summary disagree: {summary}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_sections_in_order_and_reads_matches_reads(rule: RuleModule) -> None:
    lines = inspect.cleandoc(rule.__doc__ or "").splitlines()
    starts = [next((i for i, line in enumerate(lines) if line.startswith(s)), -1) for s in _SECTIONS]
    assert -1 not in starts and starts == sorted(starts), f"{rule.ID} lacks or misorders {_SECTIONS}"
    for section in _SECTIONS:
        assert sum(line.startswith(section) for line in lines) == 1, f"{rule.ID}: {section} twice"
    reads = _paragraphs(rule)[-1]
    assert reads.startswith("Reads:"), f"{rule.ID}: Reads must be the last section"
    assert tuple(_SETTING.findall(reads)) == rule.READS, f"{rule.ID}: Reads says {reads!r}, READS is {rule.READS}"
    if not rule.READS:
        assert reads.startswith("Reads: nothing")


def test_a_docstring_off_the_template_fails() -> None:
    class Stray:
        """严重表述错误 — something (扣分).

        Fails: x.
        Passes: y.

        Reads: GOVCRAWL_QUOTE_CHARS.
        """

        ID = "stray"
        PROBLEM_TYPE = "严重表述错误"
        CATEGORY = VETO
        SCOPE = "page"
        READS = ("GOVCRAWL_QUOTE_CHARS", "GOVCRAWL_WORDING_IGNORE")
        ALSO_YIELDS: tuple[str, ...] = ()

    with pytest.raises(AssertionError):
        test_summary_names_problem_type_and_categories(Stray)  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="READS is"):
        test_sections_in_order_and_reads_matches_reads(Stray)  # type: ignore[arg-type]
