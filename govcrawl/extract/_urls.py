"""Private URL helpers: resolving a page's hrefs (hosts are govcrawl.crawl.urls')."""

from __future__ import annotations

import functools
from urllib.parse import urldefrag, urljoin

from parsel import Selector

from govcrawl.extract._dom import first_string, per_document

__all__ = ["base_href", "resolve_url"]

_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "about:", "sms:", "vbscript:", "file:")


def base_href(sel: Selector, page_url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` joined to the page URL."""
    base = _base(sel)
    return urljoin(page_url, base) if base else page_url


@per_document
def _base(sel: Selector) -> str:
    return (first_string(sel, "//base/@href") or "").strip()


@functools.lru_cache(maxsize=4096)  # a site's menus and footers repeat the same links on every page
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
