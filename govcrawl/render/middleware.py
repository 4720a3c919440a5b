"""Downloader middleware between the browser and the rest of the crawl.

A browser response reports the status of its first navigation: behind a challenge that is the
412/521 of the challenge page, although the page the browser ends on is a normal 200. This
middleware gives the response the status of the document the browser really shows, and hands the
cookies the browser earned (a firewall's clearance) to the plain client for the same host, so the
site's other pages and link checks pass the firewall without a browser each.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from govcrawl.render.browser import SETTLE_META, settle
from govcrawl.render.config import RenderConfig

__all__ = ["BrowserSessionMiddleware"]

logger = logging.getLogger(__name__)


class BrowserSessionMiddleware:
    """Real status for browser responses; browser-earned cookies for plain requests."""

    def __init__(self) -> None:
        self._cookies: dict[str, list[dict[str, str]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BrowserSessionMiddleware:
        if not RenderConfig.from_settings(crawler.settings).available:
            raise NotConfigured
        return cls()

    def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        cookies = self._cookies.get(host)
        if cookies and not request.meta.get("playwright") and not request.meta.get("dont_merge_cookies"):
            # CookiesMiddleware (after this one) stores request cookies in the jar and sends them.
            given: list[Any] = (list(request.cookies) if isinstance(request.cookies, list) else
                                [{"name": k, "value": v} for k, v in dict(request.cookies).items()])
            names = {c["name"] for c in given}
            request.cookies = given + [c for c in cookies if c["name"] not in names]

    def process_response(self, request: Request, response: Response) -> Response:
        report = _settle_report(request)
        if "playwright" not in response.flags or report is None:
            return response
        request.meta[SETTLE_META] = report
        host = urlsplit(response.url).hostname or ""
        if report["cookies"] and not report["challenge"]:
            self._cookies[host] = [{"name": c["name"], "value": c["value"], "path": c["path"] or "/"}
                                   for c in report["cookies"]]
        status = int(report["status"])
        if status and status != response.status:
            logger.debug("browser response %s: status %d after %d reload(s) (first navigation %d)",
                         response.url, status, report["reloads"], response.status)
            return response.replace(status=status)
        return response


def _settle_report(request: Request) -> dict[str, Any] | None:
    for method in request.meta.get("playwright_page_methods") or ():
        if getattr(method, "method", None) is settle and isinstance(getattr(method, "result", None), dict):
            report: dict[str, Any] = method.result
            return report
    return None
