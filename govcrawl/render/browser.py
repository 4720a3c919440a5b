"""Fetching one page in the browser: the request meta, waiting out a challenge, request headers.

A firewall challenge answers the first navigation with a script that sets a cookie and reloads;
the page worth judging is the one after the reload. ``settle`` runs inside scrapy-playwright's
page (as a page method) and waits until the page is no longer a challenge, then reports the
final document's HTTP status and the cookies the browser earned, so the response the spider
sees carries the real status and the plain client can reuse the clearance.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import Request as PlaywrightRequest
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from scrapy_playwright.page import PageMethod

from govcrawl.render.config import RenderConfig
from govcrawl.render.decide import is_challenge

__all__ = ["SETTLE_META", "BlockResources", "browser_headers", "render_meta", "settle"]

logger = logging.getLogger(__name__)

#: response.meta key holding the settle report: {"status", "reloads", "challenge", "cookies"}.
SETTLE_META = "govcrawl_settle"

# Status of the document now shown (after reloads); 0 where the browser does not report it.
_NAV_STATUS_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return nav && nav.responseStatus ? nav.responseStatus : 0;
}"""
# A challenge reload normally lands within a second; waiting longer per round only delays the
# verdict on a challenge the browser cannot pass.
_ROUND_WAIT_MS = 5000.0


async def _snapshot(page: Page, timeout_ms: float) -> tuple[int, str]:
    """(status, html) of the document shown, waiting while the page is between documents."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        try:
            await page.wait_for_load_state("load", timeout=timeout_ms)
            status = int(await page.evaluate(_NAV_STATUS_JS))
            return status, await page.content()
        except PlaywrightError:
            # "Execution context was destroyed" / "page is navigating": a reload is under way.
            if time.monotonic() >= deadline:
                raise


async def settle(page: Page, *, rounds: int, timeout_ms: float) -> dict[str, Any]:
    """Wait until ``page`` shows no firewall challenge (at most ``rounds`` reloads).

    Returns the final document's ``status`` (0 when unknown), the ``reloads`` seen, whether the
    page is still a ``challenge``, and the ``cookies`` of its URL (the clearance, if any).
    """
    deadline = time.monotonic() + timeout_ms / 1000
    reloads = 0
    status, html = await _snapshot(page, timeout_ms)
    challenged = is_challenge(status, {}, html)
    while challenged and reloads < rounds and time.monotonic() < deadline:
        left_ms = max(1.0, (deadline - time.monotonic()) * 1000)
        try:
            await page.wait_for_event("framenavigated", predicate=lambda frame: frame == page.main_frame,
                                      timeout=min(_ROUND_WAIT_MS, left_ms))
            reloads += 1
        except PlaywrightTimeoutError:
            pass  # the reload may have committed before we listened: look again
        status, html = await _snapshot(page, left_ms)
        challenged = is_challenge(status, {}, html)
    cookies = [{"name": c["name"], "value": c["value"], "domain": c.get("domain", ""), "path": c.get("path", "/")}
               for c in await page.context.cookies(page.url)]
    if challenged:
        logger.info("browser did not pass the challenge at %s after %d reload(s)", page.url, reloads)
    return {"status": status, "reloads": reloads, "challenge": challenged, "cookies": cookies}


def render_meta(site_code: str, config: RenderConfig, *, reason: str) -> dict[str, Any]:
    """Request meta that fetches a URL through the browser, in the site's own context.

    One context per site keeps cookies and cache apart and lets PLAYWRIGHT_MAX_PAGES_PER_CONTEXT
    bound the open pages per site; the page is closed by the handler as soon as its HTML is read.
    """
    timeout_ms = config.timeout * 1000
    return {
        "playwright": True,
        "playwright_include_page": False,
        "playwright_context": f"site-{site_code}",
        "playwright_context_kwargs": {"ignore_https_errors": True, "locale": "zh-CN",
                                      "java_script_enabled": True},
        "playwright_page_goto_kwargs": {"wait_until": "load", "timeout": timeout_ms},
        "playwright_page_methods": [PageMethod(settle, rounds=config.challenge_rounds, timeout_ms=timeout_ms)],
        "govcrawl_render_reason": reason,
    }


@dataclass(frozen=True)
class BlockResources:
    """PLAYWRIGHT_ABORT_REQUEST: skip resource types that never change the facts (images, fonts…)."""

    types: frozenset[str]

    def __call__(self, request: PlaywrightRequest) -> bool:
        return request.resource_type in self.types


async def browser_headers(*, browser_type_name: str, playwright_request: PlaywrightRequest,
                          scrapy_request_data: Mapping[str, Any]) -> dict[str, str]:
    """PLAYWRIGHT_PROCESS_REQUEST_HEADERS: the browser's own headers, the crawler's identity.

    scrapy-playwright's default replaces a navigation's headers by Scrapy's, which drops the
    cookie a challenge script has just set, so the reload is challenged again forever. Here the
    browser keeps its headers; Scrapy's User-Agent (the crawler identifies itself) and, for
    navigations, its other headers are added, and cookies from both sides are merged with the
    browser's winning.
    """
    del browser_type_name  # part of scrapy-playwright's calling convention
    headers = dict(await playwright_request.all_headers())
    scrapy_headers: dict[str, str] = {k.lower(): v for k, v in
                                      scrapy_request_data["headers"].to_unicode_dict().items()}
    if "user-agent" in scrapy_headers:
        headers["user-agent"] = scrapy_headers["user-agent"]
    if playwright_request.is_navigation_request():
        for name, value in scrapy_headers.items():
            if name != "cookie":
                headers.setdefault(name, value)
        merged = {**_cookie_pairs(scrapy_headers.get("cookie", "")), **_cookie_pairs(headers.get("cookie", ""))}
        if merged:
            headers["cookie"] = "; ".join(f"{k}={v}" for k, v in merged.items())
    return headers


def _cookie_pairs(header: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for part in header.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name:
            pairs[name] = value
    return pairs
