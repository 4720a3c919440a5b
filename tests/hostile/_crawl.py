"""What the tests/hostile crawl tests share: the settings of a quick, loopback-only crawl and the
stored results of a run."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from govcrawl.config import CrawlConfig
from govcrawl.storage.engine import engine_for
from govcrawl.storage.models import FindingRow, Link, LinkSeen, Page, Run
from tests import conftest
from tests.conftest import run_spider
from tests.hostile.resolver import HOSTS_VARIABLE

HERE = Path(__file__).resolve().parent
AS_OF = "2026-11-20"
#: small limits, so every trap ends in seconds; names resolve only through the stub resolver
QUICK = (*conftest.QUICK, "GOVCRAWL_RENDER=never", "DOWNLOAD_TIMEOUT=4", "GOVCRAWL_LINK_CHECK_TIMEOUT=4",
         "RETRY_TIMES=1", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
         "TWISTED_DNS_RESOLVER=tests.hostile.resolver.StubResolver", "GOVCRAWL_PROGRESS_INTERVAL=0")


@dataclass
class Stored:
    """One run's rows, keyed for the assertions."""

    returncode: int
    log: str
    pages: dict[str, Page]
    links: dict[str, Link]
    seen: list[LinkSeen]
    findings: list[FindingRow]
    run: Run
    output: Path


@contextmanager
def resolver_hosts(table: str) -> Iterator[None]:
    """The stub resolver's table for the crawls started inside."""
    old = os.environ.get(HOSTS_VARIABLE)
    os.environ[HOSTS_VARIABLE] = table
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(HOSTS_VARIABLE, None)
        else:
            os.environ[HOSTS_VARIABLE] = old


def crawl(region: Path, code: str, output: Path, *settings: str, timeout: float = 240) -> Stored:
    """Crawl ``region`` with QUICK settings and load what the run stored."""
    result: subprocess.CompletedProcess[str] = run_spider("gov", region, AS_OF, output, *QUICK, *settings,
                                                          timeout=timeout)
    return load(output, code, result.returncode, result.stderr)


def load(output: Path, code: str, returncode: int, log: str) -> Stored:
    engine = engine_for(CrawlConfig.from_settings({"OUTPUT_DIR": str(output)}), code)
    with Session(engine, expire_on_commit=False) as s:
        run = s.scalars(select(Run).order_by(Run.id.desc())).first()
        assert run is not None, log[-3000:]
        stored = Stored(returncode, log, {p.url: p for p in s.scalars(select(Page).where(Page.run_id == run.id))},
                        {link.url: link for link in s.scalars(select(Link).where(Link.run_id == run.id))},
                        list(s.scalars(select(LinkSeen).where(LinkSeen.run_id == run.id))),
                        list(s.scalars(select(FindingRow).where(FindingRow.run_id == run.id))), run, output)
    engine.dispose()
    return stored


def rows(findings: list[FindingRow], subject: str) -> set[tuple[str, str, str, str]]:
    """A site's annex rows as comparable tuples."""
    return {(f.problem_type, f.key, f.description, f.url) for f in findings if f.subject == subject}


def by_site(links: Mapping[str, Link], site: str) -> dict[str, Link]:
    return {url: link for url, link in links.items() if link.site == site}
