"""A tiny spider that drives govcrawl.render on its own, for tests of the browser fetch path.

Run as ``python -m tests.sites_js.probe_spider OUT.jsonl MODE URL [URL…]`` (in a subprocess: the
reactor cannot restart inside pytest). MODE "pages" fetches each URL and follows same-host links
one level, asking ``Renderer.review`` about every page; MODE "links" HEAD-checks each URL and asks
``Renderer.recheck`` about challenge answers. One JSON line per page or link is written.
Extra ``-s NAME=VALUE`` arguments override settings (GOVCRAWL_CHROMIUM_PATH, GOVCRAWL_RENDER …).
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.settings import Settings

from govcrawl import settings as project_settings
from govcrawl.extract.charset import decode_html
from govcrawl.extract.page import extract_page
from govcrawl.regions import Site
from govcrawl.render.hook import Renderer, is_rendered


class ProbeSpider(scrapy.Spider):
    name = "render_probe"
    custom_settings: ClassVar[dict[str, Any]] = {
        "HTTPERROR_ALLOW_ALL": True, "ITEM_PIPELINES": {}, "GOVCRAWL_ALLOW_PRIVATE": True, "ROBOTSTXT_OBEY": False,
        "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "INFO", "RETRY_ENABLED": False}

    def __init__(self, mode: str, urls: list[str], site_render: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mode = mode
        self.urls = urls
        self.site = Site(name="fixture", url=urls[0], site_code="3307990099", owner="fixture",
                         render=site_render)
        self.renderer: Renderer

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.renderer = Renderer.from_crawler(self.crawler)
        for url in self.urls:
            if self.mode == "links":
                yield scrapy.Request(url, method="HEAD", callback=self.link, dont_filter=True)
            else:
                yield scrapy.Request(url, callback=self.page,
                                     meta={"probe_root": True, **self.renderer.first_fetch_meta(self.site)})

    def page(self, response: Response) -> Iterator[Any]:
        html, _ = decode_html(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))
        facts = extract_page(html, response.url, is_home=urlsplit(response.url).path in ("", "/"),
                             site_hosts={urlsplit(response.url).hostname or ""},
                             classes=self.settings.getdict("GOVCRAWL_COLUMN_CLASSES"))
        verdict = self.renderer.review(response, facts, self.site)
        if verdict.request is not None:
            yield verdict.request
            return
        column = facts.column
        yield {"kind": "page", "url": response.url, "status": response.status, "rendered": is_rendered(response),
               "needs_rendering": verdict.needs_rendering, "reason": verdict.reason, "page_kind": facts.kind,
               "items": column.item_count if column else None,
               "newest": column.newest_date.isoformat() if column and column.newest_date else None,
               "home_newest": (facts.homepage_newest.date.isoformat()
                               if facts.homepage_newest and facts.homepage_newest.date else None)}
        if response.meta.get("probe_root"):
            for link in facts.links:
                if urlsplit(link.url).hostname == urlsplit(response.url).hostname:
                    yield scrapy.Request(link.url, callback=self.page)

    def link(self, response: Response) -> Iterator[Any]:
        again = self.renderer.recheck(response, self.site)
        if again is not None:
            yield again.replace(callback=self.link)
            return
        yield {"kind": "link", "url": response.url, "status": response.status,
               "verdict": "ok" if response.status < 400 else "broken", "via_browser": is_rendered(response)}


def main(argv: list[str]) -> None:
    out, mode, *rest = argv
    overrides = {}
    urls = []
    site_render = None
    args = iter(rest)
    for arg in args:
        if arg == "-s":
            name, _, value = next(args).partition("=")
            overrides[name] = value
        elif arg.startswith("render="):
            site_render = arg.partition("=")[2]
        else:
            urls.append(arg)
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    feed = {"format": "jsonlines", "encoding": "utf-8", "overwrite": True}
    settings.update({"FEEDS": {out: feed}, **overrides}, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(ProbeSpider, mode=mode, urls=urls, site_render=site_render)
    process.start()


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
