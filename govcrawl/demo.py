"""``python -m govcrawl.demo``: serve the bundled demo region on loopback, crawl it, summarise.

The three demo sites (demo/sites/<name>/, regions/demo.toml) are served by threads on
127.0.1.11-13 port 8711; ``scrapy crawl gov -a region=regions/demo.toml -a as_of=2026-11-20`` runs in a
subprocess with the project's own settings and pipelines; then ``crawl_summary`` of the run is
printed and the servers stop. The demo data is built around that as_of.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from govcrawl.devserver import SiteServer
from govcrawl.regions import load_region
from govcrawl.report import crawl_summary
from govcrawl.storage.engine import database_url, latest_run, make_engine

__all__ = ["AS_OF", "DEMO_SITES", "main", "serve_demo"]

REPO = Path(__file__).resolve().parent.parent
SITES_DIR = REPO / "demo" / "sites"
REGION_FILE = Path("regions") / "demo.toml"  # relative to REPO, where the crawl runs
AS_OF = "2026-11-20"
PORT = 8711
#: demo site folder → the loopback address regions/demo.toml names for it
DEMO_SITES = {"county": "127.0.1.11", "education": "127.0.1.12", "health": "127.0.1.13"}


def serve_demo() -> list[SiteServer]:
    """Start every demo site; the caller stops them."""
    return [SiteServer(SITES_DIR / name, host, PORT).start() for name, host in DEMO_SITES.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m govcrawl.demo", description=__doc__.split("\n")[0])
    parser.add_argument("--output-dir", default="output", help="OUTPUT_DIR of the crawl (default: output)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a further Scrapy setting for the crawl (repeatable)")
    options = parser.parse_args(argv)
    # The region by path: a bare "demo" would also name the demo/ folder in the repository root.
    command = [str(Path(sys.executable).with_name("scrapy")), "crawl", "gov", "-a", f"region={REGION_FILE}",
               "-a", f"as_of={AS_OF}", "-s", f"OUTPUT_DIR={options.output_dir}"]
    for setting in options.set:
        command += ["-s", setting]
    servers = serve_demo()
    try:
        result = subprocess.run(command, cwd=REPO, check=False)
    finally:
        for server in servers:
            server.stop()
    if result.returncode != 0:
        print(f"crawl failed with exit code {result.returncode}", file=sys.stderr)
        return result.returncode
    region = load_region(REPO / REGION_FILE)
    engine = make_engine(database_url("", REPO / options.output_dir, region.code))
    run = latest_run(engine, region.code, "gov")
    if run is None:
        print("the crawl stored no run", file=sys.stderr)
        return 1
    print(crawl_summary(engine, run.id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
