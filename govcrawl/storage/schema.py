"""Bringing an existing database up to the current schema, for additive changes only.

``create_all`` makes missing tables but never adds a column to a table that exists, so an office
upgrading govcrawl over last quarter's database (SQLite file or PostgreSQL) would fail on the first
new column. Opening a database therefore compares each table with the models (SQLAlchemy's
inspector) and adds what is missing with ``ALTER TABLE … ADD COLUMN``: a nullable column as it is,
a NOT NULL column with its scalar default as the server default for the rows already there. A
change that is not additive (a new NOT NULL column without a scalar default, a new key) stops with
an error naming it instead of guessing.

Several workers may open one database at once, so the check and the changes run in one
transaction that holds a lock: a PostgreSQL advisory lock, SQLite's ``BEGIN IMMEDIATE``. The
second worker waits, then finds nothing left to do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Column as SAColumn
from sqlalchemy import Connection, Engine, MetaData, create_engine, event, inspect, literal, text
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.schema import ScalarElementColumnDefault

logger = logging.getLogger(__name__)

# Any constant will do: it only has to be the same in every govcrawl process.
_PG_LOCK_KEY = 0x676F76637261776C  # "govcrawl"


class SchemaError(RuntimeError):
    """The database differs from the models in a way an additive upgrade cannot fix."""


def upgrade_schema(engine: Engine, metadata: MetaData,
                   on_connect: Callable[[Any, Any], None] | None = None) -> list[str]:
    """Create missing tables and add missing columns; return the ``table.column`` names added.

    ``on_connect`` is run on the upgrade's own SQLite connection (the engine's pragmas)."""
    locked = _serialised(engine, on_connect)
    try:
        with locked.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            metadata.create_all(conn)
            added = _add_missing_columns(conn, metadata)
    finally:
        if locked is not engine:
            locked.dispose()
    for name in added:
        logger.info("schema upgrade: added column %s", name)
    return added


def _add_missing_columns(conn: Connection, metadata: MetaData) -> list[str]:
    inspector = inspect(conn)
    added = []
    for table in metadata.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name, schema=table.schema)}
        for column in table.columns:
            if column.name not in present:
                conn.execute(text(add_column_sql(conn, column)))
                added.append(f"{table.name}.{column.name}")
    return added


def add_column_sql(conn: Connection, column: SAColumn[Any]) -> str:
    """``ALTER TABLE t ADD COLUMN c TYPE [NOT NULL DEFAULT v]`` for a column of the models."""
    dialect = conn.dialect
    quote = dialect.identifier_preparer
    name = f"{column.table.name}.{column.name}"
    if column.primary_key or column.unique or column.foreign_keys:
        raise SchemaError(f"{name}: a new key column needs a migration, not an additive upgrade")
    sql = (f"ALTER TABLE {quote.format_table(column.table)} ADD COLUMN {quote.quote(column.name)} "
           f"{column.type.compile(dialect=dialect)}")
    if column.nullable:
        return sql
    if column.server_default is not None:
        raise SchemaError(f"{name}: a server default is not supported by the additive upgrade")
    default = column.default
    if not isinstance(default, ScalarElementColumnDefault):
        raise SchemaError(f"{name}: a new NOT NULL column needs a scalar default for existing rows")
    value = literal(default.arg, type_=column.type).compile(
        dialect=dialect, compile_kwargs={"literal_binds": True})
    return f"{sql} NOT NULL DEFAULT {value}"


def _serialised(engine: Engine, on_connect: Callable[[Any, Any], None] | None) -> Engine:
    """An engine whose transactions hold SQLite's write lock from their first statement.

    pysqlite starts no transaction before DDL, so two workers could both see a column missing;
    this is SQLAlchemy's documented recipe for SQLite transactions (driver autocommit off, our own
    ``BEGIN IMMEDIATE``). Other databases lock inside the transaction instead."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return engine
    locked = create_engine(engine.url, poolclass=NullPool)

    @event.listens_for(locked, "connect")
    def _connect(dbapi_conn, record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None
        if on_connect is not None:
            on_connect(dbapi_conn, record)

    @event.listens_for(locked, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return locked
