"""Opening a database made by an older govcrawl adds the tables and columns it lacks, on SQLite and
on a real PostgreSQL, and several workers opening it at once all succeed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Boolean, Connection, Engine, Integer, MetaData, String, Table, create_engine, inspect, text
from sqlalchemy import Column as SAColumn

from govcrawl.storage.engine import make_engine
from govcrawl.storage.models import Base
from govcrawl.storage.schema import SchemaError, add_column_sql, upgrade_schema
from tests.services import POSTGRES_URL, require

OLD = "schema_probe"


def old_and_new() -> tuple[MetaData, MetaData]:
    """The same table before and after a release that added three columns."""
    old, new = MetaData(), MetaData()
    Table(OLD, old, SAColumn("id", Integer, primary_key=True), SAColumn("name", String(20), nullable=False))
    Table(OLD, new, SAColumn("id", Integer, primary_key=True), SAColumn("name", String(20), nullable=False),
          SAColumn("total", Integer, nullable=True),
          SAColumn("seen", Integer, nullable=False, default=0),
          SAColumn("empty", Boolean, nullable=False, default=False))
    Table(f"{OLD}_extra", new, SAColumn("id", Integer, primary_key=True))
    return old, new


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite'}"
        return
    require(5432, "PostgreSQL")

    def drop() -> None:
        with create_engine(POSTGRES_URL).begin() as conn:
            conn.execute(text(f"DROP TABLE IF EXISTS {OLD}, {OLD}_extra"))
    drop()
    yield POSTGRES_URL
    drop()


def columns(engine: Engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def test_missing_columns_and_tables_are_added_and_old_rows_get_defaults(url: str) -> None:
    old, new = old_and_new()
    engine = create_engine(url)
    old.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text(f"INSERT INTO {OLD} (id, name) VALUES (1, '通知公告')"))

    assert sorted(upgrade_schema(engine, new)) == [f"{OLD}.empty", f"{OLD}.seen", f"{OLD}.total"]
    assert columns(engine, OLD) == {"id", "name", "total", "seen", "empty"}
    assert f"{OLD}_extra" in inspect(engine).get_table_names()
    with engine.connect() as conn:
        row = conn.execute(text(f"SELECT name, total, seen, empty FROM {OLD}")).one()
    assert tuple(row) == ("通知公告", None, 0, False)
    assert upgrade_schema(engine, new) == []  # a second opening has nothing to do
    engine.dispose()


def test_workers_opening_one_old_database_at_once_all_succeed(url: str) -> None:
    old, new = old_and_new()
    create = create_engine(url)
    old.create_all(create)
    create.dispose()
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def open_it() -> None:
        engine = create_engine(url)
        try:
            results.append(upgrade_schema(engine, new))
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    workers = [threading.Thread(target=open_it) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert sorted(name for added in results for name in added) == [f"{OLD}.empty", f"{OLD}.seen", f"{OLD}.total"]


def test_govcrawl_database_of_an_older_release_opens(tmp_path: Path) -> None:
    """A columns table without the pager's total (as issue 9 left it) gains it on opening."""
    url = f"sqlite:///{tmp_path / 'govcrawl.sqlite'}"
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE columns DROP COLUMN pager_total"))
        conn.execute(text("ALTER TABLE columns DROP COLUMN items_seen"))
    engine.dispose()
    assert {"pager_total", "items_seen"} <= columns(make_engine(url), "columns")


def test_a_change_that_is_not_additive_is_refused(tmp_path: Path) -> None:
    meta = MetaData()
    table = Table(OLD, meta, SAColumn("id", Integer, primary_key=True),
                  SAColumn("code", String(8), nullable=False))
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    conn: Connection
    with engine.connect() as conn, pytest.raises(SchemaError, match="scalar default"):
        add_column_sql(conn, table.c.code)
