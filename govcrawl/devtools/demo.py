"""``python -m govcrawl.devtools.demo`` (``make demo``): serve the bundled demo region on loopback, inspect it
twice the way an office would, and say where the annexes and the draft 通报 are.

The three demo sites (demo/sites/<name>/) are served by threads on 127.0.1.11-13 and the
accounts' feeds (demo/feeds/) on 127.0.1.14, all on port 8711, as regions/demo.toml names them.
First the region as it stood at its previous inspection (demo/previous/ laid over a copy of demo/:
some problems there are fixed by now, one is not there yet) is crawled for PREVIOUS_AS_OF, then
the current state for AS_OF: ``scrapy crawl gov`` and ``scrapy crawl newmedia`` in subprocesses with
the project's own settings and pipelines, then ``scrapy report`` for the draft 通报. The crawl
summary, both annexes' paths, summaries and 整改情况, the 通报's path and the evidence screenshots
taken are printed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from govcrawl.annex.accounts import annex2_path
from govcrawl.annex.report import report_path
from govcrawl.annex.sites import annex_path
from govcrawl.annex.summary import crawl_summary
from govcrawl.annex.xlsx import read_notes
from govcrawl.config import CrawlConfig
from govcrawl.devtools.devserver import SiteServer, layered
from govcrawl.regions import Region, load_region
from govcrawl.storage.engine import engine_for, latest_run

__all__ = ["AS_OF", "DEMO_SERVED", "PREVIOUS_AS_OF", "REGION", "main", "serve_demo"]

REPO = Path(__file__).resolve().parents[2]
REGION = "demo"  # regions/demo.toml
AS_OF = "2026-11-20"
#: the previous inspection: the day before, because the demo's pages are dated up to 2026-11-19
PREVIOUS_AS_OF = "2026-11-19"
PORT = 8711
#: folder under demo/ → the loopback address regions/demo.toml names for it
DEMO_SERVED = {"sites/county": "127.0.1.11", "sites/education": "127.0.1.12", "sites/health": "127.0.1.13",
               "feeds": "127.0.1.14"}


def serve_demo(root: Path = REPO / "demo") -> list[SiteServer]:
    """Start every demo site and the feed server from ``root``; the caller stops them."""
    return [SiteServer(root / folder, host, PORT).start() for folder, host in DEMO_SERVED.items()]


def previous_state(into: Path) -> Path:
    """A copy of demo/ with demo/previous/ laid over it: the region at its previous inspection."""
    return layered(REPO / "demo", REPO / "demo" / "previous", into / "demo", "previous")


#: the demo runs offline: its own homepages are the network canary (GOVCRAWL_CANARY_URLS)
OFFLINE_CANARY = "GOVCRAWL_CANARY_URLS="


def scrapy(*args: str, settings: Sequence[str] = ()) -> int:
    """A scrapy command of the project, as a user runs it; returns its exit code."""
    command = [str(Path(sys.executable).with_name("scrapy")), *args, "-s", "LOG_LEVEL=INFO"]
    for setting in settings:
        command += ["-s", setting]
    return subprocess.run(command, cwd=REPO, check=False).returncode


def inspect(root: Path, as_of: str, output_dir: str, settings: list[str]) -> dict[str, int]:
    """Serve the demo from ``root`` and crawl it for ``as_of``: the exit code of each spider."""
    servers = serve_demo(root)
    try:
        return {spider: scrapy("crawl", spider, "-a", f"region={REGION}", "-a", f"as_of={as_of}",
                               settings=[f"OUTPUT_DIR={output_dir}", OFFLINE_CANARY, *settings])
                for spider in ("gov", "newmedia")}
    finally:
        for server in servers:
            server.stop()


def report(region: Region, output_dir: Path) -> list[str]:
    """What the demo tells its user once both crawls are done."""
    lines: list[str] = []
    engine = engine_for(CrawlConfig.from_settings({"OUTPUT_DIR": str(output_dir)}), region.code)
    run = latest_run(engine, region.code, "gov")
    if run is not None:
        lines.append(crawl_summary(engine, run.id))
    for path in (annex_path(output_dir, region, _as_of()), annex2_path(output_dir, region, _as_of())):
        if path.exists():
            lines += [f"annex: {path}", *(f"  {note}" for note in read_notes(path, "检查结果")),
                      *(f"  整改情况：{note}" for note in read_notes(path, "整改情况"))]
        else:
            lines.append(f"annex missing: {path}")
    circular = report_path(output_dir, region, _as_of())
    lines.append(f"draft 通报: {circular}" if circular.exists() else f"draft 通报 missing: {circular}")
    shots = sorted((output_dir / region.code / "evidence").glob("*.png"))
    lines.append(f"evidence screenshots: {len(shots)} in {output_dir / region.code / 'evidence'}")
    return lines


def _as_of() -> date:
    return date.fromisoformat(AS_OF)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m govcrawl.devtools.demo", description=__doc__.split("\n")[0])
    parser.add_argument("--output-dir", default="output", help="OUTPUT_DIR of the crawls (default: output)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a further Scrapy setting for the crawls (repeatable)")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="govcrawl-demo-") as scratch:
        earlier = inspect(previous_state(Path(scratch)), PREVIOUS_AS_OF, options.output_dir, options.set)
    codes = inspect(REPO / "demo", AS_OF, options.output_dir, options.set)
    codes = {**{f"{spider} {PREVIOUS_AS_OF}": code for spider, code in earlier.items()}, **codes}
    codes["report"] = scrapy("report", "-a", f"region={REGION}", "-a", f"as_of={AS_OF}",
                             settings=[f"OUTPUT_DIR={options.output_dir}"])
    output_dir = (REPO / options.output_dir).resolve()
    print("\n".join(report(load_region(REGION, REPO / "regions"), output_dir)))
    failed = {spider: code for spider, code in codes.items() if code}
    if failed:
        print(f"crawl(s) failed: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
