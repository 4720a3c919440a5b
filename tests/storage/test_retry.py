"""Database writes survive a PostgreSQL restart: ``in_transaction`` rolls back, waits and runs the
work again in a new transaction (storage/engine.py), and an error of the statement itself is
never retried. A private cluster (tests/services.PrivatePostgres) is stopped and started; the
machine's shared server is never touched."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from govcrawl.storage.engine import in_transaction, make_engine
from tests.services import PrivatePostgres

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[PrivatePostgres, Engine]]:
    postgres = PrivatePostgres("127.0.1.171").init()
    engine = make_engine(postgres.url)
    try:
        yield postgres, engine
    finally:
        engine.dispose()
        postgres.remove()


def _count(session: Session) -> int:
    session.execute(text("CREATE TABLE IF NOT EXISTS marks (n integer)"))
    session.execute(text("INSERT INTO marks VALUES (1)"))
    return int(session.execute(text("SELECT count(*) FROM marks")).scalar_one())


def test_a_write_during_a_restart_is_retried_once_whole(cluster: tuple[PrivatePostgres, Engine],
                                                        caplog: pytest.LogCaptureFixture) -> None:
    postgres, engine = cluster
    before = in_transaction(engine, _count)
    postgres.stop()
    restart = threading.Timer(1.5, postgres.start)
    restart.start()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="govcrawl.storage.engine"):
        after = in_transaction(engine, _count, retry_seconds=60, what="storing marks")
    restart.join()
    assert after == before + 1  # the work ran whole once more, nothing doubled
    assert time.monotonic() - started >= 1.0  # it waited for the server
    assert any("database connection lost while storing marks" in r.getMessage() for r in caplog.records)


def test_without_retry_time_the_error_is_raised(cluster: tuple[PrivatePostgres, Engine]) -> None:
    postgres, engine = cluster
    postgres.stop()
    try:
        with pytest.raises(OperationalError):
            in_transaction(engine, _count, retry_seconds=0)
    finally:
        postgres.start()


def test_a_faulty_statement_is_not_retried(cluster: tuple[PrivatePostgres, Engine]) -> None:
    _, engine = cluster
    calls = []

    def faulty(session: Session) -> None:
        calls.append(1)
        session.execute(text("SELECT * FROM no_such_table"))

    with pytest.raises(ProgrammingError):
        in_transaction(engine, faulty, retry_seconds=60)
    assert calls == [1]
