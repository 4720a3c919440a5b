"""What both annexes share: the result of writing one, its summary line, the 问题描述 of a merged
row, the choice and order of rows, and the verdicts stored beside them."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from govcrawl.annex.scoring import FAIL, PASS, Score, with_issues
from govcrawl.model.findings import Finding
from govcrawl.storage.models import Run, Verdict
from govcrawl.storage.run_issues import EVERY_SUBJECT, fact_issues, load_issues

logger = logging.getLogger(__name__)


def pass_rate(scores: Sequence[Score]) -> float | None:
    """合格 among the judged units (unchecked ones are not counted); None when none was judged."""
    judged = [s for s in scores if s.verdict in (PASS, FAIL)]
    return sum(s.verdict == PASS for s in judged) / len(judged) if judged else None


def summary_line(scores: Sequence[Score], unit: str) -> str:
    """共检查N个网站，合格M个，不合格K个，合格率X% (unchecked units are named, not counted)."""
    judged = [s for s in scores if s.verdict in (PASS, FAIL)]
    passed = sum(s.verdict == PASS for s in judged)
    rate = pass_rate(judged)
    line = f"共检查{len(judged)}个{unit}，合格{passed}个，不合格{len(judged) - passed}个，合格率{percent(rate)}"
    incomplete = [s for s in scores if s.incomplete and s.verdict not in (PASS, FAIL)]
    missing = len(scores) - len(judged) - len(incomplete)
    line += f"；另有{len(incomplete)}个{unit}检查未完成" if incomplete else ""
    return line + (f"；另有{missing}个{unit}本次未检查" if missing else "")


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1%}"


def incomplete_scores(session: Session, run_id: int, scores: Iterable[Score],
                      fresh: Mapping[str, Sequence[str]]) -> tuple[Score, ...]:
    """``scores`` with the reasons each subject's check is incomplete: those recorded for the run
    (for every subject, and for this one), those its stored facts show, and ``fresh`` ones of this
    finalization (site or account rules that raised). The run's ``incomplete`` column names them
    all ("" when complete)."""
    issues = load_issues(session, run_id)
    every = issues.get(EVERY_SUBJECT, [])
    facts = fact_issues(session, run_id)
    result = tuple(with_issues(score, [*every, *issues.get(score.subject, []), *facts.get(score.subject, []),
                                       *fresh.get(score.subject, ())])
                   for score in scores)
    run = session.get(Run, run_id)
    if run is not None:
        run.incomplete = "\n".join(f"{s.subject}: {'；'.join(s.incomplete)}" for s in result if s.incomplete)
    return result


@dataclass(frozen=True)
class AnnexResult:
    """A written annex: where it is, and what it says in sum."""

    path: Path
    run_id: int
    as_of: date
    rows: int
    scores: tuple[Score, ...]
    unit: str

    @property
    def summary(self) -> str:
        return summary_line(self.scores, self.unit)

    @property
    def complete(self) -> bool:
        """Whether every subject's check was completed."""
        return not any(score.incomplete for score in self.scores)

    def lines(self) -> list[str]:
        """What a person is told: the workbook's path, the summary, and every incomplete check."""
        return [str(self.path), f"{self.rows} rows; {self.summary} (as_of {self.as_of}, run {self.run_id})",
                *(f"INCOMPLETE {s.subject} ({s.verdict}): {'；'.join(s.incomplete)}"
                  for s in self.scores if s.incomplete)]


def described(finding: Finding) -> str:
    """The 问题描述 of a merged row: the rule's sentence, on how many pages it recurs, and any note
    on how it was judged (e.g. made without a browser)."""
    text = finding.description
    if finding.page_count > 1:
        text = f"{text}（出现在{finding.page_count}个页面）"
    if finding.note:
        text = f"{text}【{finding.note}】"
    return text


def other_pages(finding: Finding) -> str:
    """The 其他出现页面 cell of a merged row: the pages it recurs on besides its 问题页面, one a line."""
    return "\n".join(page for page in finding.pages if page != finding.url)


def annex_findings(findings: Iterable[Finding], order: Mapping[str, int],
                   vocabulary: Sequence[str], annex: str) -> list[Finding]:
    """The findings an annex lists, in its order: by unit (the region file's order), vetoes first,
    then by 问题类型 in vocabulary order. Findings of units the region file does not list, or of a
    问题类型 outside the annex's vocabulary, are left out with a log line."""
    kept = []
    for finding in findings:
        if finding.subject not in order:
            logger.warning("%s: finding for %s, which the region file does not list: left out", annex,
                           finding.subject)
        elif finding.problem_type not in vocabulary:
            logger.error("%s: rule %s gave 问题类型 %r outside the vocabulary: left out", annex, finding.rule,
                         finding.problem_type)
        else:
            kept.append(finding)
    rank = {problem_type: index for index, problem_type in enumerate(vocabulary)}
    kept.sort(key=lambda f: (order[f.subject], not f.is_veto, rank[f.problem_type], f.key))
    return kept


INCOMPLETE_COLUMN = "未完成项"


def incomplete_cell(score: Score) -> str:
    """The 检查结果 cell that says why a subject's check is incomplete."""
    return "；".join(score.incomplete)


def save_verdicts(session: Session, run_id: int, scores: Iterable[Score]) -> None:
    """Replace the stored verdicts of these units in a run."""
    scores = list(scores)
    session.execute(delete(Verdict).where(Verdict.run_id == run_id,
                                          Verdict.subject.in_([s.subject for s in scores])))
    session.add_all(Verdict(run_id=run_id, subject=s.subject, veto_count=s.veto_count,
                            deduction_count=s.deduction_count, score=s.score, verdict=s.verdict)
                    for s in scores)
