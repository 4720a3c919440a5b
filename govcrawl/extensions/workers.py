"""WorkerHeartbeat: every crawl process records itself as a worker of its run (govcrawl.storage.workers).

It joins once the store pipeline has opened or joined the run, says it is alive every
GOVCRAWL_WORKER_HEARTBEAT seconds, and leaves with the close reason. The annex step (``scrapy annex``,
the ``annex`` spider) reads this to refuse a partial annex while workers are still running and to
call the run incomplete when one was lost. A database that does not answer costs one warning, never
the crawl. Reads GOVCRAWL_WORKER_HEARTBEAT.
"""

from __future__ import annotations

import logging
import os
from typing import Any, cast

from scrapy import signals
from twisted.internet import reactor, task
from twisted.internet.interfaces import IReactorTime

from govcrawl.config import CrawlConfig
from govcrawl.distributed.runs import distributed
from govcrawl.pipelines._spider import crawl_run_id, spider_region
from govcrawl.storage.engine import engine_for
from govcrawl.storage.workers import join_run, leave_run, seen, this_worker

__all__ = ["WorkerHeartbeat"]

logger = logging.getLogger(__name__)


class WorkerHeartbeat:
    """Join, heartbeat and leave the crawl's run as one named worker."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.name = ""
        self.run_id: int | None = None
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerHeartbeat:
        extension = cls(crawler)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider: Any) -> None:
        self.name = this_worker(str(getattr(spider, "_job", "") or os.environ.get("SCRAPY_JOB", "")))
        # the store pipeline opens the run in its own spider_opened handler, connected after this one
        task.deferLater(cast(IReactorTime, reactor), 0, self.beat)
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(CrawlConfig.for_crawler(self.crawler).worker_heartbeat, now=False)

    def beat(self) -> None:
        try:
            if self.run_id is not None:
                seen(self._engine(), self.run_id, self.name)
                return
            run_id = crawl_run_id(self.crawler)
            if run_id is not None and spider_region(self.crawler.spider) is not None:
                join_run(self._engine(), run_id, self.name,
                         replace_others=not distributed(CrawlConfig.for_crawler(self.crawler)))
                self.run_id = run_id
        except Exception as exc:  # a database restart must not stop the crawl; the next beat retries
            logger.warning("worker heartbeat not recorded (%s: %s)", type(exc).__name__, exc)

    def closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.run_id is None:
            return
        try:
            leave_run(self._engine(), self.run_id, self.name, reason)
        except Exception as exc:
            logger.warning("worker %s: its close (%s) not recorded (%s: %s)", self.name, reason,
                           type(exc).__name__, exc)

    def _engine(self) -> Any:
        region = spider_region(self.crawler.spider)
        assert region is not None
        return engine_for(CrawlConfig.for_crawler(self.crawler), region.code)
