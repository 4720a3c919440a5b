"""检查结果: the verdict and score of one site or account from its annex rows.

Every unit gets a score: 100 minus the deductions, each 问题类型 capped at its item's points
(GOVCRAWL_DEDUCTION_CAPS). Any 单项否决 → 不合格 whatever the score (the veto decides the verdict, it
does not blank the score: the office ranks vetoed units too); else under GOVCRAWL_PASS_SCORE → 不合格.
A 单项否决 row costs no points itself. 加分项 (the region file's [bonus] table, empty by default)
are added after the deductions, so a score may pass 100 as in real circulars (110分及以上). A row
costs its own ``points`` when its rule set them (不可用链接: homepage or not), else the type's
GOVCRAWL_DEDUCTION_POINTS.

A check that could not be completed (a rule that raised, a crawl that did not finish, a network
fault) never ends 合格: missing checks could only add problems, so such a subject is 检查未完成
with its reasons; 不合格 stands, since the problems found are real.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from govcrawl.model.findings import Finding
from govcrawl.model.rule_conf import RuleConf

PASS = "合格"
FAIL = "不合格"
UNCHECKED = "未检查"
INCOMPLETE = "检查未完成"
FULL_SCORE = 100.0


@dataclass(frozen=True)
class Score:
    subject: str
    veto_count: int
    deduction_count: int
    score: float | None
    verdict: str
    #: why the check of this subject is incomplete (empty when complete)
    incomplete: tuple[str, ...] = ()


def deduction(finding: Finding, conf: RuleConf) -> float:
    return finding.points or float(conf["GOVCRAWL_DEDUCTION_POINTS"].get(finding.problem_type, 0.0))


def score_subject(subject: str, findings: Iterable[Finding], conf: RuleConf, bonus: float = 0.0) -> Score:
    """The verdict of ``subject`` from its (deduplicated) findings and its 加分项 points."""
    mine = [f for f in findings if f.subject == subject]
    vetoes = sum(f.is_veto for f in mine)
    per_type: dict[str, float] = defaultdict(float)
    for finding in mine:
        if not finding.is_veto:
            per_type[finding.problem_type] += deduction(finding, conf)
    caps = conf["GOVCRAWL_DEDUCTION_CAPS"]
    lost = sum(min(points, caps.get(kind, points)) for kind, points in per_type.items())
    score = round(FULL_SCORE - lost + bonus, 1)
    passed = not vetoes and score >= conf["GOVCRAWL_PASS_SCORE"]
    return Score(subject, vetoes, len(mine) - vetoes, score, PASS if passed else FAIL)


def unchecked(subject: str) -> Score:
    """A subject the run holds nothing about (not crawled): no verdict is made up for it."""
    return Score(subject, 0, 0, None, UNCHECKED)


def with_issues(score: Score, reasons: Iterable[str]) -> Score:
    """``score`` with the reasons its check is incomplete; a 合格 becomes 检查未完成."""
    reasons = tuple(dict.fromkeys(reasons))
    if not reasons:
        return score
    return replace(score, incomplete=reasons, verdict=INCOMPLETE if score.verdict == PASS else score.verdict)
