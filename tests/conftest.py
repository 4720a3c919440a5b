"""Session fixtures: the loopback fixture sites, and running a spider in a subprocess.

The fixture sites (tests/sites/<name>/, described in tests/sites/fixtures.toml) are served on
127.0.1.1, 127.0.1.2, 127.0.1.3 … port 8701, one address per site, for the whole session.
Spiders run as ``.venv/bin/scrapy crawl`` subprocesses from the repository root: the Twisted
reactor cannot restart inside one pytest process.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from govcrawl.devtools.devserver import SiteServer

REPO = Path(__file__).resolve().parent.parent
SITES_DIR = REPO / "tests" / "sites"
FIXTURE_REGION = SITES_DIR / "fixtures.toml"
PORT = 8701
#: fixture site folder → the loopback address it is served on
FIXTURE_SITES = {"gbk_table": "127.0.1.1", "ul_trap": "127.0.1.2", "div_robots": "127.0.1.3",
                 "trad_big5": "127.0.1.4", "clean_div": "127.0.1.5", "trs_table": "127.0.1.31",
                 "hanweb_div": "127.0.1.32",
                 # 搜索功能缺失 and 适老化与无障碍 (search_platform: the 集约化 search host of search_external)
                 "search_gbk_table": "127.0.1.40", "search_div_missed": "127.0.1.41", "search_ul_error": "127.0.1.42",
                 "search_external": "127.0.1.43", "search_platform": "127.0.1.44", "search_script_div": "127.0.1.45",
                 "search_none_ul": "127.0.1.46"}
#: the folders of the sites fixtures.toml lists (the crawl tests' region)
FIXTURE_REGION_SITES = ("gbk_table", "ul_trap", "div_robots")
SCRAPY = REPO / ".venv" / "bin" / "scrapy"
#: tests never leave loopback: the region's own homepages are the network canary (settings.py)
NO_PUBLIC_CANARY = "GOVCRAWL_CANARY_URLS="
#: a fixture crawl that is about neither timing nor evidence: no delay, short retry waits, and no
#: screenshots (Chromium's start and a page load per finding after the crawl; tests/annex/test_evidence.py,
#: tests/e2e/test_annex.py, test_hacked_sites.py and tests/render/test_e2e.py keep them)
QUICK = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "GOVCRAWL_RETRY_BACKOFF_BASE=0.1",
         "GOVCRAWL_SCREENSHOTS=False")


@pytest.fixture(scope="session")
def fixture_sites() -> Iterator[dict[str, SiteServer]]:
    """Every fixture site, started once per session; keyed by folder name."""
    servers = {name: SiteServer(SITES_DIR / name, host, PORT).start() for name, host in FIXTURE_SITES.items()}
    try:
        yield servers
    finally:
        for server in servers.values():
            server.stop()


def spider_command(name: str, region_path: str | Path, as_of: str, output_dir: str | Path,
                   *extra_settings: str, spider_args: Sequence[str] = ()) -> list[str]:
    """The ``scrapy crawl`` command line; ``extra_settings`` are ``KEY=VALUE`` strings for ``-s``
    and ``spider_args`` further ``KEY=VALUE`` strings for ``-a``."""
    command = [str(SCRAPY), "crawl", name, "-a", f"region={region_path}", "-a", f"as_of={as_of}",
               "-s", f"OUTPUT_DIR={output_dir}", "-s", NO_PUBLIC_CANARY]
    for setting in extra_settings:
        command += ["-s", setting]
    for arg in spider_args:
        command += ["-a", arg]
    return command


@dataclass(frozen=True)
class Crawl:
    """A spider running beside the test (``start_spider``). Its log goes to a file: a pipe that nobody
    reads while the test waits on the servers fills up and stops the crawl."""

    process: subprocess.Popen[bytes]
    log_file: Path

    def running(self) -> bool:
        return self.process.poll() is None

    def ended(self, timeout: float) -> str:
        """Wait for the crawl to end; its log."""
        self.process.wait(timeout=timeout)
        return self.log_file.read_text(encoding="utf-8", errors="replace")


def start_spider(name: str, region_path: str | Path, as_of: str, output_dir: Path, *extra_settings: str) -> Crawl:
    """Start a spider in a subprocess from the repository root, its log in a file of ``output_dir``."""
    output_dir.mkdir(parents=True, exist_ok=True)
    log_file = output_dir / f"{name}-{time.monotonic_ns()}.log"
    with log_file.open("wb") as sink:
        process = subprocess.Popen(spider_command(name, region_path, as_of, output_dir, *extra_settings),
                                   cwd=REPO, stdout=subprocess.DEVNULL, stderr=sink)
    return Crawl(process, log_file)


def run_spider(name: str, region_path: str | Path, as_of: str, output_dir: str | Path,
               *extra_settings: str, spider_args: Sequence[str] = (),
               timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run a spider to completion in a subprocess from the repository root; return the result
    (its log is in ``stderr``)."""
    result = subprocess.run(spider_command(name, region_path, as_of, output_dir, *extra_settings,
                                           spider_args=spider_args),
                            cwd=REPO, capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-5000:])
    return result
