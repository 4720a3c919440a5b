"""Links of a page, for the 不可用链接 check and the crawl frontier.

Every ``a[href]``, ``area[href]``, ``img[src]`` and ``iframe[src]`` is resolved against
``<base href>`` and the page URL, stripped of its fragment and classified as a site page, an image,
an attachment (documents and archives that government sites publish) or an external link.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml import etree  # type: ignore[import-untyped]  # parsel's own parser; no stubs
from parsel import Selector

from govcrawl.crawl.urls import host_of, is_site_host
from govcrawl.extract._dom import element_text, normalize_space
from govcrawl.extract._urls import base_href, resolve_url
from govcrawl.extract.hidden import HiddenContent, hidden_content

logger = logging.getLogger(__name__)

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "HiddenContent",
    "Link",
    "hidden_content",
    "page_links",
    "resolve_url",
]

ATTACHMENT_EXTENSIONS = frozenset({
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z", ".wps",
    ".et", ".txt", ".csv", ".ofd",
})


@dataclass(frozen=True)
class Link:
    """One outgoing reference: absolute URL, the text a reader sees, and its kind
    ("page", "image", "attachment" or "external")."""

    url: str
    anchor: str
    kind: str


def _kind(url: str, tag: str, site_hosts: Collection[str]) -> str:
    if not is_site_host(host_of(url), site_hosts):
        return "external"
    if tag == "img":
        return "image"
    ext = posixpath.splitext(urlsplit(url).path.lower())[1]
    if ext in ATTACHMENT_EXTENSIONS:
        return "attachment"
    return "page"


_IMAGE_ALTS = etree.XPath(".//img/@alt", smart_strings=False)
_REFERENCES = etree.XPath("//a[@href] | //area[@href] | //img[@src] | //iframe[@src]")


def _anchor(node: Any, tag: str) -> str:
    """The text a reader sees for the lxml element ``node`` (a, area, img or iframe)."""
    if tag == "img":
        return normalize_space(node.get("alt") or node.get("title") or "")
    text = element_text(node)
    if not text:
        text = normalize_space(node.get("title") or next(iter(_IMAGE_ALTS(node)), None) or "")
    return text


def page_links(sel: Selector, base_url: str, site_hosts: Collection[str], limit: int = 0) -> list[Link]:
    """All links and embedded resources of a page, deduplicated by URL in document order.

    The first occurrence's anchor text is kept (alt/title for images). ``site_hosts`` are the
    hosts of the inspected site; when empty, the page's own host is used. ``limit`` (0: none) stops
    at that many distinct links: a page with 50,000 links (a hacked page, a generated index) must not
    become 50,000 checks and rows.
    """
    hosts: Collection[str] = site_hosts or (host_of(base_url),)
    base = base_href(sel, base_url)
    seen: dict[str, Link] = {}
    for node in _REFERENCES(sel.root):
        tag = (node.tag or "").lower()
        raw = node.get("href") if tag in ("a", "area") else node.get("src")
        if raw is None:
            continue
        url = resolve_url(raw, base)
        if url is None:
            continue
        anchor = _anchor(node, tag)
        existing = seen.get(url)
        if existing is None and limit and len(seen) >= limit:
            break
        if existing is None:
            seen[url] = Link(url, anchor, _kind(url, tag, hosts))
        elif not existing.anchor and anchor:
            seen[url] = Link(url, anchor, existing.kind)
    return list(seen.values())
