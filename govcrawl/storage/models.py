"""SQLAlchemy 2 models: one run of one spider over one region and inspection date, and its facts.

A rerun of the same (region, spider, as_of) deletes the old run first (cascade), so its data is
replaced, never duplicated. Availability samples outlive runs: the probe adds to them over a week.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Run(Base):
    __tablename__ = "runs"
    __table_args__ = (UniqueConstraint("region", "spider", "as_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(64), index=True)
    region_name: Mapped[str] = mapped_column(String(200), default="")
    spider: Mapped[str] = mapped_column(String(32))
    as_of: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    status: Mapped[str] = mapped_column(String(32), default="running")
    #: why the run is incomplete ("" when complete), set when its annex is made
    incomplete: Mapped[str] = mapped_column(Text, default="")


def _run_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)


class Subject(Base):
    """A site or account of the run, copied from the region file (the annex's unit columns)."""

    __tablename__ = "subjects"
    __table_args__ = (UniqueConstraint("run_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    key: Mapped[str] = mapped_column(String(200))       # site_code or account name
    kind: Mapped[str] = mapped_column(String(16))       # site | account
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    platform: Mapped[str] = mapped_column(String(64), default="")


class Page(Base):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("run_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    site: Mapped[str] = mapped_column(String(32), index=True)
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[int] = mapped_column(Integer, default=200)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    title: Mapped[str] = mapped_column(Text, default="")
    publish_date: Mapped[date | None] = mapped_column(Date, default=None)
    date_source: Mapped[str] = mapped_column(String(16), default="none")
    depth: Mapped[int] = mapped_column(Integer, default=0)
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)
    rendered: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_rendering: Mapped[bool] = mapped_column(Boolean, default=False)
    fetched_at: Mapped[datetime] = mapped_column(DateTime)
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Column(Base):
    """A 栏目: its first list page, merged over its pagination.

    ``item_count`` is the count a reader is told: the pager's stated total (``pager_total``, 共N条)
    where it states one, else the items seen on the pages crawled (``items_seen``)."""

    __tablename__ = "columns"
    __table_args__ = (UniqueConstraint("run_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    site: Mapped[str] = mapped_column(String(32), index=True)
    url: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text, default="")
    cls: Mapped[str] = mapped_column(String(16), default="other")
    newest_date: Mapped[date | None] = mapped_column(Date, default=None)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    items_seen: Mapped[int] = mapped_column(Integer, default=0)
    pager_total: Mapped[int | None] = mapped_column(Integer, default=None)
    #: a pager built by a script whose page addresses could not be computed: only page 1 was read
    script_pager: Mapped[bool] = mapped_column(Boolean, default=False)
    #: whether page 1 was merged in (a pager page may arrive first); its twin is not counted twice
    first_page_read: Mapped[bool] = mapped_column(Boolean, default=False)
    pages: Mapped[int] = mapped_column(Integer, default=1)
    empty: Mapped[bool] = mapped_column(Boolean, default=False)
    empty_marker: Mapped[str] = mapped_column(Text, default="")
    rendered: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_rendering: Mapped[bool] = mapped_column(Boolean, default=False)


def reader_count(column: Column) -> int:
    """The item count a reader is told: the pager's total where it states one (共N条), else the
    items seen; never fewer than were seen, since a total below them is a misread pager."""
    if column.pager_total is None:
        return column.items_seen
    return max(column.pager_total, column.items_seen)


class Link(Base):
    """A distinct link a site publishes and the result of checking it."""

    __tablename__ = "links"
    __table_args__ = (UniqueConstraint("run_id", "site", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    site: Mapped[str] = mapped_column(String(32), index=True)
    url: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="page")
    verdict: Mapped[str] = mapped_column(String(16), default="ok")
    status: Mapped[int | None] = mapped_column(Integer, default=None)
    error: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(8), default="HEAD")
    via_browser: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_at: Mapped[datetime] = mapped_column(DateTime)


class LinkSeen(Base):
    """Where a link appeared: the page and its anchor text."""

    __tablename__ = "link_seen"
    __table_args__ = (UniqueConstraint("run_id", "site", "link_url", "page_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    site: Mapped[str] = mapped_column(String(32), index=True)
    link_url: Mapped[str] = mapped_column(Text)
    page_url: Mapped[str] = mapped_column(Text)
    anchor: Mapped[str] = mapped_column(Text, default="")
    on_home: Mapped[bool] = mapped_column(Boolean, default=False)


class Search(Base):
    """One query sent to a site's search (SearchItem) and what came back."""

    __tablename__ = "searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    site: Mapped[str] = mapped_column(String(32), index=True)
    query: Mapped[str] = mapped_column(Text, default="")
    article_url: Mapped[str] = mapped_column(Text, default="")
    search_url: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(16), default="unchecked")
    detail: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[int | None] = mapped_column(Integer, default=None)
    at: Mapped[datetime] = mapped_column(DateTime)


class FindingRow(Base):
    """One annex row after dedup."""

    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("run_id", "subject", "problem_type", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    subject: Mapped[str] = mapped_column(String(200), index=True)
    problem_type: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    seen: Mapped[date] = mapped_column(Date)
    rule: Mapped[str] = mapped_column(String(64))
    pages: Mapped[list[Any]] = mapped_column(default=list)
    page_count: Mapped[int] = mapped_column(Integer, default=1)
    points: Mapped[float] = mapped_column(Float, default=0.0)
    screenshot: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Verdict(Base):
    """检查结果 of one site or account."""

    __tablename__ = "verdicts"
    __table_args__ = (UniqueConstraint("run_id", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    subject: Mapped[str] = mapped_column(String(200))
    veto_count: Mapped[int] = mapped_column(Integer, default=0)
    deduction_count: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[float | None] = mapped_column(Float, default=None)
    verdict: Mapped[str] = mapped_column(String(8))


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (UniqueConstraint("run_id", "account", "link", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    account: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    text: Mapped[str] = mapped_column(Text, default="")


class AccountCheck(Base):
    __tablename__ = "account_checks"
    __table_args__ = (UniqueConstraint("run_id", "account"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    account: Mapped[str] = mapped_column(String(200))
    feed_url: Mapped[str] = mapped_column(Text)
    ok: Mapped[bool] = mapped_column(Boolean)
    problem: Mapped[str] = mapped_column(Text, default="")
    post_count: Mapped[int] = mapped_column(Integer, default=0)
    newest: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    checked_at: Mapped[datetime] = mapped_column(DateTime)


class Sample(Base):
    """One homepage availability sample (probe or crawl); kept across runs for the 7-day window."""

    __tablename__ = "samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(64), index=True)
    site: Mapped[str] = mapped_column(String(32), index=True)
    url: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[int | None] = mapped_column(Integer, default=None)
    error: Mapped[str] = mapped_column(Text, default="")
    elapsed: Mapped[float | None] = mapped_column(Float, default=None)
    source: Mapped[str] = mapped_column(String(16), default="crawl")


class RunIssue(Base):
    """A part of one subject's check that could not be completed (a rule that raised, a network
    fault): the subject is never 合格 on an incomplete check."""

    __tablename__ = "run_issues"
    __table_args__ = (UniqueConstraint("run_id", "subject", "reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    subject: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)


class RunWorker(Base):
    """One process that crawls a run (several in a distributed run): when it joined, when it was
    last seen alive, and when and why it closed (``reason`` empty while it runs)."""

    __tablename__ = "run_workers"
    __table_args__ = (UniqueConstraint("run_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    name: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(200), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    seen_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    reason: Mapped[str] = mapped_column(String(64), default="")


class TransportCheck(Base):
    """The IPv6/HTTPS check of one site in one run (crawl/transport.py), as TransportFacts' fields."""

    __tablename__ = "transport_checks"
    __table_args__ = (UniqueConstraint("run_id", "site"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _run_fk()
    site: Mapped[str] = mapped_column(String(32))
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    checked_at: Mapped[datetime] = mapped_column(DateTime)
