"""``scrapy crawl newmedia -a region=X -a as_of=YYYY-MM-DD``: read every 政务新媒体 account's feed.

Each ``[[accounts]]`` entry of the region names a feed of the account's posts (RSS 2.0, Atom or
JSON Feed, parsed by ``govcrawl.extract.feeds``). The spider reads it, follows its paging links (RFC 5005
``<link rel="next">``, JSON Feed ``next_url``) up to GOVCRAWL_FEED_MAX_PAGES pages, never the same
page twice, and yields a ``PostItem`` per post. When an account's feed is done it yields one
``AccountItem``: read (with its post count and newest date) or not, and then why — the evidence of
账号无法访问. One account's failure never stops the others.

Feed requests skip robots.txt: a feed is published for machines to read, and the region file names
it on purpose (feed readers do not consult robots.txt either). They bypass the duplicate filter
because two accounts may share a bridge URL; paging loops are caught per account instead.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net_error
from twisted.python.failure import Failure

from govcrawl.crawl.urls import host_of
from govcrawl.extract.feeds import ParsedFeed, parse_feed
from govcrawl.model.conf import build_conf
from govcrawl.model.items import AccountItem, PostItem
from govcrawl.regions import Account
from govcrawl.spiders._base import RegionSpider

logger = logging.getLogger(__name__)

__all__ = ["NewmediaSpider", "failure_reason"]

_ACCEPT = ("application/feed+json, application/atom+xml, application/rss+xml, application/json;q=0.9, "
           "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
_DNS = (CannotResolveHostError, net_error.DNSLookupError)
_REFUSED = (DownloadConnectionRefusedError, net_error.ConnectionRefusedError)
_TIMEOUTS = (DownloadTimeoutError, net_error.TimeoutError, net_error.TCPTimedOutError)


@dataclass
class _Progress:
    """How far one account's feed has been read (pages seen, posts yielded, newest date)."""

    account: Account
    pages: list[str] = field(default_factory=list)
    seen_posts: set[tuple[str, str]] = field(default_factory=set)
    newest: datetime | None = None


def failure_reason(exc: BaseException, retries: int) -> str:
    """Why a feed request failed, in the words of the annex (``retries`` already made)."""
    tried = f"（已重试{retries}次）" if retries else ""
    if isinstance(exc, HttpError):
        return f"订阅地址返回HTTP {exc.response.status}错误{tried}"
    if isinstance(exc, _DNS):
        return f"订阅地址的域名无法解析{tried}"
    if isinstance(exc, _REFUSED):
        return f"订阅地址拒绝连接{tried}"
    if isinstance(exc, _TIMEOUTS):
        return f"订阅地址连接超时{tried}"
    detail = f"{type(exc).__name__}: {exc}".strip()
    if isinstance(exc, IgnoreRequest):
        # e.g. the public name redirects to an intranet address: the public cannot read it either.
        return f"订阅地址无法公开访问（{detail}）"
    return f"订阅地址无法访问{tried}（{detail}）"


class NewmediaSpider(RegionSpider):
    """Read the feed of each account of the region (see the module docstring)."""

    name = "newmedia"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The address guard lets the region's own hosts through; here those are the feed hosts.
        self.own_hosts = frozenset(host_of(a.feed) for a in self.region.accounts)
        self.max_pages = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        conf = build_conf(self.settings, self.region, None, self.as_of)
        self.max_pages = max(1, int(conf["GOVCRAWL_FEED_MAX_PAGES"]))
        if not self.region.accounts:
            logger.warning("region %s lists no [[accounts]]: nothing to read", self.region.code)
        for account in self.region.accounts:
            yield self.feed_request(account.feed, _Progress(account))

    def feed_request(self, url: str, progress: _Progress) -> scrapy.Request:
        progress.pages.append(url)
        return scrapy.Request(url, callback=self.parse_feed_page, errback=self.feed_failed,
                              cb_kwargs={"progress": progress}, dont_filter=True,
                              headers={"Accept": _ACCEPT}, meta={"dont_obey_robotstxt": True,
                                                                "account": progress.account.name})

    def parse_feed_page(self, response: Response, progress: _Progress) -> Iterator[Any]:
        content_type = bytes(response.headers.get(b"Content-Type") or b"").decode("latin-1")
        parsed = parse_feed(response.body, content_type, response.url)
        account = progress.account
        if not parsed.ok:
            if len(progress.pages) == 1:
                yield self._done(progress, problem=parsed.error)
                return
            # The account was readable; a broken later page only ends the paging.
            logger.warning("%s: feed page %s unreadable (%s); stopping there", account.name,
                           response.url, parsed.error)
            yield self._done(progress)
            return
        if parsed.warning:
            logger.warning("%s: %s (%s)", account.name, parsed.warning, response.url)
        yield from self._posts(parsed, progress, response.url)
        follow = self._next_page(parsed, progress)
        yield follow if follow is not None else self._done(progress)

    def _posts(self, parsed: ParsedFeed, progress: _Progress, page_url: str) -> Iterator[PostItem]:
        account = progress.account
        for post in parsed.posts:
            key = (post.link, post.title)
            if key in progress.seen_posts:  # feeds repeat posts across pages; one row per post
                continue
            progress.seen_posts.add(key)
            if post.published is not None and (progress.newest is None or post.published > progress.newest):
                progress.newest = post.published
            yield PostItem(account=account.name, platform=account.platform, title=post.title, text=post.text,
                           link=post.link, published=post.published, feed_url=page_url)

    def _next_page(self, parsed: ParsedFeed, progress: _Progress) -> scrapy.Request | None:
        url = parsed.next_url
        if not url:
            return None
        if url in progress.pages:
            logger.warning("%s: feed paging loops back to %s; stopping", progress.account.name, url)
            return None
        if len(progress.pages) >= self.max_pages:
            logger.info("%s: feed paging stopped at GOVCRAWL_FEED_MAX_PAGES=%d", progress.account.name,
                        self.max_pages)
            return None
        return self.feed_request(url, progress)

    def feed_failed(self, failure: Failure) -> Iterator[AccountItem]:
        request = failure.request  # type: ignore[attr-defined]
        progress: _Progress = request.cb_kwargs["progress"]
        problem = failure_reason(failure.value or Exception("unknown failure"),
                                 int(request.meta.get("retry_times", 0)))
        if len(progress.pages) > 1:
            logger.warning("%s: feed page %s failed (%s); keeping the pages read", progress.account.name,
                           request.url, problem)
            yield self._done(progress)
            return
        logger.info("%s: feed %s unreadable: %s", progress.account.name, request.url, problem)
        yield self._done(progress, problem=problem)

    @staticmethod
    def _done(progress: _Progress, problem: str = "") -> AccountItem:
        account = progress.account
        return AccountItem(account=account.name, platform=account.platform, feed_url=account.feed,
                           ok=not problem, problem=problem, post_count=len(progress.seen_posts),
                           newest=progress.newest, checked_at=datetime.now())
