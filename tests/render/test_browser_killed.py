"""Chromium killed mid-run: the crawl goes on to the end, the page the browser held is never judged
unrendered, and nothing about it is blamed on the site.

scrapy-playwright first retries a page whose browser closed under it in a new browser, which renders
it after all (what this machine shows even with PLAYWRIGHT_TARGET_CLOSED_MAX_RETRIES=0); when that
fails too, the page is fetched again without the browser and stored as needing rendering
(render/decide.py ``browser_lost``, tested there). Either outcome passes; a page stored neither
rendered nor marked does not.

Every page of the site (``render = "always"``) loads a script the server answers only after a
pause, so the browser holds each page for a while; the test kills the crawl's Chromium (its main
process, found among the crawl's descendants) while it holds the homepage.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from govcrawl.devtools.devserver import SiteServer
from govcrawl.devtools.procs import arguments, descendants
from govcrawl.storage.consistency import consistency_problems
from govcrawl.storage.models import Link, Page
from tests.conftest import start_spider
from tests.sites_js.chromium import BROWSER_MARKS

pytestmark = BROWSER_MARKS

HOST, PORT = "127.0.1.171", 8701
SLOW_SCRIPT_SECONDS = 4
PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        "<script src='/slow.js'></script></head><body><h1>{title}</h1>{links}"
        "<div class='footer'>主办：白石镇人民政府 网站标识码：3307990009</div></body></html>")
ARTICLES = ("a1", "a2", "a3")


def _site(root: Path) -> None:
    root.mkdir()
    links = "".join(f"<p><a href='/{name}.html'>通知{name}</a></p>" for name in ARTICLES)
    (root / "index.html").write_text(PAGE.format(title="白石镇人民政府", links=links), "utf-8")
    for name in ARTICLES:
        (root / f"{name}.html").write_text(PAGE.format(title=f"通知{name}", links="<a href='/'>首页</a>"), "utf-8")
    (root / "slow.js").write_text("document.title = document.title;\n", "utf-8")
    (root / "_server.json").write_text(json.dumps({"paths": {"/slow.js": {"delay": SLOW_SCRIPT_SECONDS}}}), "utf-8")


def _browser(pid: int) -> int | None:
    """The crawl's Chromium main process (its helpers carry a --type= argument)."""
    for child in descendants(pid):
        argv = arguments(child)
        if argv and "chrom" in Path(argv[0]).name and not any(a.startswith("--type=") for a in argv):
            return child
    return None


def test_chromium_killed_mid_run(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    server = SiteServer(tmp_path / "site", HOST, PORT).start()
    try:
        region = tmp_path / "region.toml"
        region.write_text('[region]\ncode = "killed"\nname = "测试"\n\n[[sites]]\nname = "白石镇人民政府"\n'
                          f'url = "http://{HOST}:{PORT}/"\nsite_code = "3307990009"\nowner = "白石镇人民政府"\n'
                          'render = "always"\n\n[thresholds]\ndomain_check = false\n', "utf-8")
        crawl = start_spider("gov", region, "2026-11-20", tmp_path / "out", "DOWNLOAD_DELAY=0",
                             "AUTOTHROTTLE_ENABLED=False", "GOVCRAWL_ANNEX_ON_CLOSE=False",
                             "PLAYWRIGHT_TARGET_CLOSED_MAX_RETRIES=0")
        deadline = time.monotonic() + 60
        while ("GET", "/slow.js") not in server.stats.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        browser = _browser(crawl.process.pid)
        assert browser is not None, "no Chromium under the crawl while it renders"
        os.kill(browser, signal.SIGKILL)
        log = crawl.ended(timeout=120)
    finally:
        server.stop()
    assert crawl.process.returncode == 0, log[-3000:]
    words = ("WARNING", "ERROR", "rror", "failed", "isconnect", "slow.js")
    said = "\n".join(line for line in log.splitlines() if any(w in line for w in words))
    engine = create_engine(f"sqlite:///{tmp_path / 'out' / 'killed' / 'govcrawl.sqlite'}")
    assert consistency_problems(engine) == []
    with Session(engine) as session:
        pages = {p.url.removeprefix(f"http://{HOST}:{PORT}"): p for p in session.scalars(select(Page))}
        links = list(session.scalars(select(Link)))
    engine.dispose()
    assert set(pages) == {"/", *(f"/{name}.html" for name in ARTICLES)}  # the crawl went on
    # the page the browser held: rendered again by the browser scrapy-playwright relaunches, or, when
    # that fails too, fetched without it and marked needs-rendering (never judged unrendered)
    home = pages["/"]
    assert home.rendered != home.needs_rendering, said[-4000:]
    assert home.rendered or ("browser lost" in log and "fetching it without the browser" in log), said[-4000:]
    assert [link.url for link in links if link.verdict != "ok"] == []  # nothing blamed on the site
