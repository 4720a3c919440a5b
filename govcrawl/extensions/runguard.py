"""RunGuard: one crawl of a run at a time, and no trust in a JOBDIR a killed crawl left behind.

**Two crawls of one run.** A crawl of a region, spider and as_of replaces the earlier run of the
same three (``storage.engine.start_run``), so two started at once would delete each other's rows.
The second refuses instead: before any request it says ``another crawl of REGION/SPIDER/AS_OF is
running (pid N)`` and ``scrapy crawl`` exits non-zero. The lock is an ``flock`` on
``OUTPUT_DIR/<region>/.crawl-<spider>-<as_of>.lock``, held until the process ends; the kernel
drops it however the process ends, so a killed crawl never leaves a stale lock behind. It covers
the crawls that share an OUTPUT_DIR on one machine (cron, scrapyd and a person at the console).
The workers of a distributed run (``REDIS_URL``) join one run on purpose and take no lock, nor
does a spider whose ``exclusive_run`` is False (the probe: overlapping probes only add samples).

**A killed crawl's JOBDIR.** Scrapy saves the request queue, the seen-requests file and
``spider.state`` (the frontier and the run id) only when the spider closes. A crawl stopped with
SIGTERM or SIGINT closes, and the next start with the same JOBDIR resumes where it stopped. A crawl
killed outright (SIGKILL, the OOM killer, a power cut) leaves those files as an earlier close left
them, or half-written: resuming from them would lose the pages its frontier took but its queue
forgot. So the guard marks the JOBDIR (``govcrawl.running``) while a crawl runs and removes the
mark once Scrapy has saved its state; a start that finds the mark logs a warning, deletes Scrapy's
files and crawls from the beginning as a new run, which replaces the killed run and its rows.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import IO, Any

from scrapy import signals

from govcrawl.config import CrawlConfig
from govcrawl.distributed.runs import distributed
from govcrawl.pipelines._spider import spider_as_of, spider_region

logger = logging.getLogger(__name__)

__all__ = ["RUNNING_MARK", "RunGuard", "RunLocked", "clear_killed_jobdir", "hold_run_lock"]

RUNNING_MARK = "govcrawl.running"
#: what Scrapy keeps in a JOBDIR (the scheduler's queue and seen requests, the SpiderState pickle)
_SCRAPY_FILES = ("requests.queue", "requests.seen", "spider.state")


class RunLocked(RuntimeError):
    """Another live crawl holds the run; the message says which and its pid."""


def hold_run_lock(folder: Path, region: str, spider: str, as_of: date) -> IO[str]:
    """Take the lock of run ``region/spider/as_of`` under ``folder``; keep the returned file open
    as long as the crawl runs. Raises RunLocked when another process holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = (folder / f".crawl-{spider}-{as_of.isoformat()}.lock").open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        handle.close()
        raise RunLocked(f"another crawl of {region}/{spider}/{as_of.isoformat()} is running (pid {holder}): "
                        "wait for it to finish or stop it first") from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle


def clear_killed_jobdir(jobdir: Path) -> bool:
    """Mark ``jobdir`` as in use; when the mark of an earlier crawl is still there (it was killed
    before it could save), delete Scrapy's files first. True when they were deleted."""
    jobdir.mkdir(parents=True, exist_ok=True)
    mark = jobdir / RUNNING_MARK
    killed = mark.exists()
    if killed:
        for name in _SCRAPY_FILES:
            path = jobdir / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    mark.write_text(f"{os.getpid()}\n", encoding="utf-8")
    return killed


class RunGuard:
    """The run lock and the JOBDIR mark (see the module docstring)."""

    def __init__(self, jobdir: Path | None, lock: IO[str] | None) -> None:
        self.jobdir = jobdir
        self.lock = lock  # held open: closing it would release the lock

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunGuard:
        spider = crawler.spider
        region = spider_region(spider)
        config = CrawlConfig.for_crawler(crawler)
        lock = None
        if region is not None and getattr(spider, "exclusive_run", True) and not distributed(config):
            try:
                lock = hold_run_lock(Path(config.output_dir) / region.code, region.code, spider.name,
                                     spider_as_of(spider))
            except RunLocked as exc:
                message = f"{spider.name}: cannot start: {exc}"
                logger.error(message)
                print(message, file=sys.stderr)
                raise
        jobdir_setting = crawler.settings.get("JOBDIR")
        jobdir = Path(jobdir_setting) if jobdir_setting else None
        if jobdir is not None and clear_killed_jobdir(jobdir):
            logger.warning("JOBDIR %s belongs to a crawl that was killed before it could save its queue: "
                           "crawling again from the start, as a new run", jobdir)
        guard = cls(jobdir, lock)
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        return guard

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Scrapy has saved the JOBDIR (this handler runs after SpiderState's): the next start may
        resume from it."""
        del spider, reason
        if self.jobdir is not None:
            (self.jobdir / RUNNING_MARK).unlink(missing_ok=True)
