"""Engine and run bookkeeping: where the database is, starting a run that replaces its twin, and
writing through a lost database connection (``in_transaction``)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, delete, event, select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from govcrawl.config import CrawlConfig
from govcrawl.storage.models import Base, Run
from govcrawl.storage.schema import upgrade_schema

logger = logging.getLogger(__name__)


def database_url(database_url: str, output_dir: str | Path, region_code: str) -> str:
    """``DATABASE_URL`` when set, else the region's SQLite file under OUTPUT_DIR."""
    if database_url:
        return database_url
    folder = Path(output_dir) / region_code
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(folder / 'govcrawl.sqlite').resolve()}"


_ENGINES: dict[str, Engine] = {}


def engine_for(config: CrawlConfig, region_code: str) -> Engine:
    """The one engine of a region's database in this process (DATABASE_URL, else the region's
    SQLite file under OUTPUT_DIR), shared by every pipeline and command that needs it."""
    url = database_url(config.database_url, config.output_dir, region_code)
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create the engine and bring the database up to the current schema (``upgrade_schema``:
    missing tables and columns are added); SQLite gets WAL and enforced foreign keys."""
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    upgrade_schema(engine, Base.metadata, _sqlite_pragmas if engine.dialect.name == "sqlite" else None)
    return engine


T = TypeVar("T")
_FIRST_PAUSE, _LONGEST_PAUSE = 0.5, 5.0


def connection_lost(engine: Engine, exc: DBAPIError) -> bool:
    """The error is the database server going away (restart, dropped network, refused connect),
    not a fault of the statement. SQLite has no server: its errors are never this."""
    if engine.dialect.name == "sqlite":
        return False
    return bool(exc.connection_invalidated) or isinstance(exc, OperationalError | InterfaceError)


def in_transaction(engine: Engine, work: Callable[[Session], T], *, retry_seconds: float = 0.0,
                   what: str = "writing") -> T:
    """``work(session)`` in one transaction, committed; its result.

    When the connection to a database server is lost (a PostgreSQL restart mid-run), the
    transaction is rolled back whole, the pool's dead connections are dropped and ``work`` runs
    again in a new transaction after a pause (0.5 s, doubling to 5 s), until ``retry_seconds``
    have passed; then the error is raised. ``work`` must therefore read what it needs inside the
    transaction and write only what is not there yet: a retry after a commit whose answer was
    lost then writes nothing twice.
    """
    deadline = time.monotonic() + retry_seconds
    pause = _FIRST_PAUSE
    while True:
        try:
            with Session(engine) as session, session.begin():
                return work(session)
        except DBAPIError as exc:
            if not connection_lost(engine, exc) or time.monotonic() + pause > deadline:
                raise
            reason = (str(exc.orig or exc).strip().splitlines() or [type(exc).__name__])[0]
            logger.warning("database connection lost while %s (%s); trying again in %.1fs", what, reason, pause)
            engine.dispose()
            time.sleep(pause)
            pause = min(pause * 2, _LONGEST_PAUSE)


def start_run(engine: Engine, region: str, region_name: str, spider: str, as_of: date,
              retry_seconds: float = 0.0) -> int:
    """Open a run, deleting an earlier run of the same region, spider and as_of (with its data)."""

    def work(session: Session) -> int:
        old = session.scalars(select(Run.id).where(
            Run.region == region, Run.spider == spider, Run.as_of == as_of)).all()
        if old:
            logger.info("replacing earlier run(s) %s of %s/%s/%s", old, region, spider, as_of)
            session.execute(delete(Run).where(Run.id.in_(old)))
        run = Run(region=region, region_name=region_name, spider=spider, as_of=as_of,
                  started_at=datetime.now())
        session.add(run)
        session.flush()
        return run.id

    return in_transaction(engine, work, retry_seconds=retry_seconds, what="opening the run")


def finish_run(engine: Engine, run_id: int, status: str, retry_seconds: float = 0.0,
               at: datetime | None = None) -> None:
    """Close the run with ``status``, finished ``at`` (now by default)."""

    def work(session: Session) -> None:
        run = session.get(Run, run_id)
        if run is not None:
            run.finished_at = at or datetime.now()
            run.status = status

    in_transaction(engine, work, retry_seconds=retry_seconds, what="closing the run")


def latest_run(engine: Engine, region: str, spider: str, as_of: date | None = None) -> Run | None:
    """The newest run of a region and spider (for one as_of when given)."""
    query = select(Run).where(Run.region == region, Run.spider == spider)
    if as_of is not None:
        query = query.where(Run.as_of == as_of)
    with Session(engine) as session:
        return session.scalars(query.order_by(Run.as_of.desc(), Run.id.desc()).limit(1)).first()
