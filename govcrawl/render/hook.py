"""The spider's side of rendering: which responses go back through the browser, within the caps.

The gov spider asks ``Renderer.review`` about every page it has extracted and
``Renderer.retry_failed`` about every page fetch or link check that failed on a challenge
status. A response is sent through the browser at most once (a rendered response is final: its
verdict stands), within the site's render mode and its GOVCRAWL_MAX_RENDERED_PAGES; without a
browser the page is judged from its raw HTML and marked "needs rendering", so its findings carry
a note. So is a page the browser held when it died (killed or crashed) and a new browser did not
render either (scrapy-playwright's PLAYWRIGHT_TARGET_CLOSED_MAX_RETRIES): ``Renderer.without_browser``
fetches it again without the browser, never again through it, and the crawl goes on.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.settings import Settings
from scrapy.spidermiddlewares.httperror import HttpError

from govcrawl.regions import Site
from govcrawl.render.addon import rendering_installed
from govcrawl.render.config import RenderConfig
from govcrawl.render.decide import CHALLENGE_STATUSES, PageFactsLike, browser_lost, is_challenge, needs_browser

__all__ = ["BROWSER_LOST_META", "RenderVerdict", "Renderer", "is_rendered", "response_headers"]

logger = logging.getLogger(__name__)

# Per-download bookkeeping of the plain fetch that must not travel with the browser request.
_DOWNLOAD_META = frozenset({"download_latency", "download_slot", "redirect_reasons", "redirect_times",
                            "redirect_ttl", "redirect_urls", "retry_times", "_auth_proxy", "_scheme_proxy"})
# Enough of the body to recognise a challenge stub; challenge pages are a few kB.
_CHALLENGE_SNIFF_CHARS = 65536
#: request.meta key of a plain fetch that replaces a browser fetch the browser died under (the reason)
BROWSER_LOST_META = "govcrawl_browser_lost"


@dataclass(frozen=True)
class RenderVerdict:
    """What to do with a page: ``request`` (yield it instead of judging this response), or judge
    it, marked ``needs_rendering`` when the browser was needed but not used; ``reason`` says why."""

    request: Request | None = None
    needs_rendering: bool = False
    reason: str = ""


def is_rendered(response: Response) -> bool:
    """True for a response the browser produced."""
    return "playwright" in response.flags


def response_headers(response: Response) -> dict[str, str]:
    """Lower-case header names to their joined values (the form decide.is_challenge reads)."""
    return {key.decode("latin-1").lower(): ", ".join(v.decode("latin-1") for v in values)
            for key, values in response.headers.items()}


def _body_text(response: Response) -> str:
    if isinstance(response, TextResponse):
        return response.text[:_CHALLENGE_SNIFF_CHARS]
    return response.body[:_CHALLENGE_SNIFF_CHARS].decode("utf-8", "replace")


class Renderer:
    """Per-crawl rendering state: the config, whether a browser is installed, pages per site."""

    def __init__(self, config: RenderConfig, settings: Settings) -> None:
        self.config = config
        self._settings = settings
        self.rendered: Counter[str] = Counter()
        self._warned_sites: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Renderer:
        return cls(RenderConfig.from_settings(crawler.settings), crawler.settings)

    @property
    def enabled(self) -> bool:
        """Chromium is there and the add-on installed the browser handlers.

        Read from the settings on use: a spider is built before the add-ons update the settings.
        """
        return self.config.available and rendering_installed(self._settings)

    # -- decisions -------------------------------------------------------------------------------
    def challenged(self, response: Response) -> bool:
        """The response is a firewall challenge (not the page)."""
        return is_challenge(response.status, response_headers(response), _body_text(response))

    def page_reason(self, response: Response, facts: PageFactsLike | None, site: Site) -> str | None:
        """Why this plain response should be judged from the browser instead, or None."""
        if is_rendered(response):
            return None
        if self.challenged(response):
            return f"firewall challenge (HTTP {response.status})"
        if facts is None:
            return None
        return needs_browser(facts, self.config.site_mode(site), self.config.script_ratio)

    def review(self, response: Response, facts: PageFactsLike | None, site: Site) -> RenderVerdict:
        """Re-fetch the page in the browser, or judge it (marked when it needed the browser)."""
        reason = self.page_reason(response, facts, site)
        if reason is None:
            return RenderVerdict()
        request = self.browser_request(response.request, site, reason) if response.request else None
        if request is not None:
            return RenderVerdict(request=request, reason=reason)
        logger.info("needs rendering (%s), judged from raw HTML: %s", reason, response.url)
        return RenderVerdict(needs_rendering=True, reason=reason)

    def first_fetch_meta(self, site: Site) -> dict[str, object]:
        """Meta for a page's first request: browser meta for a site with render = always."""
        if self.config.site_mode(site) != "always" or not self._allowed(site):
            return {}
        from govcrawl.render.browser import render_meta

        self.rendered[site.site_code] += 1
        return render_meta(site.site_code, self.config, reason="render = always")

    def recheck(self, response: Response, site: Site) -> Request | None:
        """A browser GET of the request whose answer was a challenge (by status or body), or None.

        For link checks (a HEAD answer has no body: the status decides) and failed page fetches.
        """
        if is_rendered(response) or response.request is None:
            return None
        if response.status not in CHALLENGE_STATUSES and not self.challenged(response):
            return None
        return self.browser_request(response.request, site, f"firewall challenge (HTTP {response.status})",
                                    method="GET")

    def retry_failed(self, exc: BaseException, site: Site) -> Request | None:
        """A browser retry of a request that failed (HttpError) on a challenge answer, or None."""
        if not isinstance(exc, HttpError):
            return None
        return self.recheck(exc.response, site)

    @staticmethod
    def without_browser(request: Request, exc: BaseException) -> Request | None:
        """The same request without the browser, when the browser died under it (else None); it
        is marked so that it never goes back to the browser and its page is marked as needing
        rendering."""
        reason = browser_lost(exc) if request.meta.get("playwright") else None
        if reason is None:
            return None
        logger.warning("%s while rendering %s: fetching it without the browser", reason, request.url)
        meta = {k: v for k, v in request.meta.items()
                if k not in _DOWNLOAD_META and not k.startswith(("playwright", "govcrawl_render"))}
        return request.replace(dont_filter=True, meta={**meta, BROWSER_LOST_META: reason})

    @staticmethod
    def unverified_challenge(exc: BaseException) -> bool:
        """The request failed on a challenge status the browser never saw: the site answered, and
        nothing about the page or link can be said (suspected, never broken or unreachable)."""
        return (isinstance(exc, HttpError) and exc.response.status in CHALLENGE_STATUSES
                and not is_rendered(exc.response))

    # -- requests ---------------------------------------------------------------------------------
    def browser_request(self, request: Request, site: Site, reason: str, *, method: str | None = None
                        ) -> Request | None:
        """``request`` again, through the browser, if the site's mode and cap allow and the browser
        did not die under it before; else None."""
        if request.meta.get(BROWSER_LOST_META):
            logger.info("needs rendering (%s), judged without the browser: %s",
                        request.meta[BROWSER_LOST_META], request.url)
            return None
        if not self._allowed(site):
            return None
        self.rendered[site.site_code] += 1
        from govcrawl.render.browser import render_meta  # imports playwright: only with a browser

        logger.debug("rendering %s in the browser: %s", request.url, reason)
        meta = {k: v for k, v in request.meta.items() if k not in _DOWNLOAD_META}
        return request.replace(method=method or request.method, dont_filter=True,
                               meta={**meta, **render_meta(site.site_code, self.config, reason=reason)})

    def _allowed(self, site: Site) -> bool:
        if not self.enabled or self.config.site_mode(site) == "never":
            self._warn_once(site, self.config.unavailable if not self.enabled else "render = never")
            return False
        if self.rendered[site.site_code] >= self.config.max_rendered_pages:
            self._warn_once(site, f"GOVCRAWL_MAX_RENDERED_PAGES ({self.config.max_rendered_pages}) reached")
            return False
        return True

    def _warn_once(self, site: Site, why: str) -> None:
        if site.site_code not in self._warned_sites:
            self._warned_sites.add(site.site_code)
            logger.warning("site %s (%s): pages that need the browser are not rendered: %s",
                           site.name, site.site_code, why or "browser unavailable")
