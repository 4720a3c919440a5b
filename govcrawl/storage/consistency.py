"""Is the database consistent? What a crawl killed at any moment must never leave behind.

``consistency_problems`` lists, in words, every breach of what the store promises, and nothing when
there is none:

- no orphan rows: every row of a table with a ``run_id`` belongs to a run that exists (SQLite
  enforces the foreign keys only on connections that turn them on);
- nothing doubled: no two rows share the key of one of the schema's unique constraints (a page per
  run and URL, a finding per run, subject, 问题类型 and key, a link per run, site and URL …) —
  read from the models, so a table added later is checked too (a database made before a
  constraint existed may lack it);
- links and findings point at what the run stored: every place a link was seen (``link_seen``) is a
  stored page of its run, every finding and page names a subject of its run;
- run bookkeeping: a run is either still open (status ``running``, no end time) or closed with a
  reason and an end time no earlier than its start; a column has read at least one page.

A crawl writes each batch in one transaction, so a kill between two batches leaves a consistent
database with fewer rows; the killed run stays ``running`` until a new crawl of the same region,
spider and as_of replaces it.
"""

from __future__ import annotations

from sqlalchemy import Engine, Table, and_, exists, func, not_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import UniqueConstraint

from govcrawl.storage.models import Base, Column, FindingRow, LinkSeen, Page, Run, Subject

__all__ = ["consistency_problems"]


def _orphans(session: Session, table: Table) -> str | None:
    count = session.scalar(select(func.count()).select_from(table).where(
        not_(exists().where(Run.id == table.c.run_id))))
    return f"{table.name}: {count} rows of runs that do not exist" if count else None


def _doubled(session: Session, table: Table, constraint: UniqueConstraint) -> str | None:
    columns = [table.c[c.name] for c in constraint.columns]
    groups = select(*columns).group_by(*columns).having(func.count() > 1).subquery()
    count = session.scalar(select(func.count()).select_from(groups))
    names = ", ".join(c.name for c in columns)
    return f"{table.name}: {count} keys ({names}) stored more than once" if count else None


def _dangling(session: Session) -> list[str]:
    problems = []
    seen_nowhere = session.scalar(select(func.count()).select_from(LinkSeen).where(not_(exists().where(
        Page.run_id == LinkSeen.run_id, Page.url == LinkSeen.page_url))))
    if seen_nowhere:
        problems.append(f"link_seen: {seen_nowhere} rows name a page their run did not store")
    for model, column in ((FindingRow, FindingRow.subject), (Page, Page.site)):
        count = session.scalar(select(func.count()).select_from(model).where(not_(exists().where(
            Subject.run_id == model.run_id, Subject.key == column))))
        if count:
            problems.append(f"{model.__tablename__}: {count} rows name a subject their run does not list")
    return problems


def _bookkeeping(session: Session) -> list[str]:
    problems = []
    open_but_ended = or_(and_(Run.status == "running", Run.finished_at.is_not(None)),
                         and_(Run.status != "running", Run.finished_at.is_(None)),
                         Run.finished_at < Run.started_at)
    bad = session.scalars(select(Run.id).where(open_but_ended)).all()
    if bad:
        problems.append(f"runs {list(bad)}: status and end time disagree")
    empty = session.scalar(select(func.count()).select_from(Column).where(
        or_(Column.pages < 1, Column.items_seen < 0)))
    if empty:
        problems.append(f"columns: {empty} rows with no page read or a negative item count")
    return problems


def consistency_problems(engine: Engine) -> list[str]:
    """Every consistency breach of the database, one line each (see the module docstring)."""
    problems: list[str | None] = []
    with Session(engine) as session:
        for table in Base.metadata.sorted_tables:
            if "run_id" in table.c:
                problems.append(_orphans(session, table))
            for constraint in table.constraints:
                if isinstance(constraint, UniqueConstraint):
                    problems.append(_doubled(session, table, constraint))
        problems.extend(_dangling(session))
        problems.extend(_bookkeeping(session))
    return [p for p in problems if p]
