"""``scrapy crawl annex -a region=X [-a as_of=DATE] [-a previous=DATE]``: the annex step as a spider.

It fetches nothing: it writes the region's annexes from the database exactly as ``scrapy annex``
does (govcrawl.annex.rebuild), so that the last step of a distributed run can be scheduled in
scrapyd after its workers. While a worker of a run is still running it writes no annex for that
run: the job log names the workers, the spider closes with reason ``annex_not_written`` and the
job exits 1 (scrapyd: "Process died: exitstatus=1"); schedule it again later. An annex written for
an incomplete check closes with ``annex_incomplete`` and exits 3.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import scrapy
from scrapy.exceptions import CloseSpider

from govcrawl.annex.rebuild import FAILED, INCOMPLETE, rebuild_annexes
from govcrawl.config import CrawlConfig
from govcrawl.extensions.annex import ANNEX_STAT
from govcrawl.home import region_search_path
from govcrawl.regions import Region, RegionDirs
from govcrawl.spiders._base import announced, parse_date_arg, refuse_unknown, required_region
from govcrawl.storage.engine import engine_for

__all__ = ["AnnexSpider"]

#: the close reasons of an annex step that did not end with every annex written and complete
_CLOSE_REASON = {FAILED: "annex_not_written", INCOMPLETE: "annex_incomplete"}


class AnnexSpider(scrapy.Spider):
    """Write a region's annexes from the database; no request is made."""

    name = "annex"
    # No crawl machinery: no run of its own (store pipeline), no heartbeat, no annex-on-close, no
    # progress; not a RegionSpider, whose settings make it a worker of a distributed queue.
    custom_settings = {"ITEM_PIPELINES": {},  # noqa: RUF012  # Scrapy declares it an instance attribute
                       "EXTENSIONS": {"govcrawl.extensions.offline.OfflinePublicSuffix": 0}}

    region: Region
    as_of: date | None
    previous: date | None

    def __init__(self, region: str | None = None, as_of: str | None = None, previous: str | None = None,
                 regions_dirs: RegionDirs = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.region, self.as_of, self.previous = announced(self.name, lambda: self.parse_arguments(
            region=region, as_of=as_of, previous=previous, regions_dirs=regions_dirs, **kwargs))

    @staticmethod
    def parse_arguments(region: str | None = None, as_of: str | None = None, previous: str | None = None,
                        regions_dirs: RegionDirs = None, **kwargs: Any) -> tuple[Region, date | None, date | None]:
        """The region, as_of (None: the newest run) and previous of ``-a`` arguments."""
        refuse_unknown(kwargs, ("region", "as_of", "previous"))
        return (required_region(region, regions_dirs), parse_date_arg("as_of", as_of),
                parse_date_arg("previous", previous))

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("regions_dirs", region_search_path(crawler.settings))
        return super().from_crawler(crawler, *args, **kwargs)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        config = CrawlConfig.for_crawler(self.crawler)
        done = rebuild_annexes(engine_for(config, self.region.code), self.region, self.crawler.settings,
                               self.as_of, self.previous, config.worker_lost_seconds)
        for line in done.lines():
            self.logger.info("annex: %s", line)
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(ANNEX_STAT, done.outcome)
        if done.outcome in _CLOSE_REASON:
            raise CloseSpider(_CLOSE_REASON[done.outcome])
        return
        yield  # an async generator that yields no request
