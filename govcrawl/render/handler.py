"""scrapy-playwright's download handler, one instance for both http and https.

Scrapy builds one handler per scheme; each scrapy-playwright handler starts its own Playwright
driver and browser, so a crawl of http and https sites would run two browsers. Both schemes get
the same instance here, and it closes once.
"""

from __future__ import annotations

import weakref
from typing import Any

from scrapy.crawler import Crawler
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

__all__ = ["SharedPlaywrightHandler"]

_BY_CRAWLER: weakref.WeakKeyDictionary[Crawler, SharedPlaywrightHandler] = weakref.WeakKeyDictionary()


class SharedPlaywrightHandler(ScrapyPlaywrightDownloadHandler):  # type: ignore[misc]
    """The crawler's single browser handler."""

    _closed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPlaywrightHandler:
        handler = _BY_CRAWLER.get(crawler)
        if handler is None:
            handler = _BY_CRAWLER[crawler] = cls(crawler)
        return handler

    async def close(self) -> Any:
        if self._closed:
            return None
        self._closed = True
        return await super().close()
