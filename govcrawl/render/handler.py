"""scrapy-playwright's download handler, one instance for both http and https.

Scrapy builds one handler per scheme; each scrapy-playwright handler starts its own Playwright
driver and browser, so a crawl of http and https sites would run two browsers. Both schemes get
the same instance here, and it closes once.

Playwright's driver (a node process of about 120 MiB) starts with the first page the crawl
renders, not with the crawl: most sites never need a browser, and a crawl that renders nothing
never pays for it.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

__all__ = ["SharedPlaywrightHandler"]

_BY_CRAWLER: weakref.WeakKeyDictionary[Crawler, SharedPlaywrightHandler] = weakref.WeakKeyDictionary()


class SharedPlaywrightHandler(ScrapyPlaywrightDownloadHandler):  # type: ignore[misc]
    """The crawler's single browser handler."""

    _closed = False
    _launched = False
    _launching: asyncio.Lock

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPlaywrightHandler:
        handler = _BY_CRAWLER.get(crawler)
        if handler is None:
            handler = _BY_CRAWLER[crawler] = cls(crawler)
            handler._launching = asyncio.Lock()
        return handler

    async def _maybe_launch_in_thread(self) -> None:
        """Called when the engine starts: Playwright waits for the first page to render."""

    async def _download_request(self, request: Request, spider: Spider | None = None) -> Response:
        if not self._launched:  # the lock only for the pages that arrive while the browser starts
            async with self._launching:
                if not self._launched:
                    await self._launch()
                    self._launched = True
        response: Response = await super()._download_request(request, spider)
        return response

    async def close(self) -> Any:
        if self._closed:
            return None
        self._closed = True
        return await super().close()
