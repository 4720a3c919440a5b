"""What every region spider shares: the ``region`` and ``as_of`` arguments, validated before
any request, and the per-site setting lookup (site entry → region ``[thresholds]`` → settings).

A bad argument (no such region file, a mistake in it, a malformed date) stops the crawl before
it starts: the message is logged and printed, and ``scrapy crawl`` exits non-zero.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import scrapy

from govcrawl.config import CrawlConfig
from govcrawl.distributed.runs import redis_settings
from govcrawl.home import region_search_path
from govcrawl.model.conf import build_conf
from govcrawl.model.rule_conf import RuleConf
from govcrawl.regions import Region, RegionDirs, RegionError, Site, load_region

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

__all__ = ["RegionSpider", "SpiderArgumentError", "announced", "parse_as_of", "parse_date_arg", "refuse_unknown",
           "required_region"]

T = TypeVar("T")


class SpiderArgumentError(ValueError):
    """A spider argument that cannot be used; the message says which and why."""


def parse_as_of(value: str | None, today: date | None = None) -> date:
    """``as_of`` as a date: YYYY-MM-DD, today when not given."""
    return parse_date_arg("as_of", value) or today or date.today()


def parse_date_arg(name: str, value: str | None) -> date | None:
    """The date argument ``name``: YYYY-MM-DD, None when not given."""
    if value is None or not str(value).strip():
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise SpiderArgumentError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def refuse_unknown(arguments: Iterable[str], known: Iterable[str]) -> None:
    """A misspelt argument (-a asof=…) would otherwise be ignored, and the crawl judge "today":
    SpiderArgumentError naming it. Underscored names are the job runner's own (scrapyd's _job)."""
    known = tuple(known)
    unknown = sorted(name for name in arguments if not name.startswith("_") and name not in known)
    if unknown:
        raise SpiderArgumentError(f"unknown spider argument(s) {', '.join(unknown)} (known: {', '.join(known)})")


def announced(spider_name: str, parse: Callable[[], T]) -> T:
    """``parse()``; a bad argument is logged and printed as "<spider>: cannot start: …" and raised."""
    try:
        return parse()
    except (RegionError, SpiderArgumentError) as exc:
        message = f"{spider_name}: cannot start: {exc}"
        logger.error(message)
        print(message, file=sys.stderr)
        raise


def required_region(region: str | None, regions_dirs: RegionDirs) -> Region:
    """The region the ``region`` argument names; SpiderArgumentError when it is missing."""
    if not region:
        raise SpiderArgumentError("missing spider argument: -a region=NAME (a file under "
                                  "GOVCRAWL_HOME/regions/, a bundled region, or a path to a .toml file)")
    return load_region(region, regions_dirs)


class RegionSpider(scrapy.Spider):
    """Base of the spiders that work through the sites of one region file."""

    region: Region
    as_of: date
    own_hosts: frozenset[str]
    state: dict[str, Any]  # set by Scrapy's SpiderState extension; pickled into JOBDIR
    crawl_config: CrawlConfig  # set by from_crawler, once the crawl's settings are final

    def __init__(self, region: str | None = None, as_of: str | None = None,
                 regions_dirs: RegionDirs = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.region, self.as_of = announced(self.name, lambda: self.parse_arguments(
            region=region, as_of=as_of, regions_dirs=regions_dirs, **kwargs))
        self.own_hosts = frozenset(h for site in self.region.sites for h in site.all_hosts)
        self.state = {}  # replaced by the JOBDIR copy at spider_opened when JOBDIR is set
        self._confs: dict[str, RuleConf] = {}

    @staticmethod
    def parse_arguments(region: str | None = None, as_of: str | None = None, regions_dirs: RegionDirs = None,
                        **kwargs: Any) -> tuple[Region, date]:
        """The region and as_of of ``-a`` arguments; RegionError or SpiderArgumentError naming the
        mistake. ``scrapy crawl`` calls it before starting, so bad input is one message, no traceback."""
        refuse_unknown(kwargs, ("region", "as_of"))
        return required_region(region, regions_dirs), parse_as_of(as_of)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        # a region name resolves under this crawl's GOVCRAWL_HOME (a -s setting, not just the environment)
        kwargs.setdefault("regions_dirs", region_search_path(crawler.settings))
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
