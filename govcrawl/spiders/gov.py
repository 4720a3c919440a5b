"""``scrapy crawl gov -a region=X -a as_of=YYYY-MM-DD``: crawl every site of a region.

Each site's tree is crawled from its homepage, politely (settings.py's politeness block: robots.txt,
per-host concurrency, AutoThrottle, backoff retries). Every HTML page becomes a ``PageItem`` with
what extraction saw; every distinct link a site publishes is checked once per run (``LinkItem``);
every homepage attempt becomes a ``SampleItem`` (the 站点无法访问 evidence when no probe ran); each
site's homepage host is checked once for IPv6 and HTTPS in a thread (crawl/transport.py, a
``TransportItem``).

Scope and traps are decided by ``govcrawl.crawl.frontier`` (per site, kept in ``spider.state`` so
a JOBDIR crawl resumes), verdicts by ``govcrawl.crawl.linkcheck``. Requests are built in two places
only — ``page_request`` and ``check_request`` — so rendering can hook in there.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import StopDownload
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure

from govcrawl.crawl.extractpool import ExtractPool, worker_count
from govcrawl.crawl.frontier import Caps, SiteFrontier
from govcrawl.crawl.linkcheck import (
    OK,
    SUSPECTED,
    UNCHECKED,
    failure_outcome,
    is_network_fault,
    is_refused,
    status_verdict,
    wants_get_fallback,
)
from govcrawl.crawl.transport import TransportConfig, check_transport, checked_host
from govcrawl.crawl.urls import canonical_url, host_of
from govcrawl.extract.charset import decode_html, looks_binary
from govcrawl.extract.hidden import hiding_rules, stylesheets
from govcrawl.extract.jiucuo import is_national_jiucuo
from govcrawl.extract.page import PageFacts
from govcrawl.model.facts import TransportFacts
from govcrawl.model.items import LinkItem, PageItem, SampleItem, TransportItem
from govcrawl.regions import Site
from govcrawl.render.hook import Renderer, is_rendered
from govcrawl.rules.hidden_content import evidence_links
from govcrawl.spiders._base import RegionSpider
from govcrawl.spiders._netcheck import NetworkCheck
from govcrawl.spiders._search import SiteSearchMixin

logger = logging.getLogger(__name__)

__all__ = ["GovSpider"]

_HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


def _content_type(headers: Any) -> str:
    raw = headers.get(b"Content-Type") or b""
    return bytes(raw).decode("latin-1").lower()


def _header_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _failed(failure: Failure) -> tuple[scrapy.Request, BaseException]:
    """The request an errback's failure belongs to, and its exception."""
    request: scrapy.Request = failure.request  # type: ignore[attr-defined]  # set by Scrapy
    return request, failure.value or Exception("unknown failure")


#: What a page request's meta must keep when the page is fetched again (after its stylesheets).
_PAGE_META = ("url", "site", "is_home", "page_depth", "column_root")


def _is_html(content_type: str) -> bool:
    """An absent Content-Type is read as HTML (old servers omit it on .html files)."""
    return not content_type or content_type.startswith(_HTML_TYPES)


class GovSpider(NetworkCheck, SiteSearchMixin, RegionSpider):
    """Crawl each site of the region and check its links (see the module docstring)."""

    name = "gov"
    renderer: Renderer  # set in from_crawler: rendering decisions and the per-site browser budget
    transport_config: TransportConfig  # set in from_crawler: the IPv6/HTTPS check's settings
    extraction: ExtractPool  # set in from_crawler: where pages are read (crawl/extractpool.py)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> GovSpider:
        spider: GovSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._headers_received, signal=signals.headers_received)
        crawler.signals.connect(spider.network_idle, signal=signals.spider_idle)
        spider.renderer = Renderer.from_crawler(crawler)
        spider.transport_config = TransportConfig.from_settings(crawler.settings)
        spider.extraction = ExtractPool(worker_count(spider.crawl_config.extract_processes),
                                        spider.crawl_config.extract_pool_after)
        crawler.signals.connect(spider.extraction.close, signal=signals.spider_closed)
        return spider

    # -- state ------------------------------------------------------------------------------------
    def frontier(self, site: Site) -> SiteFrontier:
        """The site's frontier, created on first use inside ``spider.state`` (JOBDIR persists it)."""
        frontiers: dict[str, SiteFrontier] = self.state.setdefault("frontiers", {})
        if site.site_code not in frontiers:
            max_pages = site.max_pages or int(self.site_value(site, "GOVCRAWL_MAX_PAGES"))
            caps = Caps(
                max_pages=max_pages,
                max_depth=int(self.site_value(site, "GOVCRAWL_MAX_DEPTH")),
                max_query_variants=int(self.site_value(site, "GOVCRAWL_MAX_QUERY_VARIANTS")),
                max_pagination=int(self.site_value(site, "GOVCRAWL_MAX_PAGINATION")),
                calendar_horizon=timedelta(days=int(self.site_value(site, "GOVCRAWL_CALENDAR_HORIZON_DAYS"))),
                as_of=self.as_of,
            )
            frontiers[site.site_code] = SiteFrontier(hosts=set(site.all_hosts), caps=caps)
        return frontiers[site.site_code]

    def canonical(self, url: str) -> str:
        return canonical_url(url, self.crawl_config.drop_query_params)

    # -- requests ---------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        for request in self.canary_requests("start"):
            yield request
        checks: dict[str, Deferred[TransportFacts]] = {}
        for site in self.region.sites:
            home = self.canonical(site.url)
            if self.frontier(site).first_time(home):  # False when a JOBDIR crawl resumes
                self.frontier(site).take(home)
                if self.site_value(site, "GOVCRAWL_TRANSPORT_CHECK") and checked_host(site.url):
                    checks[site.site_code] = deferToThread(check_transport, site.url, self.transport_config)
                yield self.page_request(home, site, is_home=True, page_depth=0)
        # the IPv6/HTTPS checks ran in threads beside the crawl; each site's facts are stored once
        for code, check in checks.items():
            try:
                facts = await maybe_deferred_to_future(check)
            except Exception:
                logger.exception("IPv6/HTTPS check of %s failed", code)
                continue
            yield TransportItem(site=code, facts=facts, checked_at=datetime.now())

    def page_request(self, url: str, site: Site, **meta: Any) -> scrapy.Request:
        """The request that fetches ``url`` as a page of ``site`` (the one place pages are built)."""
        return scrapy.Request(url, callback=self.parse_page, errback=self.page_failed, dont_filter=True,
                              meta={"site": site.site_code, "url": url, **self.renderer.first_fetch_meta(site),
                                    **meta})

    def check_request(self, url: str, site: Site, kind: str, method: str = "HEAD") -> scrapy.Request:
        """The request that checks a link; a GET check stops after the headers."""
        return scrapy.Request(
            url, method=method, callback=self.check_done, errback=self.check_failed, dont_filter=True,
            priority=self.crawl_config.link_check_priority,
            meta={"site": site.site_code, "url": url, "kind": kind, "headers_only": True,
                  "download_timeout": self.crawl_config.link_check_timeout})

    def _headers_received(self, headers: Any, body_length: int, request: scrapy.Request,
                          spider: scrapy.Spider) -> None:
        """Stop downloading bodies nobody reads: link checks and non-HTML answers to page fetches."""
        if request.meta.get("headers_only") or ("site" in request.meta
                                                 and not _is_html(_content_type(headers))):
            raise StopDownload(fail=False)

    # -- pages ------------------------------------------------------------------------------------
    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        site = self.region.site(response.meta["site"])
        url: str = response.meta["url"]
        is_home = bool(response.meta.get("is_home"))
        content_type = _content_type(response.headers)
        if not _is_html(content_type):
            for item in self._reached(site, url, is_home, response):
                yield item
            return  # an attachment behind a page-like URL: checked by this fetch, not a page
        if looks_binary(response.body):  # a file served as text/html: it answered, it is no page
            for item in self._reached(site, url, is_home, response, "binary content served as HTML, not read"):
                yield item
            return
        frontier = self.frontier(site)
        if is_home and not frontier.owns(response.url):
            frontier.hosts.add(host_of(response.url))  # the homepage moved to another host
        text, encoding = decode_html(response.body, _header_charset(content_type))
        # An injected block may be hidden by a rule of a linked same-site stylesheet: read each first, once.
        sheets: dict[str, str] = self.state.setdefault("stylesheets", {})  # URL → its hiding rules
        linked = stylesheets(text, response.url, frontier.hosts)
        unread = [u for u in linked if u not in sheets]
        if unread:
            yield self.stylesheet_request(unread[0], response)
            return
        facts = await maybe_deferred_to_future(self.extraction.extract(
            html=text, url=response.url, is_home=is_home, site_hosts=frozenset(frontier.hosts),
            classes=self.site_value(site, "GOVCRAWL_COLUMN_CLASSES"), as_of=self.as_of,
            linked_css="\n".join(sheets[u] for u in linked),
            max_pagination=int(self.site_value(site, "GOVCRAWL_MAX_PAGINATION")),
            max_links=int(self.site_value(site, "GOVCRAWL_MAX_LINKS_PER_PAGE"))))
        for item in self._page_read(site, url, is_home, response, facts, encoding):
            yield item

    def _page_read(self, site: Site, url: str, is_home: bool, response: Response, facts: PageFacts,
                   encoding: str) -> Iterator[Any]:
        """What a page's facts lead to: rendering, its PageItem, a site search, the links it names."""
        if facts.links_capped:
            logger.warning("page %s names more than %d links: the rest are not read", url, facts.links_capped)
        # A challenge or a script-built list: judge the browser's rendering instead (or mark the page).
        render = self.renderer.review(response, facts, site)
        if render.request is not None:
            yield render.request
            return
        yield from self._reached(site, url, is_home, response)
        depth = int(response.meta.get("page_depth", 0))
        root = response.meta.get("column_root") or (url if facts.column is not None else "")
        yield PageItem(site=site.site_code, url=url, final_url=response.url, status=response.status,
                       depth=depth, is_home=is_home, fetched_at=datetime.now(), facts=facts,
                       encoding=encoding, column_root=response.meta.get("column_root", ""),
                       rendered=is_rendered(response), needs_rendering=render.needs_rendering)
        yield from self.search_step(site, url, is_home, facts, encoding)  # 搜索功能缺失: spiders/_search.py
        pagination = {self.canonical(u) for u in (facts.column.next_pages if facts.column else ())}
        # Links of an injection (hidden spam blocks, spam anchors) are the 暗链 evidence itself: they
        # lead to gambling or porn hosts that an inspection must not visit (not even their robots.txt),
        # and a dead one is no 不可用链接 of the unit's. rules/hidden_content.py alone judges them.
        hidden = {self.canonical(url) for url in evidence_links(facts, self.site_value(site, "GOVCRAWL_SPAM_SCORE"))}
        for link in facts.links:
            link_url = self.canonical(link.url)
            if link_url in hidden or is_national_jiucuo(link_url):  # read by the 找错 rule, never requested
                continue
            if link_url in pagination:
                yield from self._schedule(site, link_url, "page", depth, root)
            else:
                yield from self._schedule(site, link_url, link.kind, depth + 1, "")
        for link_url in pagination:  # list pages only a pager script names
            yield from self._schedule(site, link_url, "page", depth, root)

    def stylesheet_request(self, url: str, page: Response) -> scrapy.Request:
        """Fetch a same-site stylesheet of ``page``, then fetch the page again (its meta goes along:
        requests stay serialisable for JOBDIR and the shared Redis queue). Each stylesheet is read
        once per crawl, so this costs one more fetch of the first page that links it."""
        again = {k: page.meta[k] for k in _PAGE_META if k in page.meta}
        return scrapy.Request(url, callback=self.stylesheet_done, errback=self.stylesheet_failed, dont_filter=True,
                              meta={"stylesheet": url, "page_meta": again,
                                    "download_timeout": self.crawl_config.link_check_timeout})

    def _page_again(self, meta: dict[str, Any], rules: str) -> scrapy.Request:
        self.state.setdefault("stylesheets", {})[meta["stylesheet"]] = rules
        page = dict(meta["page_meta"])
        return self.page_request(page.pop("url"), self.region.site(page.pop("site")), **page)

    def stylesheet_done(self, response: Response) -> Iterator[scrapy.Request]:
        yield self._page_again(response.meta, hiding_rules(response.body.decode("utf-8", "replace")))

    def stylesheet_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        request, _ = _failed(failure)
        yield self._page_again(request.meta, "")

    def _reached(self, site: Site, url: str, is_home: bool, response: Response, note: str = "") -> Iterator[Any]:
        """The page answered: its link is ok (``note`` says why it was not read as a page), and the
        homepage's answer is an availability sample."""
        yield self._link_item(site, url, "page", OK, response.status, note, "GET")
        # the region's servers answer: the canary without public hosts. Any page, not only a homepage:
        # in a distributed run another worker may have fetched every homepage
        self.region_answered()
        if is_home:
            yield self._sample(site, url, True, response.status, "", response.meta.get("download_latency"))

    def _schedule(self, site: Site, url: str, kind: str, depth: int, column_root: str) -> Iterator[Any]:
        """Crawl ``url`` as a page, or check it as a link, the first time the site names it."""
        frontier = self.frontier(site)
        if not frontier.first_time(url):
            return
        limit = self.crawl_config.max_url_length
        if len(url) > limit:
            yield self._link_item(site, url, kind, UNCHECKED, None, f"address longer than {limit} characters, "
                                  "not requested", "")
            return
        try:
            yield from self._requests(site, url, kind, depth, column_root)
        except ValueError as exc:  # an address no request can carry: one unchecked link, not a lost page
            yield self._link_item(site, url, kind, UNCHECKED, None, f"malformed address: {exc}", "")

    def _requests(self, site: Site, url: str, kind: str, depth: int, column_root: str) -> Iterator[Any]:
        frontier = self.frontier(site)
        if kind == "page" and frontier.owns(url):
            refusal = frontier.refusal(url, depth, column_root)
            if not refusal:
                meta: dict[str, Any] = {"page_depth": depth}
                if column_root:
                    meta["column_root"] = column_root
                request = self.page_request(url, site, **meta)
                frontier.take(url, column_root)
                yield request
                return
            logger.debug("not crawling %s (%s): checking it as a link", url, refusal)
        if self.crawl_config.check_links:
            yield self.check_request(url, site, kind)

    def page_failed(self, failure: Failure) -> Iterator[Any]:
        request, exc = _failed(failure)
        site = self.region.site(request.meta["site"])
        url = request.meta["url"]
        again = self.renderer.without_browser(request, exc) or self.renderer.retry_failed(exc, site)
        if again is not None:
            yield again
            return
        verdict, status, error = failure_outcome(exc)
        answered = self.renderer.unverified_challenge(exc)  # the firewall answered: not unreachable
        if answered:
            verdict, error = SUSPECTED, f"{error} firewall challenge; needs rendering"
        link = self._link_item(site, url, "page", verdict, status, error, "GET")
        if request.meta.get("is_home") and is_refused(exc):
            self.region_answered()
        if is_network_fault(exc):  # a finding only once the network is confirmed (spiders/_netcheck.py)
            self.hold(link, self._sample(site, url, False, status, error, None) if request.meta.get("is_home")
                      else None)
            return
        logger.info("page %s failed: %s", url, error)
        yield link
        # A homepage the crawl may not request (robots.txt, address guard) is no evidence of 站点无法访问.
        if request.meta.get("is_home") and verdict != UNCHECKED:
            yield self._sample(site, url, answered, status, error, None)

    # -- link checks ------------------------------------------------------------------------------
    def check_done(self, response: Response) -> Iterator[LinkItem]:
        meta = response.meta
        site = self.region.site(meta["site"])
        item = self._link_item(site, meta["url"], meta["kind"], status_verdict(response.status),
                               response.status, "", response.request.method if response.request else "HEAD")
        item.via_browser = is_rendered(response)
        self.release(item)  # a held failure checked again (even via a GET fallback)
        yield item

    def check_failed(self, failure: Failure) -> Iterator[Any]:
        request, exc = _failed(failure)
        meta = request.meta
        site = self.region.site(meta["site"])
        # broken only after the browser failed too; a browser that died says nothing about the link
        again = self.renderer.without_browser(request, exc) or self.renderer.retry_failed(exc, site)
        if again is not None:
            yield again
            return
        if request.method == "HEAD" and wants_get_fallback(exc):
            yield self.check_request(meta["url"], site, meta["kind"], method="GET")
            return
        verdict, status, error = failure_outcome(exc)
        if self.renderer.unverified_challenge(exc):
            verdict, error = SUSPECTED, f"{error} firewall challenge; needs rendering"
        item = self._link_item(site, meta["url"], meta["kind"], verdict, status, error, request.method)
        item.via_browser = bool(request.meta.get("playwright"))
        if is_network_fault(exc):
            self.hold(item, None)
            return
        self.release(item)
        yield item

    # -- items ------------------------------------------------------------------------------------
    @staticmethod
    def _link_item(site: Site, url: str, kind: str, verdict: str, status: int | None, error: str,
                   method: str) -> LinkItem:
        return LinkItem(site=site.site_code, url=url, kind=kind, verdict=verdict, status=status,
                        error=error, checked_at=datetime.now(), method=method)

    @staticmethod
    def _sample(site: Site, url: str, ok: bool, status: int | None, error: str,
                elapsed: float | None) -> SampleItem:
        return SampleItem(site=site.site_code, url=url, ok=ok, status=status, error=error,
                          elapsed=elapsed, at=datetime.now(), source="crawl")
