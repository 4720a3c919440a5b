"""Retries with exponential backoff that honour ``Retry-After`` (429/503 and transient errors).

Scrapy's RetryMiddleware re-queues a failed request at once; a government server that answered
503 or 429 is asking for a pause. This subclass keeps Scrapy's decisions (RETRY_TIMES,
RETRY_HTTP_CODES, RETRY_EXCEPTIONS, ``dont_retry``) and waits before handing the retry back:
``GOVCRAWL_RETRY_BACKOFF_BASE × 2^(attempt-1)``, or the server's ``Retry-After`` when it asks for
longer, never more than ``GOVCRAWL_RETRY_BACKOFF_MAX``. The wait is a reactor timer, so other
hosts keep downloading meanwhile.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

from govcrawl.config import CrawlConfig

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

__all__ = ["BackoffRetryMiddleware", "backoff_delay", "retry_after_seconds"]


def retry_after_seconds(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP date); None when
    absent or unreadable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(attempt: int, base: float, cap: float, retry_after: float | None = None) -> float:
    """The wait before retry number ``attempt`` (1 for the first retry)."""
    delay = base * 2.0 ** max(0, attempt - 1)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, cap)


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware whose retries wait (non-blocking) with exponential backoff."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        config = CrawlConfig.from_settings(settings)
        self.base = config.retry_backoff_base
        self.cap = config.retry_backoff_max

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        mw = cls(crawler.settings)
        mw.crawler = crawler
        return mw

    # Scrapy awaits coroutine middleware methods; the base class's are plain functions.
    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result: Request | Response = super().process_response(request, response)
        if isinstance(result, Request):
            await self._pause(result, retry_after_seconds(response.headers.get("Retry-After")))
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result: Request | Response | None = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._pause(result, None)
        return result

    async def _pause(self, retry: Request, retry_after: float | None) -> None:
        delay = backoff_delay(int(retry.meta.get("retry_times", 1)), self.base, self.cap, retry_after)
        if delay > 0:
            logger.debug("waiting %.2fs before retrying %s", delay, retry.url)
            await _sleep(delay)


async def _sleep(seconds: float) -> Any:
    return await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))
