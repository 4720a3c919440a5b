"""Progress an operator can watch: a log line every GOVCRAWL_PROGRESS_INTERVAL seconds and at the end.

The line reads ``progress: sites 2/5 done, 340 pages, 1210 links checked, 85.0 pages/min, ETA 6 min``
and goes to the log, so scrapyd's job log shows it. A site (a 附件1 site, or a 政务新媒体 account for
the newmedia spider) counts as done once it has been started and nothing of it is waiting to be
fetched; the ETA is the time per finished site so far times the sites left ("ETA unknown" before the
first one finishes). When stdout is a terminal a live progress bar (rich) shows the same figures.

Reads GOVCRAWL_PROGRESS_INTERVAL (seconds; 0 turns the periodic line off, the closing line stays).
"""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from scrapy import signals
from twisted.internet import task

from govcrawl.model.items import LinkItem, PageItem

__all__ = ["Progress", "ProgressLog", "progress_line"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Progress:
    """The figures of one progress report."""

    sites_done: int
    sites_total: int
    pages: int
    links: int
    elapsed: float  # seconds since the crawl opened


def progress_line(p: Progress) -> str:
    """The log line for ``p`` (see the module docstring)."""
    minutes = p.elapsed / 60
    rate = p.pages / minutes if minutes > 0 else 0.0
    if p.sites_done >= p.sites_total:
        eta = "ETA 0 min"
    elif p.sites_done == 0:
        eta = "ETA unknown"
    else:
        eta = f"ETA {round(minutes / p.sites_done * (p.sites_total - p.sites_done))} min"
    return (f"progress: sites {p.sites_done}/{p.sites_total} done, {p.pages} pages, {p.links} links checked, "
            f"{rate:.1f} pages/min, {eta}")


def _units(spider: Any) -> int:
    region = getattr(spider, "region", None)
    if region is None or not hasattr(region, "sites"):
        return 0
    return len(region.accounts) if getattr(spider, "name", "") == "newmedia" else len(region.sites)


class ProgressLog:
    """Counts pages, links and the requests each site still waits for, and reports them."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.interval = float(crawler.settings.getfloat("GOVCRAWL_PROGRESS_INTERVAL"))
        self.waiting: Counter[str] = Counter()  # per site: requests scheduled and not yet fetched
        self.pages = 0
        self.links = 0
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None
        self.bar: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressLog:
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(ext.request_finished, signal=signals.request_dropped)
        crawler.signals.connect(ext.request_finished, signal=signals.request_left_downloader)
        return ext

    # -- counting -----------------------------------------------------------------------------
    def request_scheduled(self, request: Any, spider: Any) -> None:
        site = request.meta.get("site") or request.meta.get("account")
        if site:
            self.waiting[str(site)] += 1

    def request_finished(self, request: Any, spider: Any) -> None:
        site = request.meta.get("site") or request.meta.get("account")
        if site and self.waiting[str(site)] > 0:
            self.waiting[str(site)] -= 1

    def item_scraped(self, item: Any, spider: Any) -> None:
        if isinstance(item, PageItem):
            self.pages += 1
        elif isinstance(item, LinkItem):
            self.links += 1

    def snapshot(self, spider: Any, finished: bool = False) -> Progress:
        total = _units(spider)
        done = total if finished else min(total, sum(1 for n in self.waiting.values() if n == 0))
        return Progress(done, total, self.pages, self.links, time.monotonic() - self.started)

    # -- reporting ----------------------------------------------------------------------------
    def opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        if self.interval > 0:
            self.loop = task.LoopingCall(self.report, spider)
            self.loop.start(self.interval, now=False)
        if sys.stdout.isatty():
            from rich.progress import Progress as Bar

            self.bar = Bar(transient=False)
            self.bar.start()
            self.bar.add_task(spider.name, total=_units(spider) or None)
            self.bar_loop = task.LoopingCall(self.refresh_bar, spider)
            self.bar_loop.start(1.0, now=False)

    def refresh_bar(self, spider: Any, finished: bool = False) -> None:
        p = self.snapshot(spider, finished)
        task_id = self.bar.task_ids[0]
        self.bar.update(task_id, completed=p.sites_done,
                        description=f"{spider.name}: {p.pages} pages, {p.links} links")

    def report(self, spider: Any, finished: bool = False) -> None:
        logger.info(progress_line(self.snapshot(spider, finished)), extra={"spider": spider})

    def closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        finished = reason == "finished"
        if self.bar is not None:
            if self.bar_loop.running:
                self.bar_loop.stop()
            self.refresh_bar(spider, finished)
            self.bar.stop()
        self.report(spider, finished)
