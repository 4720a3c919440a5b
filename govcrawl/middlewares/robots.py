"""robots.txt obeyed as Scrapy obeys it, with its expected failures logged as one line.

A region's pages link to many external hosts, and each host's robots.txt is fetched before its link
is checked. A host that does not resolve, refuses, times out or drops the connection is an everyday
event of the open web (or of a network outage), not a fault of the crawler: Scrapy logs each as an
ERROR with a full traceback, which buries the real errors. Here such a failure is one WARNING line
naming the host and the reason; any other exception keeps Scrapy's ERROR and traceback.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.downloadermiddlewares.robotstxt import logger as robots_logger
from scrapy.exceptions import DownloadCancelledError, DownloadFailedError, ResponseDataLossError

from govcrawl.crawl.linkcheck import is_network_fault

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["ExpectedFailureFilter", "QuietRobotsTxtMiddleware"]

_TRANSPORT = (DownloadFailedError, DownloadCancelledError, ResponseDataLossError)


class ExpectedFailureFilter(logging.Filter):
    """Turn a log record about an expected network failure into one WARNING line (no traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and (is_network_fault(exc) or isinstance(exc, _TRANSPORT)):
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
            record.exc_info, record.exc_text = None, None
        return True


_FILTER = ExpectedFailureFilter()


class QuietRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware whose expected fetch failures are one WARNING line."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        robots_logger.addFilter(_FILTER)  # a logger keeps one copy of a filter however often it is added
