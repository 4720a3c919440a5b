"""Private URL helpers: resolving hrefs and telling the site's own hosts from others."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urldefrag, urljoin, urlsplit

from parsel import Selector

__all__ = ["base_href", "host_of", "is_site_host", "resolve_url"]

_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "about:", "sms:", "vbscript:", "file:")


def host_of(url: str) -> str:
    """Lower-case host of ``url`` without port; "" when there is none."""
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_site_host(host: str, site_hosts: Collection[str]) -> bool:
    """True when ``host`` is one of the site's hosts (a leading "www." is ignored)."""
    bare = host.removeprefix("www.")
    return any(bare == h.lower().removeprefix("www.") for h in site_hosts)


def base_href(sel: Selector, page_url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` joined to the page URL."""
    base = sel.xpath("//base/@href").get()
    if base and base.strip():
        return urljoin(page_url, base.strip())
    return page_url


def resolve_url(raw: str, base: str) -> str | None:
    """Absolute http(s) URL for ``raw`` without fragment, or None for links not to follow."""
    raw = raw.strip().replace("\\", "/")
    if not raw or raw.startswith("#"):
        return None
    if raw.lower().startswith(_SKIP_SCHEMES):
        return None
    try:
        url = urldefrag(urljoin(base, raw))[0]
    except ValueError:
        return None
    if not url.lower().startswith(("http://", "https://")):
        return None
    return url
