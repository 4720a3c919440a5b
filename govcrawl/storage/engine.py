"""Engine and run bookkeeping: where the database is, and starting a run that replaces its twin."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, select
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


def start_run(engine: Engine, region: str, region_name: str, spider: str, as_of: date) -> int:
    """Open a run, deleting an earlier run of the same region, spider and as_of (with its data)."""
    with Session(engine) as session, session.begin():
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


def finish_run(engine: Engine, run_id: int, status: str) -> None:
    with Session(engine) as session, session.begin():
        run = session.get(Run, run_id)
        if run is not None:
            run.finished_at = datetime.now()
            run.status = status


def latest_run(engine: Engine, region: str, spider: str, as_of: date | None = None) -> Run | None:
    """The newest run of a region and spider (for one as_of when given)."""
    query = select(Run).where(Run.region == region, Run.spider == spider)
    if as_of is not None:
        query = query.where(Run.as_of == as_of)
    with Session(engine) as session:
        return session.scalars(query.order_by(Run.as_of.desc(), Run.id.desc()).limit(1)).first()
