"""What every region spider shares: the ``region`` and ``as_of`` arguments, validated before
any request, and the per-site setting lookup (site entry → region ``[thresholds]`` → settings).

A bad argument (no such region file, a mistake in it, a malformed date) stops the crawl before
it starts: the message is logged and printed, and ``scrapy crawl`` exits non-zero.
"""

from __future__ import annotations

import logging
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import scrapy

from govcrawl.config import CrawlConfig
from govcrawl.distributed.runs import redis_settings
from govcrawl.model.conf import build_conf
from govcrawl.model.rule_conf import RuleConf
from govcrawl.regions import Region, RegionError, Site, load_region

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

__all__ = ["RegionSpider", "SpiderArgumentError", "parse_as_of"]


class SpiderArgumentError(ValueError):
    """A spider argument that cannot be used; the message says which and why."""


def parse_as_of(value: str | None, today: date | None = None) -> date:
    """``as_of`` as a date: YYYY-MM-DD, today when not given."""
    if value is None or not str(value).strip():
        return today or date.today()
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise SpiderArgumentError(f"as_of must be a date YYYY-MM-DD, not {value!r}") from None


class RegionSpider(scrapy.Spider):
    """Base of the spiders that work through the sites of one region file."""

    region: Region
    as_of: date
    own_hosts: frozenset[str]
    state: dict[str, Any]  # set by Scrapy's SpiderState extension; pickled into JOBDIR
    crawl_config: CrawlConfig  # set by from_crawler, once the crawl's settings are final

    def __init__(self, region: str | None = None, as_of: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        try:
            self.region, self.as_of = self.parse_arguments(region=region, as_of=as_of, **kwargs)
        except (RegionError, SpiderArgumentError) as exc:
            message = f"{self.name}: cannot start: {exc}"
            logger.error(message)
            print(message, file=sys.stderr)
            raise
        self.own_hosts = frozenset(h for site in self.region.sites for h in site.all_hosts)
        self.state = {}  # replaced by the JOBDIR copy at spider_opened when JOBDIR is set
        self._confs: dict[str, RuleConf] = {}

    @staticmethod
    def parse_arguments(region: str | None = None, as_of: str | None = None, **kwargs: Any) -> tuple[Region, date]:
        """The region and as_of of ``-a`` arguments; RegionError or SpiderArgumentError naming the
        mistake. ``scrapy crawl`` calls it before starting, so bad input is one message, no traceback."""
        # A misspelt argument (-a asof=…) would otherwise be ignored and the crawl judge "today";
        # underscored names are the job runner's own (scrapyd's _job).
        unknown = sorted(name for name in kwargs if not name.startswith("_"))
        if unknown:
            raise SpiderArgumentError(f"unknown spider argument(s) {', '.join(unknown)} (known: region, as_of)")
        if not region:
            raise SpiderArgumentError("missing spider argument: -a region=NAME (a file under "
                                      "regions/ or a path to a .toml file)")
        return load_region(region), parse_as_of(as_of)


    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.crawl_config = CrawlConfig.for_crawler(crawler)
        return spider

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # Keep CONCURRENT_REQUESTS_PER_DOMAIN real (see GOVCRAWL_MIN_DOWNLOAD_DELAY). The floor is
        # set one above the priority the delay came with: `scrapy crawl` merges its own settings
        # into the crawler's afterwards, and a -s DOWNLOAD_DELAY=0 must not win.
        config = CrawlConfig.from_settings(settings)
        floor = config.min_download_delay
        if settings.getfloat("DOWNLOAD_DELAY") < floor:
            settings.set("DOWNLOAD_DELAY", floor, priority=(settings.getpriority("DOWNLOAD_DELAY") or 0) + 1)
        if config.redis_url:  # one worker of a distributed run; a -s of any of these keys still wins
            settings.setdict(redis_settings(config.redis_url), priority="spider")

    def site_value(self, site: Site, name: str) -> Any:
        """A ``GOVCRAWL_…`` value in force for ``site``: its own override, the region's, or the
        setting (the same lookup the rules are judged with)."""
        if site.site_code not in self._confs:
            self._confs[site.site_code] = build_conf(self.settings, self.region, site, self.as_of)
        return self._confs[site.site_code][name]
