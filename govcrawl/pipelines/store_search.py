"""SearchStorePipeline: write each site-search query the gov spider sent (SearchItem) into the run's database.

A site gets one or two queries, so each row is written as it arrives. The run is the one
StorePipeline opened for this crawl (govcrawl.pipelines._spider.crawl_run_id). Other items pass
through untouched.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from govcrawl.config import CrawlConfig
from govcrawl.model.items import SearchItem
from govcrawl.pipelines._spider import crawl_run_id
from govcrawl.storage.engine import engine_for
from govcrawl.storage.models import Search

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

__all__ = ["SearchStorePipeline"]


class SearchStorePipeline:
    """Item pipeline: store every SearchItem at once."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.engine: Engine | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SearchStorePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, SearchItem):
            return item
        run_id = crawl_run_id(self.crawler)
        if run_id is None:
            raise RuntimeError("a search arrived before a run was opened: StorePipeline must be on")
        if self.engine is None:
            spider: Any = self.crawler.spider
            self.engine = engine_for(CrawlConfig.for_crawler(self.crawler), spider.region.code)
        with Session(self.engine) as session, session.begin():
            session.add(Search(run_id=run_id, site=item.site, query=item.query, article_url=item.article_url,
                               search_url=item.search_url, outcome=item.outcome, detail=item.detail,
                               status=item.status, at=item.at))
        return item
