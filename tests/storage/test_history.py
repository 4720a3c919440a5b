"""What 旧文新发 is given from the database: this run's dated pages whose title an earlier run of the
same region and spider also stored, and those earlier pages, with their text (SQLite file)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from govcrawl.storage.engine import database_url, make_engine
from govcrawl.storage.history import republished_candidates
from govcrawl.storage.models import Page, Run

SITE = "4110000001"
TITLE = "全县开展农村饮水安全工程巡查整治专项行动"


def run(session: Session, as_of: date, region: str = "xuchang", spider: str = "gov") -> Run:
    row = Run(region=region, spider=spider, as_of=as_of, started_at=datetime(2026, 12, 1))
    session.add(row)
    session.flush()
    return row


def page(session: Session, run_id: int, url: str, title: str, shown: date | None, *, source: str = "label",
         site: str = SITE) -> None:
    session.add(Page(run_id=run_id, site=site, url=url, title=title, publish_date=shown, date_source=source,
                     fetched_at=datetime(2026, 12, 1), facts={"text": f"{title} 发布日期：{shown} 正文"}))


def engine(tmp_path: Path) -> Engine:
    return make_engine(database_url("", tmp_path, "xuchang"))


def test_only_titles_both_runs_saw_are_loaded_with_their_text_and_run_date(tmp_path: Path) -> None:
    with Session(engine(tmp_path)) as session:
        earlier, other_region, other_spider = (run(session, date(2026, 8, 20)),
                                               run(session, date(2026, 8, 20), region="other"),
                                               run(session, date(2026, 8, 21), spider="probe"))
        now = run(session, date(2026, 11, 20))
        later = run(session, date(2027, 2, 20))
        page(session, earlier.id, "http://a/old.html", TITLE, date(2025, 3, 10))
        page(session, earlier.id, "http://a/gone.html", "只在上次出现的文章标题", date(2025, 4, 1))
        page(session, earlier.id, "http://a/meta.html", "只有元数据日期的文章标题", date(2025, 4, 1), source="meta")
        for other in (other_region, other_spider, later):  # not earlier runs of this region and spider
            page(session, other.id, "http://a/x.html", TITLE, date(2024, 1, 1))
        page(session, earlier.id, "http://b/old.html", TITLE, date(2024, 1, 1), site="4110000002")
        page(session, now.id, "http://a/new.html", TITLE, date(2026, 11, 16))
        page(session, now.id, "http://a/meta.html", "只有元数据日期的文章标题", date(2026, 11, 1))
        page(session, now.id, "http://a/fresh.html", "本次才有的文章标题", date(2026, 11, 18))
        session.flush()
        current, before = republished_candidates(session, now, SITE)
    assert [(a.url, a.shown, a.seen_on) for a in current] == [("http://a/new.html", date(2026, 11, 16),
                                                                date(2026, 11, 20))]
    assert [(a.url, a.shown, a.seen_on) for a in before] == [("http://a/old.html", date(2025, 3, 10),
                                                               date(2026, 8, 20))]
    assert before[0].text.startswith(TITLE) and "2026-11-16" in current[0].text


def test_the_first_run_of_a_region_loads_nothing(tmp_path: Path) -> None:
    with Session(engine(tmp_path)) as session:
        now = run(session, date(2026, 11, 20))
        page(session, now.id, "http://a/new.html", TITLE, date(2026, 11, 16))
        session.flush()
        assert republished_candidates(session, now, SITE) == ((), ())
