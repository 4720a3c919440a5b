"""``make bench``: crawl speed and memory on the bundled demo region, politeness delays off.

The demo sites are served on loopback and crawled ``--rounds`` times with the politeness block
switched off (a tiny delay floor, no AutoThrottle), so the figure measures govcrawl itself:
download handling, extraction, rules and storage. It prints pages per second and the crawl
process's peak resident memory, and exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from govcrawl.devtools.demo import AS_OF, REGION, REPO, serve_demo
from govcrawl.regions import load_region

#: Targets on the reference machine (2 cores): below these, something got slow or fat.
MIN_PAGES_PER_SECOND = 15.0
MAX_PEAK_RSS_MB = 400.0

FAST = ("DOWNLOAD_DELAY=0.001", "AUTOTHROTTLE_ENABLED=False", "GOVCRAWL_MIN_DOWNLOAD_DELAY=0.001",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8", "LOG_LEVEL=ERROR", "GOVCRAWL_SCREENSHOTS=False",
        "GOVCRAWL_RETRY_BACKOFF_BASE=0")


def _measured(output_dir: Path, region_code: str) -> tuple[int, float]:
    """Pages stored, and the crawl's own seconds (the run's start to finish, without start-up)."""
    with sqlite3.connect(output_dir / region_code / "govcrawl.sqlite") as conn:
        pages = int(conn.execute("select count(*) from pages").fetchone()[0])
        started, finished = conn.execute("select started_at, finished_at from runs where spider = 'gov'").fetchone()
    seconds = (datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds()
    return pages, max(seconds, 1e-3)


def crawl_once(output_dir: Path, extra: list[str]) -> tuple[int, float, float]:
    """One crawl of the demo region; returns (pages stored, crawl seconds, wall seconds)."""
    command = [str(Path(sys.executable).with_name("scrapy")), "crawl", "gov", "-a", f"region={REGION}",
               "-a", f"as_of={AS_OF}", "-s", f"OUTPUT_DIR={output_dir}"]
    for setting in (*FAST, *extra):
        command += ["-s", setting]
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    return (*_measured(output_dir, load_region(REGION, REPO / "regions").code), wall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m govcrawl.devtools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE")
    options = parser.parse_args(argv)
    servers = serve_demo()
    results: list[tuple[int, float, float]] = []
    try:
        for _ in range(options.rounds):
            with tempfile.TemporaryDirectory() as tmp:
                results.append(crawl_once(Path(tmp), options.set))
    finally:
        for server in servers:
            server.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    best = max(pages / seconds for pages, seconds, _ in results)
    for number, (pages, seconds, wall) in enumerate(results, start=1):
        print(f"round {number}: {pages} pages crawled in {seconds:.2f} s = {pages / seconds:.1f} pages/s "
              f"({wall:.1f} s with process start-up and the annex)")
    print(f"best: {best:.1f} pages/s (target ≥ {MIN_PAGES_PER_SECOND}); "
          f"peak RSS of a crawl process: {peak_mb:.0f} MB (target ≤ {MAX_PEAK_RSS_MB:.0f})")
    return 0 if best >= MIN_PAGES_PER_SECOND and peak_mb <= MAX_PEAK_RSS_MB else 1


if __name__ == "__main__":
    sys.exit(main())
