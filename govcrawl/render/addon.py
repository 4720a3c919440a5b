"""Scrapy add-on that switches the browser on when it can be used.

Settings are static, but whether Chromium exists is only known on the machine that crawls, so
the download handlers are chosen here at start-up (ADDONS in settings.py): with Chromium at
GOVCRAWL_CHROMIUM_PATH, scrapy-playwright handles http(s) (plain requests still go through its
HTTP/1.1 parent; only requests with meta ``playwright`` open a browser page); without it, nothing
changes and the crawl marks pages that needed the browser (one warning, not an error).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.settings import Settings

from govcrawl.render.config import RenderConfig

__all__ = ["ASYNCIO_REACTOR", "RenderAddon", "browser_settings", "rendering_installed"]

logger = logging.getLogger(__name__)

ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
_HANDLER = "govcrawl.render.handler.SharedPlaywrightHandler"
# After CookiesMiddleware (700) on the way back, so the real status is set before retry and
# redirect see the response; before it on the way out, so browser cookies reach the jar.
_SESSION_MIDDLEWARE = "govcrawl.render.middleware.BrowserSessionMiddleware"
_SESSION_MIDDLEWARE_ORDER = 650


class RenderAddon:
    """Install scrapy-playwright with the system Chromium, or leave the crawl browser-less."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RenderAddon:
        return cls(crawler)

    def update_settings(self, settings: Settings) -> None:
        config = RenderConfig.from_settings(settings)
        if not config.available:
            if config.mode != "never":
                logger.warning("JavaScript rendering is off: %s; pages that need it are marked "
                               "'needs rendering' and their findings carry a note", config.unavailable)
            return
        reactor = settings.get("TWISTED_REACTOR")
        if reactor != ASYNCIO_REACTOR:
            logger.warning("JavaScript rendering is off: scrapy-playwright needs TWISTED_REACTOR = %s, not %s",
                           ASYNCIO_REACTOR, reactor)
            return
        for name, value in browser_settings(config).items():
            settings.set(name, value, "addon")
        # By path, at the setting's own priority (an add-on's is lower than the project's); no
        # load_object here: importing other components may import the reactor before it is installed.
        middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
        middlewares[_SESSION_MIDDLEWARE] = _SESSION_MIDDLEWARE_ORDER
        settings.set("DOWNLOADER_MIDDLEWARES", middlewares, settings.getpriority("DOWNLOADER_MIDDLEWARES") or "addon")
        logger.info("JavaScript rendering on: %s (mode %s, at most %d rendered pages per site)",
                    config.chromium_path, config.mode, config.max_rendered_pages)


def rendering_installed(settings: Settings) -> bool:
    """True when the add-on switched the browser on for this crawl."""
    handlers = settings.getdict("DOWNLOAD_HANDLERS")
    return handlers.get("http") == _HANDLER or handlers.get("https") == _HANDLER


def browser_settings(config: RenderConfig) -> dict[str, Any]:
    """The scrapy-playwright settings for ``config`` (Chromium launched from its system path)."""
    from govcrawl.render.browser import BlockResources, browser_headers

    return {
        "DOWNLOAD_HANDLERS": {"http": _HANDLER, "https": _HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": config.launch_options(),
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": config.pages_per_site,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": config.timeout * 1000,
        "PLAYWRIGHT_ABORT_REQUEST": BlockResources(frozenset(config.block_resources)),
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": browser_headers,
    }
