"""AnnexOnClose: an extension that writes the annex when the crawl is over.

It listens for the ``spider_closed`` signal, which Scrapy sends after every item pipeline has
closed, so the dedup and store pipelines have flushed their last rows. Off when
GOVCRAWL_ANNEX_ON_CLOSE is False (``scrapy annex`` writes it from the database at any time). The annex itself is made by
the finalizer of govcrawl.annex.finalize.FINALIZERS, exactly as ``scrapy annex`` makes it.
In a distributed run (``REDIS_URL``) no worker writes it: a worker that closes cannot know the
others are done, so ``scrapy annex`` writes it once after the last.

A crawl that closed for any reason but ``finished`` (shutdown, a kill, a closespider limit) is
recorded as an issue of every subject of the run, so its annex says the check is incomplete; the
same run resumed (JOBDIR) and finished clears it (a distributed worker's is never cleared: the
requests it held are gone). The outcome goes to the crawl's stats for
``scrapy crawl``'s exit status (govcrawl.commands.crawl): ANNEX_STAT is one of govcrawl.annex.rebuild's
outcomes (the error is logged, and noted on the run, never raised into Scrapy's signal handler,
which would hide it).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from govcrawl.annex.finalize import FINALIZERS
from govcrawl.annex.rebuild import FAILED, INCOMPLETE, WRITTEN, note_not_written
from govcrawl.config import CrawlConfig
from govcrawl.distributed.runs import distributed
from govcrawl.pipelines._spider import crawl_run_id, spider_as_of, spider_region
from govcrawl.storage.engine import engine_for
from govcrawl.storage.run_issues import EVERY_SUBJECT, clear_issues, record_issues

logger = logging.getLogger(__name__)

#: crawl stat that holds the annex outcome: WRITTEN / INCOMPLETE / FAILED (absent: no annex expected)
ANNEX_STAT = "govcrawl/annex"


class AnnexOnClose:
    """Write the spider's annex (附件1 for gov, 附件2 for newmedia) when it closes."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> AnnexOnClose:
        if not crawler.settings.getbool("GOVCRAWL_ANNEX_ON_CLOSE"):
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Any, reason: str) -> None:
        finalize = FINALIZERS.get(getattr(spider, "name", ""))
        region = spider_region(spider)
        if finalize is None or region is None:
            return
        config = CrawlConfig.for_crawler(self.crawler)
        run_id = crawl_run_id(self.crawler)
        if run_id is None:
            logger.error("spider %s closed without a run id: no annex written", spider.name)
            self._outcome(FAILED)
            return
        engine = engine_for(config, region.code)
        shared = distributed(config)
        try:
            if reason != "finished":
                record_issues(engine, run_id, [(EVERY_SUBJECT, f"抓取未正常结束（{reason}）")])
            elif not shared:  # a worker's finish never clears another worker's stop: its requests are gone
                clear_issues(engine, run_id, EVERY_SUBJECT)
            if shared:  # other workers may still be crawling this run
                logger.info("distributed run: write the annex once with scrapy annex -a region=%s -a as_of=%s "
                            "(or schedule the annex spider)", region.path, spider_as_of(spider).isoformat())
                return
            result = finalize(engine, run_id, region, self.crawler.settings, None)
        except Exception as exc:
            if isinstance(exc, OSError):  # disk full, a read-only folder: the message says it all
                logger.error("annex of run %s NOT written: %s", run_id, exc)
            else:
                logger.exception("annex of run %s NOT written", run_id)
            note_not_written(engine, run_id, f"{type(exc).__name__}: {exc}")
            self._outcome(FAILED)
            return
        logger.info("annex written (crawl closed: %s): %s", reason, " — ".join(result.lines()))
        if not result.complete:
            logger.warning("run %s is incomplete: %s", run_id, " — ".join(result.lines()[2:]))
        self._outcome(WRITTEN if result.complete else INCOMPLETE)

    def _outcome(self, value: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(ANNEX_STAT, value)
