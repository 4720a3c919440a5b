"""Private URL helpers: resolving a page's hrefs (hosts are govcrawl.crawl.urls')."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

from parsel import Selector

__all__ = ["base_href", "resolve_url"]

_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "about:", "sms:", "vbscript:", "file:")


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
