"""Refuse requests to private, loopback and link-local addresses.

A government page may link to an intranet address (``http://10.1.2.3/oa``) or a name that
resolves to one; an inspection crawler must not probe the network it runs in. The host is
resolved (through Scrapy's cached resolver) and refused when any address class other than public
comes back — unless the host is one of the region's own site hosts (tests and the demo live on
loopback) or a host of ``GOVCRAWL_CANARY_URLS`` (the operator's, never a page's), or
``GOVCRAWL_ALLOW_PRIVATE`` is true. A name that does not resolve is not remembered: it is looked up
again next time, so a name that fails once cannot slip past the guard later. A refused request fails with
``PrivateAddressRefused`` (an IgnoreRequest), which link checks record as "unchecked".
"""

from __future__ import annotations

import ipaddress
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import reactor

from govcrawl.config import CrawlConfig

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

__all__ = ["AddressGuardMiddleware", "PrivateAddressRefused", "is_private_address"]


class PrivateAddressRefused(IgnoreRequest):
    """The request's host resolves to an address the crawl may not reach."""


def is_private_address(address: str) -> bool:
    """True for loopback, private, link-local, reserved, multicast and unspecified addresses."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return bool(ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
                or ip.is_multicast or ip.is_unspecified)


class AddressGuardMiddleware:
    """Downloader middleware: refuse hosts that resolve to private addresses (see module doc)."""

    def __init__(self, crawler: Crawler, allow_private: bool, canary_urls: tuple[str, ...] = ()) -> None:
        self.crawler = crawler
        self.allow_private = allow_private
        self.canary_hosts = frozenset((urlparse(u).hostname or "").lower().rstrip(".") for u in canary_urls)
        self._verdicts: dict[str, str] = {}  # host → "" (allowed) or the refused address

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        config = CrawlConfig.for_crawler(crawler)
        return cls(crawler, config.allow_private, config.canary_urls)

    async def process_request(self, request: Request) -> None:
        if self.allow_private:
            return
        host = (urlparse_cached(request).hostname or "").lower().rstrip(".")
        if not host:  # data: and the like reach no network
            return
        if host in getattr(self.crawler.spider, "own_hosts", frozenset()) or host in self.canary_hosts:
            return
        address = self._verdicts.get(host)
        if address is None:
            address = await self._private_address(host)
            if address is not None:
                self._verdicts[host] = address
        if address:
            raise PrivateAddressRefused(f"{host} resolves to private address {address}")

    async def _private_address(self, host: str) -> str | None:
        """The private address ``host`` resolves to, "" when public, None when it does not resolve
        (the download then fails on its own and the link check says so)."""
        if is_private_address(host):
            return host
        try:
            address = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[arg-type]  # stub says bytes
        except Exception:
            logger.debug("cannot resolve %s", host)
            return None
        return str(address) if is_private_address(str(address)) else ""
