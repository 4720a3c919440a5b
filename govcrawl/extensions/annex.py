"""AnnexOnClose: an extension that writes the annex when the crawl is over.

It listens for the ``spider_closed`` signal, which Scrapy sends after every item pipeline has
closed, so the dedup and store pipelines have flushed their last rows. Off when
GOVCRAWL_ANNEX_ON_CLOSE is False (``scrapy annex`` writes it from the database at any time). The annex itself is made by
the finalizer of govcrawl.annex.finalize.FINALIZERS, exactly as ``scrapy annex`` makes it.
In a distributed run (``REDIS_URL``) no worker writes it: a worker that closes cannot know the
others are done, so ``scrapy annex`` writes it once after the last.

A crawl that closed for any reason but ``finished`` (shutdown, a kill, a closespider limit) is
recorded as an issue of every subject of the run, so its annex says the check is incomplete; the
same run resumed (JOBDIR) and finished clears it. The outcome goes to the crawl's stats for
``scrapy crawl``'s exit status (govcrawl.commands.crawl): ANNEX_STAT is "written", "incomplete" or
"failed" (the error is logged, never raised into Scrapy's signal handler, which would hide it).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from govcrawl.annex.finalize import FINALIZERS
from govcrawl.config import CrawlConfig
from govcrawl.distributed.runs import distributed
from govcrawl.pipelines._spider import crawl_run_id, spider_as_of, spider_region
from govcrawl.storage.engine import engine_for
from govcrawl.storage.run_issues import EVERY_SUBJECT, clear_issues, record_issues

logger = logging.getLogger(__name__)

#: crawl stat that holds the annex outcome: written / incomplete / failed (absent: no annex expected)
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
        if distributed(config):  # other workers may still be crawling this run
            logger.info("distributed run: write the annex once with scrapy annex -a region=%s -a as_of=%s",
                        region.path, spider_as_of(spider).isoformat())
            return
        run_id = crawl_run_id(self.crawler)
        if run_id is None:
            logger.error("spider %s closed without a run id: no annex written", spider.name)
            self._outcome("failed")
            return
        engine = engine_for(config, region.code)
        try:
            if reason == "finished":
                clear_issues(engine, run_id, EVERY_SUBJECT)
            else:
                record_issues(engine, run_id, [(EVERY_SUBJECT, f"抓取未正常结束（{reason}）")])
            result = finalize(engine, run_id, region, self.crawler.settings)
        except Exception:
            logger.exception("annex of run %s NOT written", run_id)
            self._outcome("failed")
            return
        logger.info("annex written (crawl closed: %s): %s", reason, " — ".join(result.lines()))
        if not result.complete:
            logger.error("run %s is incomplete: %s", run_id, " — ".join(result.lines()[2:]))
        self._outcome("written" if result.complete else "incomplete")

    def _outcome(self, value: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(ANNEX_STAT, value)
