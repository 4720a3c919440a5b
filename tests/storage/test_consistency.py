"""consistency_problems: silent on a sound database, one line for each kind of breach."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from govcrawl.storage.consistency import consistency_problems
from govcrawl.storage.engine import database_url, finish_run, make_engine, start_run
from govcrawl.storage.models import Column, LinkSeen, Page, Subject

SITE = "4110000001"


def _sound(tmp_path: Path) -> tuple[Path, int]:
    engine = make_engine(database_url("", tmp_path, "demo"))
    run = start_run(engine, "demo", "演示市", "gov", date(2026, 11, 20))
    with Session(engine) as session, session.begin():
        session.add(Subject(run_id=run, key=SITE, kind="site", name="演示站", url="http://127.0.1.1/"))
        session.add(Page(run_id=run, site=SITE, url="http://127.0.1.1/", fetched_at=datetime(2026, 11, 20), facts={}))
        session.add(LinkSeen(run_id=run, site=SITE, link_url="http://127.0.1.1/a.html", page_url="http://127.0.1.1/"))
        session.add(Column(run_id=run, site=SITE, url="http://127.0.1.1/xwdt/", name="工作动态", pages=1))
    finish_run(engine, run, "finished")
    assert consistency_problems(engine) == []
    engine.dispose()
    return tmp_path / "demo" / "govcrawl.sqlite", run


def test_sound_database_has_no_problems(tmp_path: Path) -> None:
    _sound(tmp_path)


def test_each_breach_is_named(tmp_path: Path) -> None:
    path, run = _sound(tmp_path)
    raw = sqlite3.connect(path)  # foreign keys off: what a connection without the pragma could write
    with raw:
        raw.execute("INSERT INTO pages (run_id, site, url, fetched_at, facts, status, kind, title, depth, is_home,"
                    " rendered, needs_rendering, date_source, final_url) SELECT 999, site, url || 'x', fetched_at,"
                    " facts, status, kind, title, depth, is_home, rendered, needs_rendering, date_source, final_url"
                    " FROM pages")
        raw.execute("INSERT INTO link_seen (run_id, site, link_url, page_url, anchor, on_home) "
                    "VALUES (?, ?, 'http://127.0.1.1/b.html', 'http://127.0.1.1/gone.html', '', 0)", (run, SITE))
        raw.execute("UPDATE runs SET status = 'running'")
    raw.close()
    problems = consistency_problems(make_engine(f"sqlite:///{path}"))
    assert any(p.startswith("pages: 1 rows of runs that do not exist") for p in problems), problems
    assert any(p.startswith("link_seen: 1 rows name a page") for p in problems), problems
    assert any("status and end time disagree" in p for p in problems), problems
