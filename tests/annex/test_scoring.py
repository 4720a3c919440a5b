from __future__ import annotations

from datetime import date

from govcrawl.annex.scoring import FAIL, PASS, score_subject
from govcrawl.config import threshold_defaults
from govcrawl.model.findings import DEDUCTION, VETO, Finding
from govcrawl.model.rule_conf import RuleConf

CONF = RuleConf(date(2026, 9, 30), threshold_defaults())


def row(kind: str, key: str, *, category: str = DEDUCTION, points: float = 0.0, subject: str = "S") -> Finding:
    return Finding(subject=subject, problem_type=kind, category=category, key=key, description="d",
                   url="http://127.0.1.1/", evidence="e", seen=date(2026, 9, 30), rule="r", points=points)


def test_any_veto_fails_but_keeps_its_score() -> None:
    score = score_subject("S", [row("首页不更新", "home", category=VETO), row("错别字", "x")], CONF)
    assert (score.verdict, score.score, score.veto_count, score.deduction_count) == (FAIL, 99.0, 1, 1)


def test_a_veto_costs_no_points_and_a_vetoed_unit_scores_like_any_other() -> None:
    deductions = [row("栏目不更新", "c1"), row("空白栏目", "e1")]
    vetoed = score_subject("S", [*deductions, row("首页不更新", "home", category=VETO, points=30.0)], CONF)
    clean = score_subject("S", deductions, CONF)
    assert vetoed.score == clean.score == 93.0
    assert (vetoed.verdict, clean.verdict) == (FAIL, PASS)


def test_deductions_use_rule_points_else_the_type_default_and_respect_caps() -> None:
    findings = [row("不可用链接", f"l{i}", points=1.0) for i in range(3)]      # 3 points
    findings += [row("不可用链接", f"m{i}", points=0.1) for i in range(40)]    # +4 → capped at 5
    findings += [row("栏目不更新", "c1"), row("栏目不更新", "c2")]              # 2 × 5 = 10
    findings += [row("错别字", "t1", subject="other")]                          # not this subject
    score = score_subject("S", findings, CONF)
    assert score.score == 85.0 and score.verdict == PASS and score.deduction_count == 45


def test_score_under_the_pass_line_fails_and_at_it_passes() -> None:
    at_line = [row("栏目不更新", f"c{i}") for i in range(4)] + [row("空白栏目", f"e{i}") for i in range(5)]
    at_line += [row("办事指南要素缺失", f"g{i}") for i in range(10)]                 # 20 + 10 + 10
    assert score_subject("S", at_line, CONF).score == 60.0
    assert score_subject("S", at_line, CONF).verdict == PASS
    below = [*at_line, row("网站标识缺失", "icp")]
    assert score_subject("S", below, CONF).verdict == FAIL


def test_no_findings_is_full_marks() -> None:
    assert score_subject("S", [], CONF).score == 100.0


def test_bonus_points_are_added_after_the_caps_and_may_pass_100() -> None:
    findings = [row("不可用链接", f"l{i}", points=1.0) for i in range(10)]   # 10 points, capped at 5
    assert score_subject("S", findings, CONF, bonus=3.0).score == 98.0
    assert score_subject("S", [], CONF, bonus=10.0).score == 110.0
    vetoed = score_subject("S", [row("首页不更新", "home", category=VETO)], CONF, bonus=10.0)
    assert (vetoed.score, vetoed.verdict) == (110.0, FAIL), "a bonus never lifts a veto"
