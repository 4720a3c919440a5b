"""FeedStorePipeline: write the newmedia spider's posts and account outcomes into the run's database.

Rows: Post (one per post of an account's feed) and AccountCheck (how reading the feed went, one per
account). Post dates are stored as China local time without a zone (the column type is zone-less
on SQLite); govcrawl/annex/accounts.py reads them back as China time.

The run is the one StorePipeline opened for this crawl (govcrawl.pipelines._spider.crawl_run_id).
Other items pass through untouched.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from govcrawl.config import CrawlConfig
from govcrawl.model.account_facts import china_time
from govcrawl.model.items import AccountItem, PostItem
from govcrawl.pipelines._spider import crawl_run_id
from govcrawl.storage.engine import engine_for
from govcrawl.storage.models import AccountCheck, Post

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

__all__ = ["FeedStorePipeline", "local_time"]

def local_time(value: datetime | None) -> datetime | None:
    """``value`` as zone-less China local time, for storage."""
    return None if value is None else china_time(value).replace(tzinfo=None)


class FeedStorePipeline:
    """Item pipeline: buffer PostItem rows and write them every ``GOVCRAWL_DB_BATCH`` items and at
    close; write each AccountItem at once (an account is done when it arrives)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.config = CrawlConfig.for_crawler(crawler)
        self.batch_size = self.config.db_batch
        self.engine: Engine | None = None
        self.run_id = 0
        self.posts: list[PostItem] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FeedStorePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PostItem | AccountItem):
            return item
        if self.engine is None:
            self._open()
        if isinstance(item, PostItem):
            self.posts.append(item)
            if len(self.posts) >= self.batch_size:
                self.flush()
            return item
        self.flush()  # the account's posts first, so its check never points at posts not stored
        assert self.engine is not None
        with Session(self.engine) as session, session.begin():
            row = session.scalars(select(AccountCheck).where(
                AccountCheck.run_id == self.run_id, AccountCheck.account == item.account)).first()
            if row is None:
                row = AccountCheck(run_id=self.run_id, account=item.account)
                session.add(row)
            row.feed_url, row.ok, row.problem = item.feed_url, item.ok, item.problem
            row.post_count, row.newest, row.checked_at = item.post_count, local_time(item.newest), item.checked_at
        return item

    def close_spider(self) -> None:
        self.flush()

    def flush(self) -> None:
        if self.engine is None or not self.posts:
            return
        posts, self.posts = self.posts, []
        with Session(self.engine) as session, session.begin():
            session.add_all(Post(run_id=self.run_id, account=p.account, title=p.title, link=p.link,
                                 published=local_time(p.published), text=p.text) for p in posts)

    def _open(self) -> None:
        run_id = crawl_run_id(self.crawler)
        if run_id is None:
            raise RuntimeError("feed items arrived before a run was opened: StorePipeline must be on")
        spider: Any = self.crawler.spider
        self.engine = engine_for(self.config, spider.region.code)
        self.run_id = run_id
