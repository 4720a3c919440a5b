"""StorePipeline: write what the spiders saw into the run's database, in batches.

Rows: Subject (each site and account of the region, at the start), Page (one per HTML page),
Column (a 栏目, merged over its list pages: keyed by the first page's URL, item counts summed,
newest date the latest), Link (one check per distinct link and site), LinkSeen (every page a
link appeared on, with its anchor), Sample (homepage availability; outlives runs) and TransportCheck
(the IPv6/HTTPS check of a site).

The run is opened when the spider opens: a new run replaces an earlier one of the same region,
spider and as_of (``engine.start_run``); in a distributed run (``REDIS_URL``) the first worker
opens it and the others join it (``govcrawl.distributed.runs.shared_run_id``). A crawl resumed from
JOBDIR continues its own run (the id is kept in ``spider.state``) and a page stored before the
stop is not stored again, so its column counts are not added twice. Finding rows are written by
the rules' own pipelines.

Every write is one transaction that stores only what is not there yet, so when the database server
goes away mid-run (a PostgreSQL restart) it is simply run again (``engine.in_transaction``, for up
to GOVCRAWL_DB_RETRY_SECONDS): nothing is lost and nothing is written twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import Session

from govcrawl.config import CrawlConfig
from govcrawl.crawl.column_urls import column_page
from govcrawl.crawl.urls import canonical_url
from govcrawl.distributed.runs import distributed, shared_run_id
from govcrawl.extract.page import facts_to_json
from govcrawl.model.items import LinkItem, PageItem, SampleItem, TransportItem
from govcrawl.pipelines._spider import RUN_ID_STAT
from govcrawl.storage.engine import engine_for, finish_run, in_transaction, start_run
from govcrawl.storage.models import Column, Link, LinkSeen, Page, Run, Sample, Subject, reader_count
from govcrawl.storage.transport import save_transport

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

    from govcrawl.regions import Region

logger = logging.getLogger(__name__)

__all__ = ["StorePipeline"]

_STATE_KEY = "store_run_id"
_CHUNK = 500  # bound on the size of SQL IN (...) lists
_LOCK_SPACE = 0x67637277  # first key of the run's PostgreSQL advisory lock ("gcrw"), the run id the second


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


@dataclass
class _Batch:
    """Items waiting for the next write (pages keep their order; links keep the latest check)."""

    pages: dict[str, PageItem] = field(default_factory=dict)
    links: dict[tuple[str, str], LinkItem] = field(default_factory=dict)
    samples: list[SampleItem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.pages) + len(self.links) + len(self.samples)


class StorePipeline:
    """Item pipeline: buffer PageItem, LinkItem and SampleItem and write them every
    ``GOVCRAWL_DB_BATCH`` items and at close. Other items pass through untouched."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.config = CrawlConfig.for_crawler(crawler)
        self.batch_size = self.config.db_batch
        self.drop_params = self.config.drop_query_params
        self.engine: Engine | None = None
        self.run_id = 0
        self.region: Region | None = None
        self.batch = _Batch()
        self.crawl_ended: datetime | None = None  # set when the pipelines close, before the annex is written

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler)
        # Connected after Scrapy's SpiderState extension, so a JOBDIR state is loaded by then.
        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    # -- run bookkeeping --------------------------------------------------------------------------
    def spider_opened(self, spider: Spider) -> None:
        region: Region | None = getattr(spider, "region", None)
        if region is None:
            return
        self.region = region
        self.engine = engine_for(self.config, region.code)
        state: dict[str, Any] = getattr(spider, "state", {})
        run_id = self._resumable_run(state.get(_STATE_KEY))
        if run_id is None:
            run_id = self._open_run(region, str(spider.name), spider.as_of)  # type: ignore[attr-defined]
        else:
            logger.info("resuming run %s", run_id)
        self.run_id = run_id
        state[_STATE_KEY] = run_id
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(RUN_ID_STAT, run_id)
        self._write_subjects(region)

    def _open_run(self, region: Region, spider: str, as_of: date) -> int:
        """A new run; in a distributed run the first worker opens it and the others join it."""
        assert self.engine is not None
        engine, config = self.engine, self.config

        def create() -> int:
            return start_run(engine, region.code, region.name, spider, as_of, config.db_retry_seconds)

        if not distributed(config):
            return create()
        return shared_run_id(config.redis_url, region.code, spider, as_of, create, template=config.redis_key,
                             wait=config.redis_run_wait_seconds)

    def _resumable_run(self, run_id: Any) -> int | None:
        if not isinstance(run_id, int) or self.engine is None:
            return None
        return in_transaction(self.engine, lambda session: run_id if session.get(Run, run_id) is not None else None,
                              retry_seconds=self.config.db_retry_seconds, what="reading the run")

    def _write_subjects(self, region: Region) -> None:
        assert self.engine is not None
        in_transaction(self.engine, lambda session: self._add_subjects(session, region),
                       retry_seconds=self.config.db_retry_seconds, what="storing the subjects")

    def _add_subjects(self, session: Session, region: Region) -> None:
        self._lock_run(session)
        existing = set(session.scalars(select(Subject.key).where(Subject.run_id == self.run_id)))
        for site in region.sites:
            if site.site_code not in existing:
                session.add(Subject(run_id=self.run_id, key=site.site_code, kind="site", name=site.name,
                                    url=site.url, owner=site.owner))
        for account in region.accounts:
            if account.name not in existing:
                session.add(Subject(run_id=self.run_id, key=account.name, kind="account",
                                    name=account.name, url=account.feed, owner=account.owner,
                                    platform=account.platform))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.engine is not None:
            finish_run(self.engine, self.run_id, reason, self.config.db_retry_seconds, at=self.crawl_ended)

    # -- items ------------------------------------------------------------------------------------
    def process_item(self, item: Any) -> Any:
        if self.engine is None:
            return item
        if isinstance(item, PageItem):
            self.batch.pages.setdefault(item.url, item)
        elif isinstance(item, LinkItem):
            self.batch.links[(item.site, item.url)] = item
        elif isinstance(item, SampleItem):
            self.batch.samples.append(item)
        elif isinstance(item, TransportItem):  # one per site: written at once
            with Session(self.engine) as session, session.begin():
                save_transport(session, self.run_id, item.site, item.facts, item.checked_at)
            return item
        else:
            return item
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    def close_spider(self) -> None:
        self.flush()
        self.crawl_ended = datetime.now()  # the run's finish: the annex, written after this, is no crawling

    def flush(self) -> None:
        """Write the batch in one transaction (again, whole, if the database server went away)."""
        if self.engine is None or not len(self.batch):
            return
        batch, self.batch = self.batch, _Batch()
        in_transaction(self.engine, lambda session: self._write_batch(session, batch),
                       retry_seconds=self.config.db_retry_seconds, what=f"storing {len(batch)} items")

    def _write_batch(self, session: Session, batch: _Batch) -> None:
        self._lock_run(session)
        new_pages = self._write_pages(session, batch.pages)
        self._write_columns(session, new_pages)
        self._write_seen(session, new_pages)
        self._write_links(session, batch.links)
        self._write_samples(session, batch.samples)

    def _lock_run(self, session: Session) -> None:
        """On PostgreSQL, hold the run's lock until the transaction ends: the workers of a
        distributed run read-then-write the same column, link and subject rows, and must not
        interleave (a lost update, or a unique-key clash that loses a whole batch)."""
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:space, :run)"),
                            {"space": _LOCK_SPACE, "run": self.run_id})

    def _write_pages(self, session: Session, pages: dict[str, PageItem]) -> list[PageItem]:
        """Add the pages not stored yet (a resumed crawl may yield a page again); return them."""
        stored: set[str] = set()
        for chunk in _chunks(list(pages)):
            stored.update(session.scalars(select(Page.url).where(Page.run_id == self.run_id,
                                                                 Page.url.in_(chunk))))
        new = [item for url, item in pages.items() if url not in stored]
        if new:  # one bulk INSERT (executemany), no ORM object per page
            session.execute(insert(Page), [dict(
                run_id=self.run_id, site=item.site, url=item.url, final_url=item.final_url,
                status=item.status, kind=item.facts.kind, title=item.facts.title,
                publish_date=item.facts.publish_date.date, date_source=item.facts.publish_date.source,
                depth=item.depth, is_home=item.is_home, rendered=item.rendered,
                needs_rendering=item.needs_rendering, fetched_at=item.fetched_at,
                facts=facts_to_json(item.facts)) for item in new])
        return new

    def _write_columns(self, session: Session, pages: list[PageItem]) -> None:
        """Merge each list page into its column's row, keyed by the column's first page as its URL
        family names it (``column_page``): a pager page reached through an ordinary link still
        joins its column."""
        listed = [p for p in pages if p.facts.column is not None]
        if not listed:
            return
        roots = sorted({column_page(p.column_root or p.url).key for p in listed})
        rows: dict[str, Column] = {}
        for chunk in _chunks(roots):
            rows.update((c.url, c) for c in session.scalars(select(Column).where(
                Column.run_id == self.run_id, Column.url.in_(chunk))))
        for page in listed:
            info = page.facts.column
            assert info is not None
            root = column_page(page.column_root or page.url).key
            first = column_page(page.url).page is None
            row = rows.get(root)
            if row is None:
                row = rows[root] = Column(run_id=self.run_id, site=page.site, url=root, name=info.name,
                                          cls=info.cls, newest_date=info.newest_date,
                                          items_seen=info.item_count, pager_total=info.pager_total,
                                          first_page_read=first, script_pager=info.script_pager,
                                          pages=1, empty=info.empty, empty_marker=info.empty_marker or "",
                                          rendered=page.rendered, needs_rendering=page.needs_rendering)
                row.item_count = reader_count(row)
                session.add(row)
                continue
            if first:  # the first page names the column; /tzgg/ and /tzgg/index.html are one page
                row.name, row.cls = info.name, info.cls
            if first and row.first_page_read:  # page 1's twin: its items are counted already
                row.items_seen = max(row.items_seen, info.item_count)
            else:
                row.items_seen += info.item_count
            row.first_page_read = row.first_page_read or first
            row.script_pager = row.script_pager or info.script_pager
            totals = [t for t in (row.pager_total, info.pager_total) if t is not None]
            row.pager_total = max(totals) if totals else None
            row.item_count = reader_count(row)
            row.pages += 1
            dates = [d for d in (row.newest_date, info.newest_date) if d is not None]
            row.newest_date = max(dates) if dates else None
            row.empty = row.item_count == 0 and (row.empty or info.empty)
            row.empty_marker = row.empty_marker or info.empty_marker or ""
            row.rendered = row.rendered or page.rendered
            row.needs_rendering = row.needs_rendering or page.needs_rendering

    def _write_seen(self, session: Session, pages: list[PageItem]) -> None:
        """Where each link appeared: one row per (link, page), with the anchor text (one bulk INSERT)."""
        rows: list[dict[str, Any]] = []
        for page in pages:
            anchors: dict[str, str] = {}
            for link in page.facts.links:
                url = canonical_url(link.url, self.drop_params)
                if not anchors.get(url):
                    anchors[url] = link.anchor
            rows.extend(dict(run_id=self.run_id, site=page.site, link_url=url, page_url=page.url, anchor=anchor,
                             on_home=page.is_home) for url, anchor in anchors.items())
        if rows:
            session.execute(insert(LinkSeen), rows)

    def _write_links(self, session: Session, links: dict[tuple[str, str], LinkItem]) -> None:
        if not links:
            return
        rows: dict[tuple[str, str], Link] = {}
        for chunk in _chunks(sorted({url for _site, url in links})):
            rows.update(((r.site, r.url), r) for r in session.scalars(select(Link).where(
                Link.run_id == self.run_id, Link.url.in_(chunk))))
        for key, item in links.items():
            row = rows.get(key)
            if row is None:
                row = Link(run_id=self.run_id, site=item.site, url=item.url)
                session.add(row)
            row.kind, row.verdict, row.status, row.error = item.kind, item.verdict, item.status, item.error
            row.method, row.via_browser, row.checked_at = item.method, item.via_browser, item.checked_at

    def _write_samples(self, session: Session, samples: list[SampleItem]) -> None:
        """Add the samples not stored yet (a write retried after its commit went through has them)."""
        assert self.region is not None
        if not samples:
            return
        stored = {(site, at) for site, at in session.execute(select(Sample.site, Sample.at).where(
            Sample.region == self.region.code, Sample.at.in_([s.at for s in samples])))}
        for s in samples:
            if (s.site, s.at) in stored:
                continue
            session.add(Sample(region=self.region.code, site=s.site, url=s.url, at=s.at, ok=s.ok,
                               status=s.status, error=s.error, elapsed=s.elapsed, source=s.source))
