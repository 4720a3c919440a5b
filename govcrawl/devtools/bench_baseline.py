"""The plain-Scrapy baseline of ``make bench``: follow a region's links, do nothing else.

``python -m govcrawl.devtools.bench_baseline REGION_FILE RESULT_JSON [-s NAME=VALUE …]`` crawls
every site of the region from its homepage with Scrapy's own ``LinkExtractor`` (``a`` and ``area``
hrefs, each site's own hosts only, as govcrawl crawls pages; like govcrawl's pages table it counts
the pages answered 2xx), under the settings given (the bench
passes the same politeness settings it gives govcrawl), without the project's pipelines,
middlewares or extensions. It writes the pages it received and the crawl's seconds (spider open
to close) to RESULT_JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor

from govcrawl.regions import load_region

__all__ = ["FollowSpider", "main"]


class FollowSpider(scrapy.Spider):
    """Fetch every page a site links to on its own hosts, once."""

    name = "bench_baseline"

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = urls
        # host:port, as Scrapy compares a link's netloc with allow_domains (a bare host would match no
        # link of a site served on a port, and the baseline would fetch the homepages only)
        self.links = LinkExtractor(tags=("a", "area"), attrs=("href",),
                                   allow_domains=[urlsplit(u).netloc.lower() for u in urls])
        self.pages = 0
        self.opened = self.closed_at = 0.0

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> FollowSpider:
        spider: FollowSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._opened, signal=signals.spider_opened)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    def _opened(self) -> None:
        self.opened = time.monotonic()

    def _closed(self) -> None:
        self.closed_at = time.monotonic()

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        self.pages += 1
        if isinstance(response, scrapy.http.TextResponse):
            for link in self.links.extract_links(response):
                yield response.follow(link.url, callback=self.parse)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m govcrawl.devtools.bench_baseline",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("region_file")
    parser.add_argument("result")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE")
    options = parser.parse_args(argv)
    settings = dict(setting.split("=", 1) for setting in options.set)
    settings.setdefault("LOG_LEVEL", "ERROR")
    process = CrawlerProcess(settings)
    region = load_region(Path(options.region_file))
    crawler = process.create_crawler(FollowSpider)
    process.crawl(crawler, urls=[site.url for site in region.sites])
    process.start()
    spider: FollowSpider = crawler.spider  # type: ignore[assignment]
    Path(options.result).write_text(json.dumps({"pages": spider.pages,
                                                "seconds": max(spider.closed_at - spider.opened, 1e-3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
