"""ExportPipeline (800): writes the annex when the crawl is over.

It waits for the ``spider_closed`` signal rather than close_spider: Scrapy closes pipelines in
reverse order, so at our close_spider the dedup and store pipelines would not have flushed yet;
spider_closed comes after every pipeline has closed. The annex itself is made by
the finalizer of govcrawl.annex.finalize.FINALIZERS, exactly as ``scrapy annex`` makes it.
In a distributed run (``REDIS_URL``) no worker writes it: a worker that closes cannot know the
others are done, so ``scrapy annex`` writes it once after the last.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals

from govcrawl.annex.finalize import FINALIZERS
from govcrawl.config import CrawlConfig
from govcrawl.distributed.runs import distributed
from govcrawl.pipelines._spider import crawl_run_id, spider_as_of, spider_region
from govcrawl.storage.engine import engine_for

logger = logging.getLogger(__name__)


class ExportPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExportPipeline:
        return cls(crawler)

    def spider_closed(self, spider: Any, reason: str) -> None:
        finalize = FINALIZERS.get(getattr(spider, "name", ""))
        region = spider_region(spider)
        if finalize is None or region is None:
            return
        config = CrawlConfig.from_settings(self.crawler.settings)
        if distributed(config):  # other workers may still be crawling this run
            logger.info("distributed run: write the annex once with scrapy annex -a region=%s -a as_of=%s",
                        region.path, spider_as_of(spider).isoformat())
            return
        run_id = crawl_run_id(self.crawler)
        if run_id is None:
            logger.error("spider %s closed without a run id: no annex written", spider.name)
            return
        result = finalize(engine_for(config, region.code), run_id, region, self.crawler.settings)
        logger.info("annex written (crawl closed: %s): %s", reason, " — ".join(result.lines()))
