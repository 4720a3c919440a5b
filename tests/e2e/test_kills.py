"""Kills and a database restart: a crawl stopped with SIGTERM, or killed with SIGKILL at a seeded
random point, and started again with the same JOBDIR ends with the pages, findings and 附件1 of an
uninterrupted crawl — nothing lost, nothing doubled — and the database is consistent after every
stop. So does a crawl whose PostgreSQL server (a private one) is stopped and started mid-run, one
that reads its pages in worker processes (crawl/extractpool.py), and one whose worker is killed.

The kill points are drawn from the uninterrupted crawl's request count (between a fifth and four
fifths of it), so each falls mid-run; small database batches make the store write many times
before the kill. A second crawl of the same run started while the first is running refuses.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session

from govcrawl.devtools.devserver import SiteServer
from govcrawl.devtools.procs import command_line, descendants
from govcrawl.storage.consistency import consistency_problems
from govcrawl.storage.models import FindingRow, Page, Run
from tests.conftest import FIXTURE_REGION, FIXTURE_REGION_SITES, QUICK, Crawl, run_spider, start_spider
from tests.services import PrivatePostgres

AS_OF = "2026-11-20"
SETTINGS = (*QUICK, "DOWNLOAD_MAXSIZE=100000", "GOVCRAWL_MAX_QUERY_VARIANTS=5", "GOVCRAWL_MAX_PAGINATION=4",
            "GOVCRAWL_DB_BATCH=5", "GOVCRAWL_PROGRESS_INTERVAL=0")
SEEDS = (1, 2, 3)
ANNEX = Path("fixtures") / f"附件1-测试市政府网站问题情况-{AS_OF}.xlsx"
#: requests a second process may repeat: robots.txt, a redirect loop, and a 503 whose pending
#: retry went back to the queue when the crawl stopped
REPEATABLE = ("/robots.txt", "/loop.html", "/busy/notice.html")


@dataclass(frozen=True)
class Outcome:
    pages: list[str]
    findings: list[tuple[Any, ...]]
    annex: dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True)
class Whole:
    """The uninterrupted crawl: its outcome, and the requests each fixture server answered."""

    outcome: Outcome
    requests: list[Counter[tuple[str, str]]]

    @property
    def total(self) -> int:
        return sum(c.total() for c in self.requests)


def _engine(out: Path, url: str = "") -> Engine:
    return create_engine(url or f"sqlite:///{out / 'fixtures' / 'govcrawl.sqlite'}")


def _annex(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's rows, without the columns that hold the time a row was seen."""
    sheets = {}
    for sheet in load_workbook(path):
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        timed = {i for i, cell in enumerate(rows[0] if rows else []) if isinstance(cell, str) and "时间" in cell}
        sheets[sheet.title] = [tuple(c for i, c in enumerate(r) if i not in timed) for r in rows]
    return sheets


def outcome(out: Path, url: str = "") -> Outcome:
    engine = _engine(out, url)
    with Session(engine) as session:
        pages = sorted(session.scalars(select(Page.url)))
        rows = session.scalars(select(FindingRow)).all()
        findings = sorted((r.subject, r.problem_type, r.url, r.evidence, r.key, r.page_count) for r in rows)
    engine.dispose()
    return Outcome(pages, findings, _annex(out / ANNEX))


def requests_made(servers: Sequence[SiteServer]) -> int:
    return sum(len(s.stats.requests) for s in servers)


def launch(out: Path, *settings: str) -> Crawl:
    return start_spider("gov", FIXTURE_REGION, AS_OF, out, *SETTINGS, *settings)


def start(out: Path, jobdir: Path, *settings: str) -> Crawl:
    return launch(out, *settings, f"JOBDIR={jobdir}")


def stop_at(crawl: Crawl, servers: Sequence[SiteServer], requests: int, how: signal.Signals) -> str:
    """Send ``how`` once the servers have answered ``requests`` requests; the crawl's log."""
    deadline = time.monotonic() + 60
    while requests_made(servers) < requests and crawl.running() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert crawl.running(), "the crawl ended before the stop"
    crawl.process.send_signal(how)
    return crawl.ended(timeout=90)


def assert_consistent(out: Path, url: str = "") -> list[Run]:
    engine = _engine(out, url)
    assert consistency_problems(engine) == []
    with Session(engine) as session:
        runs = list(session.scalars(select(Run)))
    engine.dispose()
    return runs


@pytest.fixture(scope="module")
def servers(fixture_sites: dict[str, SiteServer]) -> list[SiteServer]:
    return [fixture_sites[name] for name in FIXTURE_REGION_SITES]


@pytest.fixture(scope="module")
def uninterrupted(servers: list[SiteServer], tmp_path_factory: pytest.TempPathFactory) -> Whole:
    for server in servers:
        server.reset()
    out = tmp_path_factory.mktemp("whole")
    result = run_spider("gov", FIXTURE_REGION, AS_OF, out, *SETTINGS)
    assert result.returncode == 0, result.stderr[-3000:]
    assert [r.status for r in assert_consistent(out)] == ["finished"]
    whole = outcome(out)
    assert whole.findings and len(whole.annex["附件1"]) > 1  # the fixtures hold findings on purpose
    return Whole(whole, [Counter(s.stats.requests) for s in servers])


def test_sigterm_stops_cleanly_and_the_restart_resumes(uninterrupted: Whole, servers: list[SiteServer],
                                                       tmp_path: Path) -> None:
    total = uninterrupted.total
    for server in servers:
        server.reset()
    # slow enough for the twin below; no annex from the stopped crawl: its evidence fetches are no crawl's
    crawl = start(tmp_path, tmp_path / "job", "DOWNLOAD_DELAY=0.3", "GOVCRAWL_ANNEX_ON_CLOSE=False")
    # a second crawl of the same run, started while the first runs, refuses and leaves it alone
    while requests_made(servers) < 1 and crawl.running():
        time.sleep(0.01)
    twin = run_spider("gov", FIXTURE_REGION, AS_OF, tmp_path, *SETTINGS, timeout=60)
    assert twin.returncode != 0
    assert "another crawl of fixtures/gov/2026-11-20 is running" in twin.stderr
    log = stop_at(crawl, servers, max(total // 2, requests_made(servers) + 3), signal.SIGTERM)
    assert crawl.process.returncode == 0 and "Spider closed (shutdown)" in log
    assert [r.status for r in assert_consistent(tmp_path)] == ["shutdown"]
    first = requests_made(servers)

    result = run_spider("gov", FIXTURE_REGION, AS_OF, tmp_path, *SETTINGS, f"JOBDIR={tmp_path / 'job'}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "resuming run" in result.stderr and requests_made(servers) > first
    assert [r.status for r in assert_consistent(tmp_path)] == ["finished"]
    assert outcome(tmp_path) == uninterrupted.outcome
    for server, whole in zip(servers, uninterrupted.requests, strict=True):  # the two fetched nothing twice
        extra = Counter(server.stats.requests) - whole
        assert not [r for r in extra if r[1] not in REPEATABLE], extra


@pytest.mark.parametrize("seed", SEEDS)
def test_sigkill_at_a_random_point_then_restart(seed: int, uninterrupted: Whole, servers: list[SiteServer],
                                                tmp_path: Path) -> None:
    total = uninterrupted.total
    kill_at = random.Random(seed).randint(total // 5, total * 4 // 5)
    crawl = start(tmp_path, tmp_path / "job")
    stop_at(crawl, servers, requests_made(servers) + kill_at, signal.SIGKILL)
    assert crawl.process.returncode == -signal.SIGKILL
    killed = assert_consistent(tmp_path)
    assert [r.status for r in killed] == ["running"] and killed[0].finished_at is None

    result = run_spider("gov", FIXTURE_REGION, AS_OF, tmp_path, *SETTINGS, f"JOBDIR={tmp_path / 'job'}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "killed before it could save its queue" in result.stderr
    runs = assert_consistent(tmp_path)
    assert [r.status for r in runs] == ["finished"] and runs[0].started_at > killed[0].started_at  # a new run
    assert outcome(tmp_path) == uninterrupted.outcome


@pytest.mark.postgres
def test_postgres_restarted_mid_run(uninterrupted: Whole, servers: list[SiteServer], tmp_path: Path) -> None:
    postgres = PrivatePostgres("127.0.1.170").init()
    try:
        # a write with every item: the restart cannot fall between flushes
        crawl = launch(tmp_path, "DOWNLOAD_DELAY=0.1", "GOVCRAWL_DB_BATCH=1", f"DATABASE_URL={postgres.url}")
        start_at = requests_made(servers)
        while requests_made(servers) < start_at + uninterrupted.total // 3 and crawl.running():
            time.sleep(0.01)
        assert crawl.running(), "the crawl ended before the restart"
        postgres.stop()
        # down until the crawl has fetched two batches more (its writes fail and wait) or for 4 s
        down_at, until = requests_made(servers), time.monotonic() + 4
        while requests_made(servers) < down_at + 10 and time.monotonic() < until:
            time.sleep(0.01)
        time.sleep(1)
        postgres.start()
        log = crawl.ended(timeout=180)
        assert crawl.process.returncode == 0, log[-3000:]
        # whether a write failed and was retried (the warning "database connection lost while …") or
        # waited for the server depends on where the stop fell; either way nothing may be lost or doubled
        assert [r.status for r in assert_consistent(tmp_path, postgres.url)] == ["finished"]
        assert outcome(tmp_path, postgres.url) == uninterrupted.outcome
    finally:
        postgres.remove()


def test_pages_read_in_worker_processes_one_killed(uninterrupted: Whole, servers: list[SiteServer],
                                                  tmp_path: Path) -> None:
    """Pages read by worker processes (crawl/extractpool.py) give the facts read in the crawl process;
    a worker killed mid-run loses none of the pages it held."""
    crawl = launch(tmp_path, "DOWNLOAD_DELAY=0.1", "GOVCRAWL_EXTRACT_PROCESSES=1", "GOVCRAWL_EXTRACT_POOL_AFTER=3")
    start_at = requests_made(servers)
    while requests_made(servers) < start_at + uninterrupted.total // 3 and crawl.running():
        time.sleep(0.01)
    workers = [pid for pid in descendants(crawl.process.pid) if "spawn_main" in command_line(pid)]
    assert crawl.running() and len(workers) == 1, "the crawl ended, or had no worker, before the kill"
    os.kill(workers[0], signal.SIGKILL)
    log = crawl.ended(timeout=240)
    assert crawl.process.returncode == 0, log[-3000:]
    assert "pages are read in 1 worker process(es) from page 4 on" in log
    assert "an extraction worker process died" in log
    assert [r.status for r in assert_consistent(tmp_path)] == ["finished"]
    assert outcome(tmp_path) == uninterrupted.outcome
