"""Measure browser throughput and memory: ``python -m tests.sites_js.bench_render [PAGES] [PER_SITE] [-s K=V…]``.

Serves the script-built-list fixture on loopback, renders PAGES page fetches through the probe
spider with render = always (PER_SITE open browser pages), samples the summed RSS and PSS of
the Chromium processes every 0.2 s, and prints pages rendered per minute and the peak.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.sites_js.serve import serve

ROOT = Path(__file__).resolve().parents[2]
PATHS = ("gzdt/index.html", "tzgg.html", "", "gzdt/t20260715_6.html", "tzgg/t20261116_31.html")


def chromium_memory_kb() -> tuple[int, int]:
    """(summed RSS, summed PSS) of the Chromium processes; RSS counts shared pages once per process."""
    rss = pss = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"chromium" not in cmdline.split(b"\0", 1)[0]:
                continue
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def main(pages: int, per_site: int, extra: list[str]) -> None:
    peak_rss = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        while not done.is_set():
            rss, pss = chromium_memory_kb()
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.2)

    with serve("jslist_stale", "127.0.1.90") as site, tempfile.TemporaryDirectory() as tmp:
        urls = [f"{site.url}{PATHS[i % len(PATHS)]}?bench={i}" for i in range(pages)]
        out = Path(tmp) / "items.jsonl"
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "tests.sites_js.probe_spider", str(out), "pages", *urls,
                        "render=always", "-s", f"GOVCRAWL_RENDER_PAGES_PER_SITE={per_site}",
                        "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={per_site}", "-s", "LOG_LEVEL=WARNING",
                        "-s", f"GOVCRAWL_MAX_RENDERED_PAGES={pages}", *extra],
                       cwd=ROOT, check=True, capture_output=True)
        elapsed = time.monotonic() - started
        done.set()
        rendered = sum('"rendered": true' in line for line in out.read_text().splitlines())
    print(f"{rendered} pages rendered in {elapsed:.1f} s (process start to exit, browser launch included): "
          f"{rendered / elapsed * 60:.0f} pages/min; peak Chromium memory: RSS sum {peak_rss / 1024:.0f} MiB, "
          f"PSS sum {peak_pss / 1024:.0f} MiB "
          f"({per_site} pages per site)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100, int(sys.argv[2]) if len(sys.argv) > 2 else 2,
         sys.argv[3:])
