"""Verdicts of link checks: ok, broken, suspected or unchecked.

Precision first: a link is *broken* only on evidence a reader would also meet — 404/410, a 5xx
answer that persisted through the retries, a name that does not resolve, a refused connection.
Firewalls answer crawlers with 403/412/429/503 and slow servers time out; those links are
*suspected* (checked again later, never reported as broken on that evidence alone). A link the
crawl may not request (robots.txt, the private-address guard, an address too long to send) is
*unchecked*, and so is one that failed by a network fault the canary could not confirm
(govcrawl/crawl/netfault.py).
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net_error

__all__ = [
    "BROKEN",
    "OK",
    "SUSPECTED",
    "UNCHECKED",
    "Outcome",
    "failure_outcome",
    "is_network_fault",
    "is_refused",
    "status_verdict",
    "wants_get_fallback",
]

OK = "ok"
BROKEN = "broken"
SUSPECTED = "suspected"
UNCHECKED = "unchecked"

_BROKEN_STATUS = frozenset({404, 410})
_SUSPECT_STATUS = frozenset({403, 412, 429, 503})
_TRANSPORT_BROKEN = (CannotResolveHostError, DownloadConnectionRefusedError, net_error.DNSLookupError,
                     net_error.ConnectionRefusedError, net_error.NoRouteError)
_TIMEOUTS = (DownloadTimeoutError, net_error.TimeoutError, net_error.TCPTimedOutError)

Outcome = tuple[str, int | None, str]
"""(verdict, HTTP status or None, error text)."""


def status_verdict(status: int) -> str:
    """The verdict for an HTTP answer (after the retry middleware had its turns)."""
    if status < 400:
        return OK
    if status in _BROKEN_STATUS:
        return BROKEN
    if status in _SUSPECT_STATUS or status < 500:
        return SUSPECTED
    return BROKEN


def failure_outcome(exc: BaseException) -> Outcome:
    """The verdict for a request that ended in an exception (a Failure's value)."""
    if isinstance(exc, HttpError):
        status = int(exc.response.status)
        return status_verdict(status), status, f"HTTP {status}"
    if isinstance(exc, IgnoreRequest):
        reason = str(exc) or type(exc).__name__
        if "redirect" in reason:
            return SUSPECTED, None, f"redirect loop ({reason})"
        if "DOWNLOAD_MAXSIZE" in reason:  # decompressed past the limit (a gzip bomb): it answered
            return OK, None, "larger than DOWNLOAD_MAXSIZE once decompressed"
        return UNCHECKED, None, reason
    name = type(exc).__name__
    if isinstance(exc, CannotResolveHostError | net_error.DNSLookupError):
        return BROKEN, None, "DNS lookup failed"
    if isinstance(exc, DownloadConnectionRefusedError | net_error.ConnectionRefusedError):
        return BROKEN, None, "connection refused"
    if isinstance(exc, _TRANSPORT_BROKEN):
        return BROKEN, None, f"{name}: {exc}".strip()
    if isinstance(exc, _TIMEOUTS):
        return SUSPECTED, None, f"timeout: {exc}".strip()
    if isinstance(exc, DownloadCancelledError) and "max size" in str(exc):
        # The resource is there, only too big to download: the link works.
        return OK, None, "larger than DOWNLOAD_MAXSIZE"
    if isinstance(exc, DownloadCancelledError) and not str(exc):
        # Scrapy cancels a body without a length silently once it passes the limit (or at shutdown)
        return SUSPECTED, None, "download cancelled: DOWNLOAD_MAXSIZE passed while reading, or the crawl stopping"
    return SUSPECTED, None, f"{name}: {exc}".strip()


def is_network_fault(exc: BaseException) -> bool:
    """True for a failure the crawler's own network could cause (DNS, refused, no route, timeout):
    evidence only once the network is confirmed (govcrawl.crawl.netfault)."""
    return isinstance(exc, (*_TRANSPORT_BROKEN, *_TIMEOUTS))


def is_refused(exc: BaseException) -> bool:
    """True for a refused connection: the far end (or a firewall on the way) answered with a reset,
    so the network carried the request — the evidence the canary needs, even from a server that is down."""
    return isinstance(exc, DownloadConnectionRefusedError | net_error.ConnectionRefusedError)


def wants_get_fallback(exc: BaseException) -> bool:
    """True when a failed HEAD should be repeated as GET.

    Many servers answer HEAD with 405/501, 404 or 403 while GET works; transport failures that
    HEAD and GET share (DNS, refused, timeout) and refusals by policy are not repeated.
    """
    if isinstance(exc, HttpError):
        return True
    return not isinstance(exc, (IgnoreRequest, *_TRANSPORT_BROKEN, *_TIMEOUTS))
