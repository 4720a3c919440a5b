from __future__ import annotations

import logging
from datetime import datetime
from types import SimpleNamespace

import pytest
import scrapy
from scrapy.utils.test import get_crawler

from govcrawl.extensions.progress import Progress, ProgressLog, progress_line
from govcrawl.model.items import LinkItem, PageItem


def test_line_gives_sites_pages_links_rate_and_eta() -> None:
    line = progress_line(Progress(sites_done=2, sites_total=5, pages=300, links=1200, elapsed=600))
    # 10 minutes for 2 sites: 15 more for the 3 left
    assert line == "progress: sites 2/5 done, 300 pages, 1200 links checked, 30.0 pages/min, ETA 15 min"


def test_eta_is_unknown_until_a_site_finishes_and_zero_at_the_end() -> None:
    assert progress_line(Progress(0, 3, 10, 0, 60)).endswith("ETA unknown")
    assert progress_line(Progress(3, 3, 10, 0, 60)).endswith("ETA 0 min")


def _request(site: str) -> scrapy.Request:
    return scrapy.Request(f"http://127.0.1.90/{site}", meta={"site": site})


def test_a_site_is_done_when_nothing_of_it_waits(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(scrapy.Spider, {"GOVCRAWL_PROGRESS_INTERVAL": 0})
    ext = ProgressLog.from_crawler(crawler)
    sites = [SimpleNamespace(site_code=c) for c in ("a", "b", "c")]
    spider = SimpleNamespace(name="gov", region=SimpleNamespace(sites=sites, accounts=[]))
    a1, a2, b1 = _request("a"), _request("a"), _request("b")
    for request in (a1, a2, b1):
        ext.request_scheduled(request, spider)
    ext.request_finished(a1, spider)
    ext.request_finished(b1, spider)
    now = datetime.now()
    ext.item_scraped(PageItem(site="a", url="u", final_url="u", status=200, depth=0, is_home=True, fetched_at=now,
                              facts=None), spider)  # type: ignore[arg-type]
    ext.item_scraped(LinkItem(site="a", url="u", kind="page", verdict="ok", status=200, error="", checked_at=now),
                     spider)
    progress = ext.snapshot(spider)
    assert (progress.sites_done, progress.sites_total, progress.pages, progress.links) == (1, 3, 1, 1)
    ext.request_finished(a2, spider)
    assert ext.snapshot(spider).sites_done == 2  # c never started: not done
    with caplog.at_level(logging.INFO, logger="govcrawl.extensions.progress"):
        ext.closed(spider, "finished")
    assert "progress: sites 3/3 done, 1 pages, 1 links checked" in caplog.text


def test_a_terminal_gets_a_live_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    ext = ProgressLog.from_crawler(get_crawler(scrapy.Spider, {"GOVCRAWL_PROGRESS_INTERVAL": 0}))
    spider = SimpleNamespace(name="gov", region=SimpleNamespace(sites=[1, 2], accounts=[]))
    ext.opened(spider)
    assert ext.bar is not None and ext.bar.tasks[0].total == 2
    ext.request_scheduled(_request("a"), spider)
    ext.request_finished(_request("a"), spider)
    ext.refresh_bar(spider)
    assert ext.bar.tasks[0].completed == 1
    ext.closed(spider, "finished")
    assert ext.bar.tasks[0].completed == 2 and not ext.bar_loop.running
