"""The earlier inspections of a region: its runs before a given one, and their stored annex rows.

整改 tracking (govcrawl.annex.rectify) and the draft 通报 compare a run with those before it; this
module only reads them, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from govcrawl.model.findings import Finding
from govcrawl.storage.finding_rows import load_findings
from govcrawl.storage.models import Run, Verdict

__all__ = ["Inspection", "earlier_inspections", "inspection_runs", "verdicts_of"]


@dataclass(frozen=True)
class Inspection:
    """One earlier run: its date and its annex rows."""

    run_id: int
    as_of: date
    findings: tuple[Finding, ...]


def inspection_runs(session: Session, region: str, spider: str, until: date | None = None) -> list[Run]:
    """The runs of ``region`` by ``spider``, oldest first (up to and including ``until`` when given)."""
    query = select(Run).where(Run.region == region, Run.spider == spider)
    if until is not None:
        query = query.where(Run.as_of <= until)
    return list(session.scalars(query.order_by(Run.as_of, Run.id)))


def earlier_inspections(session: Session, run: Run, previous: date | None = None) -> list[Inspection]:
    """The runs of the same region and spider before ``run``, newest first. With ``previous`` the
    list starts at the run of that date (none of that date: empty); without it, at the latest
    earlier one."""
    runs = [r for r in inspection_runs(session, run.region, run.spider) if r.as_of < run.as_of]
    if previous is not None:
        if not any(r.as_of == previous for r in runs):
            return []
        runs = [r for r in runs if r.as_of <= previous]
    return [Inspection(r.id, r.as_of, tuple(load_findings(session, r.id))) for r in reversed(runs)]


def verdicts_of(session: Session, run_id: int) -> dict[str, Verdict]:
    """The stored 检查结果 of a run, by unit key."""
    return {v.subject: v for v in session.scalars(select(Verdict).where(Verdict.run_id == run_id))}
