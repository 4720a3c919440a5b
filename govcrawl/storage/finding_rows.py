"""Storing findings: an upsert that merges into the row of the same (run, subject, 问题类型, key).

Several crawl processes may share one database (a distributed run): each flushes its own merged
findings, and whoever comes second merges into the first one's row with govcrawl.model.merge.merge —
page counts add up, pages unite. A concurrent insert of the same key is caught by the unique
constraint and retried as a merge.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from govcrawl.model.findings import Finding
from govcrawl.model.merge import dedup, merge
from govcrawl.storage.models import FindingRow

logger = logging.getLogger(__name__)


def row_to_finding(row: FindingRow) -> Finding:
    return Finding(subject=row.subject, problem_type=row.problem_type, category=row.category, key=row.key,
                   description=row.description, url=row.url, evidence=row.evidence, seen=row.seen,
                   rule=row.rule, pages=tuple(row.pages), page_count=row.page_count, points=row.points,
                   screenshot=row.screenshot, note=row.note)


def _write(row: FindingRow, finding: Finding) -> None:
    row.category = finding.category
    row.description = finding.description
    row.url = finding.url
    row.evidence = finding.evidence
    row.seen = finding.seen
    row.rule = finding.rule
    row.pages = list(finding.pages)
    row.page_count = finding.page_count
    row.points = finding.points
    row.screenshot = finding.screenshot
    row.note = finding.note


def _upsert(session: Session, run_id: int, finding: Finding, max_pages: int) -> None:
    query = select(FindingRow).where(
        FindingRow.run_id == run_id, FindingRow.subject == finding.subject,
        FindingRow.problem_type == finding.problem_type, FindingRow.key == finding.key).with_for_update()
    for _ in range(2):
        row = session.scalars(query).first()
        if row is not None:
            _write(row, merge(row_to_finding(row), finding, max_pages))
            return
        try:
            with session.begin_nested():
                row = FindingRow(run_id=run_id, subject=finding.subject, problem_type=finding.problem_type,
                                 key=finding.key)
                _write(row, finding)
                session.add(row)
            return
        except IntegrityError:
            logger.debug("finding %s inserted concurrently; merging", finding.dedup_key)
    raise RuntimeError(f"could not store finding {finding.dedup_key}")


def save_findings(session: Session, run_id: int, findings: Iterable[Finding], max_pages: int) -> int:
    """Upsert-merge ``findings`` into run ``run_id``; returns the number of distinct keys written.
    The caller commits."""
    merged = dedup(findings, max_pages)
    for finding in merged:
        _upsert(session, run_id, finding, max_pages)
    return len(merged)


def load_findings(session: Session, run_id: int) -> list[Finding]:
    rows = session.scalars(select(FindingRow).where(FindingRow.run_id == run_id).order_by(FindingRow.id))
    return [row_to_finding(row) for row in rows]


def delete_findings(session: Session, run_id: int, rules: Collection[str]) -> None:
    """Drop the rows ``rules`` wrote in run ``run_id`` (site rules are re-run, not merged twice)."""
    session.execute(delete(FindingRow).where(FindingRow.run_id == run_id, FindingRow.rule.in_(list(rules))))
