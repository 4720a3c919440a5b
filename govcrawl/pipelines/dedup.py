"""DedupPipeline (400): merges the findings items carry, per run, and stores them.

Findings are merged in memory by (subject, 问题类型, key); every GOVCRAWL_DB_BATCH distinct keys,
and when the spider closes, they are upsert-merged into the database
(govcrawl.storage.finding_rows.save_findings), where rows of earlier flushes and of other crawl
processes sharing the database are merged the same way. A flush that meets a lost database
connection is run again (``engine.in_transaction``, up to GOVCRAWL_DB_RETRY_SECONDS).
"""

from __future__ import annotations

import logging
from typing import Any

from govcrawl.config import CrawlConfig
from govcrawl.model.conf import build_conf
from govcrawl.model.findings import Finding
from govcrawl.model.merge import merge_into
from govcrawl.pipelines._spider import crawl_run_id, spider_as_of, spider_region
from govcrawl.regions import Region
from govcrawl.storage.engine import engine_for, in_transaction
from govcrawl.storage.finding_rows import save_findings

logger = logging.getLogger(__name__)


class DedupPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.config = CrawlConfig.for_crawler(crawler)
        self.batch = self.config.db_batch
        self.region: Region | None = None
        self.max_pages = 0
        self.merged: dict[tuple[str, str, str], Finding] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.region = spider_region(spider)
        if self.region is not None:
            conf = build_conf(self.crawler.settings, self.region, None, spider_as_of(spider))
            self.max_pages = int(conf["GOVCRAWL_DEDUP_PAGES"])

    def process_item(self, item: Any) -> Any:
        findings = getattr(item, "findings", None)
        if self.region is not None and findings:
            merge_into(self.merged, findings, self.max_pages)
            if len(self.merged) >= self.batch:
                self.flush()
        return item

    def flush(self) -> None:
        """Store the merged findings (once the store pipeline has opened the run)."""
        run_id = crawl_run_id(self.crawler)
        if not self.merged or self.region is None or run_id is None:
            return
        findings = list(self.merged.values())
        in_transaction(engine_for(self.config, self.region.code),
                       lambda session: save_findings(session, run_id, findings, self.max_pages),
                       retry_seconds=self.config.db_retry_seconds, what=f"storing {len(findings)} findings")
        logger.debug("stored %d merged findings of run %s", len(self.merged), run_id)
        self.merged.clear()

    def close_spider(self) -> None:
        self.flush()
        if self.merged:
            logger.error("%d findings not stored: the spider opened no run (is the store pipeline on?)",
                         len(self.merged))
