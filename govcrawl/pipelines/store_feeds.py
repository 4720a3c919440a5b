"""FeedStorePipeline: write the newmedia spider's posts and account outcomes into the run's database.

Rows: Post (one per post of an account's feed) and AccountCheck (how reading the feed went, one per
account). Post dates are stored as China local time without a zone (the column type is zone-less
on SQLite); govcrawl/annex_accounts.py reads them back as China time.

The run is the one StorePipeline opened for this crawl (``spider.run_id``, or the run id it puts
in the crawl stats). Without it — StorePipeline switched off — this pipeline opens the run itself
with the same helper (``storage.engine.start_run``) on the first feed item, so a gov crawl never
gets a run from here. Other items pass through untouched.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from govcrawl.feeds import china_time
from govcrawl.items import AccountItem, PostItem
from govcrawl.storage.engine import database_url, make_engine, start_run
from govcrawl.storage.models import AccountCheck, Post

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

__all__ = ["FeedStorePipeline", "local_time"]

RUN_ID_STAT = "govcrawl/run_id"  # where StorePipeline publishes the run it opened


def local_time(value: datetime | None) -> datetime | None:
    """``value`` as zone-less China local time, for storage."""
    return None if value is None else china_time(value).replace(tzinfo=None)


class FeedStorePipeline:
    """Item pipeline: buffer PostItem rows and write them every ``GOVCRAWL_DB_BATCH`` items and at
    close; write each AccountItem at once (an account is done when it arrives)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.batch_size = max(1, crawler.settings.getint("GOVCRAWL_DB_BATCH"))
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
        if self.engine is not None:
            self.engine.dispose()

    def flush(self) -> None:
        if self.engine is None or not self.posts:
            return
        posts, self.posts = self.posts, []
        with Session(self.engine) as session, session.begin():
            session.add_all(Post(run_id=self.run_id, account=p.account, title=p.title, link=p.link,
                                 published=local_time(p.published), text=p.text) for p in posts)

    def _open(self) -> None:
        spider: Any = self.crawler.spider
        settings = self.crawler.settings
        region = spider.region
        self.engine = make_engine(database_url(settings.get("DATABASE_URL", ""),
                                               settings.get("OUTPUT_DIR", "output"), region.code))
        stats = self.crawler.stats
        run_id = getattr(spider, "run_id", None) or (stats.get_value(RUN_ID_STAT) if stats else None)
        if not run_id:
            run_id = start_run(self.engine, region.code, region.name, str(spider.name), spider.as_of)
            logger.info("opened run %s for the feed items", run_id)
            if stats is not None:
                stats.set_value(RUN_ID_STAT, run_id)
        self.run_id = int(run_id)
        spider.run_id = self.run_id
