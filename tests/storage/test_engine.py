"""Runs on SQLite and on a real PostgreSQL: a rerun replaces its twin, other runs stay."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from govcrawl.storage.engine import database_url, finish_run, latest_run, make_engine, start_run
from govcrawl.storage.models import Page, Run
from tests.services import POSTGRES_URL, require


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    if request.param == "sqlite":
        return make_engine(database_url("", tmp_path, "demo"))
    require(5432, "PostgreSQL")
    eng = make_engine(POSTGRES_URL)
    with eng.begin() as conn:
        conn.execute(text("TRUNCATE runs, samples RESTART IDENTITY CASCADE"))
    return eng


def add_page(engine: Engine, run_id: int, url: str) -> None:
    with Session(engine) as session, session.begin():
        session.add(Page(run_id=run_id, site="4110000001", url=url, fetched_at=datetime(2026, 11, 20),
                         facts={"title": "首页"}))


def count_pages(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Page)) or 0


def test_default_database_is_sqlite_under_output(tmp_path: Path) -> None:
    url = database_url("", tmp_path, "xuchang")
    assert url.endswith("/xuchang/govcrawl.sqlite") and url.startswith("sqlite:///")
    assert database_url("postgresql+psycopg://u@h/db", tmp_path, "x") == "postgresql+psycopg://u@h/db"


def test_rerun_replaces_run_and_its_data(engine: Engine) -> None:
    first = start_run(engine, "demo", "演示市", "gov", date(2026, 11, 20))
    add_page(engine, first, "http://127.0.1.1/")
    other = start_run(engine, "demo", "演示市", "gov", date(2026, 11, 13))
    add_page(engine, other, "http://127.0.1.1/")
    assert count_pages(engine) == 2

    again = start_run(engine, "demo", "演示市", "gov", date(2026, 11, 20))
    assert again != first
    assert count_pages(engine) == 1  # the old run's page went with it; the other as_of stayed
    finish_run(engine, again, "finished")
    run = latest_run(engine, "demo", "gov")
    assert run is not None and run.id == again and run.status == "finished"
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Run)) == 2
