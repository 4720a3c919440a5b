"""Distributed runs against the real Redis and PostgreSQL: the shared run id, and two ``scrapy crawl
gov`` workers splitting the fixture region, then ``scrapy annex`` writing the annex once."""

from __future__ import annotations

import re
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from openpyxl import load_workbook
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.orm import Session

from govcrawl.devtools.devserver import SiteServer
from govcrawl.distributed.runs import redis_settings, run_prefix, shared_run_id
from govcrawl.settings import GOVCRAWL_REDIS_KEY
from govcrawl.storage.models import Page, Run
from tests.conftest import FIXTURE_REGION, FIXTURE_REGION_SITES, QUICK, REPO, SCRAPY, run_spider, spider_command
from tests.services import POSTGRES_URL, REDIS_URL, require

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

AS_OF = "2026-11-20"
A, B, C = "http://127.0.1.1:8701", "http://127.0.1.2:8701", "http://127.0.1.3:8701"
#: the gov spider tests' fast settings, with every pipeline (the annex needs the rules' findings)
MAX_QUERY_VARIANTS = 5
MAX_PAGINATION = 4
PAGINATION = re.compile(r"/index_\d+\.html$")
FAST = (*QUICK, "DOWNLOAD_MAXSIZE=100000", f"GOVCRAWL_MAX_QUERY_VARIANTS={MAX_QUERY_VARIANTS}",
        f"GOVCRAWL_MAX_PAGINATION={MAX_PAGINATION}",
        "GOVCRAWL_REDIS_IDLE_SECONDS=3")
TABLES = "runs, subjects, pages, columns, links, link_seen, findings, verdicts, posts, account_checks, samples"


@pytest.fixture
def server() -> Iterator[redis.Redis]:
    require(6379, "Redis")
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    yield client
    client.close()


def _forget(client: redis.Redis, prefix: str) -> None:
    """Delete this test's keys only (db 15 may hold others')."""
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


# -- unit ---------------------------------------------------------------------------------------------
def test_redis_settings_switch_on_the_shared_scheduler_and_keep_the_queue() -> None:
    settings = redis_settings("redis://example:6379/3")
    assert settings["REDIS_URL"] == "redis://example:6379/3"
    assert settings["SCHEDULER"] == "govcrawl.distributed.scheduler.SharedScheduler"
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings["SCHEDULER_PERSIST"] is True and settings["SCHEDULER_FLUSH_ON_START"] is False


def test_run_prefix_separates_regions_spiders_and_dates() -> None:
    prefixes = {run_prefix(GOVCRAWL_REDIS_KEY, region, spider, day)
                for region in ("a", "b") for spider in ("gov", "newmedia")
                for day in (date(2026, 1, 1), date(2026, 1, 2))}
    assert len(prefixes) == 8
    assert run_prefix(GOVCRAWL_REDIS_KEY, "xuchang", "gov", date(2026, 1, 2)) == "govcrawl:xuchang:gov:2026-01-02"


def test_shared_run_id_creates_once_and_others_join(server: redis.Redis) -> None:
    prefix = run_prefix(GOVCRAWL_REDIS_KEY, "unit-shared", "gov", date(2026, 1, 1))
    _forget(server, prefix)
    calls: list[int] = []

    def create() -> int:
        calls.append(1)
        return 41 + len(calls)

    try:
        ids = [shared_run_id(REDIS_URL, "unit-shared", "gov", date(2026, 1, 1), create,
                             template=GOVCRAWL_REDIS_KEY, wait=5) for _ in range(2)]
        assert ids == [42, 42] and len(calls) == 1
    finally:
        _forget(server, prefix)


def test_a_joining_worker_waits_for_the_creator(server: redis.Redis) -> None:
    prefix = run_prefix(GOVCRAWL_REDIS_KEY, "unit-wait", "gov", date(2026, 1, 1))
    _forget(server, prefix)
    created = threading.Event()
    release = threading.Event()

    def slow_create() -> int:
        created.set()
        release.wait(5)
        return 7

    results: list[int] = []
    first = threading.Thread(target=lambda: results.append(shared_run_id(
        REDIS_URL, "unit-wait", "gov", date(2026, 1, 1), slow_create, template=GOVCRAWL_REDIS_KEY, wait=5)))
    try:
        first.start()
        assert created.wait(5)
        threading.Timer(0.3, release.set).start()
        joined = shared_run_id(REDIS_URL, "unit-wait", "gov", date(2026, 1, 1),
                               lambda: pytest.fail("a joining worker must not create the run"),
                               template=GOVCRAWL_REDIS_KEY, wait=5)
        first.join(5)
        assert joined == 7 and results == [7]
    finally:
        release.set()
        _forget(server, prefix)


def test_a_failed_create_lets_the_next_worker_open_the_run(server: redis.Redis) -> None:
    prefix = run_prefix(GOVCRAWL_REDIS_KEY, "unit-fail", "gov", date(2026, 1, 1))
    _forget(server, prefix)

    def broken() -> int:
        raise RuntimeError("database down")

    try:
        with pytest.raises(RuntimeError):
            shared_run_id(REDIS_URL, "unit-fail", "gov", date(2026, 1, 1), broken, template=GOVCRAWL_REDIS_KEY,
                          wait=1)
        assert shared_run_id(REDIS_URL, "unit-fail", "gov", date(2026, 1, 1), lambda: 9,
                             template=GOVCRAWL_REDIS_KEY, wait=1) == 9
    finally:
        _forget(server, prefix)


# -- end to end ---------------------------------------------------------------------------------------
@pytest.fixture
def database() -> Iterator[Engine]:
    require(5432, "PostgreSQL")
    engine = create_engine(POSTGRES_URL)
    from govcrawl.storage.models import Base

    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    yield engine
    engine.dispose()


def _page_urls(engine: Engine) -> list[str]:
    with Session(engine) as s:
        return list(s.scalars(select(Page.url)))


def _dequeued(log: str) -> int:
    """Requests a worker took from the shared queue (its closing stats)."""
    match = re.search(r"'scheduler/dequeued/redis': (\d+)", log)
    return int(match.group(1)) if match else 0


def test_two_workers_split_the_region_and_annex_writes_it_once(
        fixture_sites: dict[str, SiteServer], server: redis.Redis, database: Engine, tmp_path: Path) -> None:
    prefix = run_prefix(GOVCRAWL_REDIS_KEY, "fixtures", "gov", date.fromisoformat(AS_OF))
    _forget(server, prefix)
    servers = [fixture_sites[name] for name in FIXTURE_REGION_SITES]

    # what one process stores (SQLite) and requests: the workers together must store the same pages
    for site in servers:
        site.reset()
    single = run_spider("gov", FIXTURE_REGION, AS_OF, tmp_path / "single", *FAST)
    assert single.returncode == 0, single.stderr[-3000:]
    sqlite = create_engine(f"sqlite:///{tmp_path / 'single' / 'fixtures' / 'govcrawl.sqlite'}")
    expected = set(_page_urls(sqlite))
    sqlite.dispose()
    single_gets = {site.url: Counter(site.stats.paths("GET")) for site in servers}

    for site in servers:
        site.reset()
    # A worker that finds the queue empty looks again at Scrapy's 5 s heartbeat: a delay keeps the
    # queue filled long enough for the second worker to take its share, and two requests at a time
    # keep the first worker from pulling the whole queue into its own slots before the second starts.
    shared = (f"REDIS_URL={REDIS_URL}", f"DATABASE_URL={POSTGRES_URL}", *FAST, "DOWNLOAD_DELAY=0.3",
              "CONCURRENT_REQUESTS=2")
    log_files = [tmp_path / f"worker{i}.log" for i in range(2)]
    workers = []
    for i, log_file in enumerate(log_files):  # a file each: a full pipe would stall a worker
        with log_file.open("w") as stderr:
            workers.append(subprocess.Popen(spider_command("gov", FIXTURE_REGION, AS_OF, tmp_path / f"w{i}", *shared),
                                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=stderr))
    for worker in workers:
        worker.wait(timeout=120)
    logs = [log_file.read_text() for log_file in log_files]
    try:
        for worker, log in zip(workers, logs, strict=True):
            assert worker.returncode == 0, log[-3000:]
            assert "distributed run: write the annex once with scrapy annex" in log
        assert all(_dequeued(log) > 0 for log in logs), [_dequeued(log) for log in logs]

        with Session(database) as s:
            runs = s.scalars(select(Run)).all()
            per_url = Counter(s.scalars(select(Page.url)))
            assert s.scalar(select(func.count()).select_from(Page)) == len(per_url)
        assert [(r.spider, r.as_of, r.status) for r in runs] == [("gov", date.fromisoformat(AS_OF), "finished")]
        # Trap caps count per worker (govcrawl/distributed/runs.py): the workers together store every page
        # one process stores, and beyond them only more query variants of a capped path, or more
        # pages of a capped pagination, within the workers' joint cap.
        assert expected <= set(per_url)
        extra = set(per_url) - expected
        assert all(urlsplit(url).query or PAGINATION.search(url) for url in extra), sorted(extra)
        variants = Counter(urlsplit(url).path for url in per_url if urlsplit(url).query)
        assert all(n <= len(workers) * MAX_QUERY_VARIANTS for n in variants.values()), variants
        for url in (f"{A}/", f"{A}/xwdt/", f"{B}/", f"{B}/gsgg/a1.html", f"{C}/xxgk/content_5.html"):
            assert url in per_url, url
        # no page was fetched more often than one process fetches it (its retries included):
        # nothing twice across the workers; robots.txt is each worker's own
        for site in servers:
            more = {path: (n, single_gets[site.url][path]) for path, n in Counter(site.stats.paths("GET")).items()
                    if n > max(single_gets[site.url][path], 1) and path != "/robots.txt"}
            assert not more, (site.url, more)
        # the last worker cleared the run's shared keys
        assert not list(server.scan_iter(f"{prefix}:*"))
        assert not list((tmp_path / "w0").rglob("*.xlsx")) and not list((tmp_path / "w1").rglob("*.xlsx"))

        annex = subprocess.run([str(SCRAPY), "annex", "-a", f"region={FIXTURE_REGION}", "-a", f"as_of={AS_OF}",
                                "-s", f"DATABASE_URL={POSTGRES_URL}", "-s", f"OUTPUT_DIR={tmp_path / 'annex'}"],
                               cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
        assert annex.returncode == 0, annex.stderr[-3000:]
        books = list((tmp_path / "annex" / "fixtures").glob("附件1-*.xlsx"))
        assert len(books) == 1
        rows = list(load_workbook(books[0], read_only=True)["附件1"].iter_rows(min_row=2, values_only=True))
        assert [row for row in rows if row and row[0] is not None]
    finally:
        _forget(server, prefix)
