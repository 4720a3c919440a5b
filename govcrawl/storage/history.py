"""The earlier inspections of a region: its runs before a given one, and their stored annex rows.

整改 tracking (govcrawl.annex.rectify) and the draft 通报 compare a run with those before it; this
module only reads them, newest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from govcrawl.model.facts import DatedArticle
from govcrawl.model.findings import Finding
from govcrawl.storage.finding_rows import load_findings
from govcrawl.storage.models import Page, Run, Verdict

__all__ = ["Inspection", "earlier_inspections", "inspection_runs", "republished_candidates", "verdicts_of"]

_IN_CHUNK = 500  # values per SQL IN (…): far below every database's bound parameter limit


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


def _dated_pages(session: Session, run_ids: Iterable[int], site: str,
                 titles: Iterable[str] | None = None) -> list[tuple[int, str, str, date, int]]:
    """(page id, title, url, shown date, run id) of the pages of ``site`` in ``run_ids`` that show a
    labelled 发布日期 (only those whose title is one of ``titles`` when given)."""
    query = select(Page.id, Page.title, Page.url, Page.publish_date, Page.run_id).where(
        Page.run_id.in_(list(run_ids)), Page.site == site, Page.date_source == "label",
        Page.publish_date.is_not(None), Page.title != "")
    if titles is None:
        return [(i, t, u, d, r) for i, t, u, d, r in session.execute(query.order_by(Page.id)) if d is not None]
    wanted = sorted(set(titles))
    rows: list[tuple[int, str, str, date, int]] = []
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = query.where(Page.title.in_(wanted[start:start + _IN_CHUNK])).order_by(Page.id)
        rows += [(i, t, u, d, r) for i, t, u, d, r in session.execute(chunk) if d is not None]
    return rows


def _texts(session: Session, ids: list[int]) -> dict[int, str]:
    texts: dict[int, str] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        query = select(Page.id, Page.facts).where(Page.id.in_(ids[start:start + _IN_CHUNK]))
        for page_id, facts in session.execute(query):
            text = facts.get("text") if isinstance(facts, Mapping) else None
            texts[page_id] = text if isinstance(text, str) else ""
    return texts


def republished_candidates(session: Session, run: Run, site: str) -> tuple[tuple[DatedArticle, ...],
                                                                          tuple[DatedArticle, ...]]:
    """What 旧文新发 compares for ``site``: this run's dated pages whose title (as stored) an earlier run
    of the same region and spider also saw, and those earlier pages, each with its visible text.
    Titles seen in only one of them are not loaded: the rule has nothing to compare them with."""
    earlier = {r.id: r.as_of for r in inspection_runs(session, run.region, run.spider) if r.as_of < run.as_of}
    if not earlier:
        return (), ()
    current = _dated_pages(session, [run.id], site)
    before = _dated_pages(session, earlier, site, (title for _, title, _, _, _ in current))
    seen_before = {title for _, title, _, _, _ in before}
    current = [row for row in current if row[1] in seen_before]
    texts = _texts(session, [row[0] for row in current + before])
    as_of: dict[int, date] = {**earlier, run.id: run.as_of}

    def articles(rows: list[tuple[int, str, str, date, int]]) -> tuple[DatedArticle, ...]:
        return tuple(DatedArticle(title, url, shown, as_of[run_id], texts.get(page_id, ""))
                     for page_id, title, url, shown, run_id in rows)

    return articles(current), articles(before)
