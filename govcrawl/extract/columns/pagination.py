"""Pagination: a list's further pages, the pager's item total, pagers only a script can follow.

Which column a page belongs to is read from its URL alone (govcrawl.crawl.column_urls).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree  # type: ignore[import-untyped]  # parsel's own parser; no stubs
from parsel import Selector

from govcrawl.extract._dom import element_text, node_text, normalize_space, script_texts, selector_text
from govcrawl.extract._urls import base_href, resolve_url
from govcrawl.settings import GOVCRAWL_MAX_PAGINATION

__all__ = ["pager_total", "pagination_links", "script_pager"]

_NEXT_WORDS = ("下一页", "下页", "尾页", "末页", "最后一页", "后页", "next", "last", ">", ">>", "»", "›")
_PAGER_ATTR = (
    "//*[@class or @id][contains(translate(@class,'PAGINEFY','paginefy'),'page')"
    " or contains(translate(@id,'PAGINEFY','paginefy'),'page')"
    " or contains(translate(@class,'PAGINEFY','paginefy'),'fenye')"
    " or contains(translate(@id,'PAGINEFY','paginefy'),'fenye')"
    " or contains(translate(@class,'PAGINEFY','paginefy'),'pagin')]"
)
_PAGERS = etree.XPath(_PAGER_ATTR)
_ALL_LINKS = etree.XPath("//a[@href]")
_LINKS = etree.XPath(".//a[@href]")
_CREATE_PAGE = re.compile(
    r"createPage(?:HTML)?\s*\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w.-]+)['\"]\s*,"
    r"\s*['\"](\w+)['\"]"
)
_PAGE_VARS = re.compile(r"(?:countPage|pageCount|totalPage|page_count)\s*=\s*['\"]?(\d+)")


def pagination_links(sel: Selector, base_url: str, max_pages: int = GOVCRAWL_MAX_PAGINATION) -> list[str]:
    """Further pages of a list: 下一页/尾页/next links, numbered page links in a pager block, and
    the pages a ``createPageHTML(total, current, "index", "html")`` script (TRS CMS) would
    build: index_1.html … index_{total-1}.html. The current page is left out; at most
    ``max_pages`` (the site's GOVCRAWL_MAX_PAGINATION) are named."""
    base = base_href(sel, base_url)
    current = base_url.split("#")[0]
    urls: list[str] = []

    def add(raw: str) -> None:
        url = resolve_url(raw, base)
        if url and url != current and url not in urls and len(urls) < max_pages:
            urls.append(url)

    for link in _ALL_LINKS(sel.root):
        text = element_text(link).lower()
        title = (link.get("title") or "").strip().lower()
        if text in _NEXT_WORDS or title in ("下一页", "尾页", "next"):
            add(link.get("href"))
    for pager in _PAGERS(sel.root):
        if pager.tag in ("body", "html"):
            continue
        for link in _LINKS(pager):
            text = element_text(link)
            if text.isdigit():
                add(link.get("href"))
    for script in script_texts(sel):
        m = _CREATE_PAGE.search(script)
        if not m:
            continue
        total, _current, stem, ext = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        for i in range(1, min(total, max_pages + 1)):
            add(f"{stem}_{i}.{ext}")
    return urls


_PAGE_COUNT = re.compile(r"共\s*(\d{1,5})\s*页")
_PAGER_NAME = re.compile(r"page_?bar|pager|pagination|fenye|pgbar", re.IGNORECASE)
_TEMPLATE_ATTRS = ("ms-", "v-", ":", "x-", "data-bind", "ng-")


def script_pager(sel: Selector, next_pages: Sequence[str]) -> bool:
    """True when the page shows a pager that leads on (下一页/尾页 links, or 共N页 with N > 1) but no
    further page address could be read or computed: its links run a script (``javascript:``,
    ``#``) or a template (avalon, Vue) builds them in the browser."""
    if next_pages:
        return False
    for link in sel.xpath("//a"):
        text = node_text(link).lower()
        if text in _NEXT_WORDS and text not in (">", "›"):
            href = (link.attrib.get("href") or "").strip().lower()
            if not href or href.startswith(("javascript:", "#")):
                return True
    for node in sel.xpath("//*[not(self::script or self::style)][text()[contains(., '页')]]"):
        m = _PAGE_COUNT.search(normalize_space(node.xpath("string(.)").get() or ""))
        if m and int(m.group(1)) > 1:
            return True
    for node in sel.xpath("//*[@*]"):
        attrs = node.root.attrib
        if not _PAGER_NAME.search(" ".join(str(v) for v in attrs.values())):
            continue
        # an empty pager block that a template library (avalon ms-*, Vue v-*/:…, knockout, Angular) fills
        templated = any(str(k).startswith(_TEMPLATE_ATTRS) for k in attrs)
        if templated and not node.xpath(".//a") and not normalize_space(selector_text(node)):
            return True
    return False


_PAGER_TOTAL = re.compile(r"(?:共|共有|总共|找到|总计)\s*(\d{1,7})\s*(?:条|篇|行|项)")


def pager_total(sel: Selector) -> int | None:
    """The total a pager states ("共29条记录", "每页20行 共29行 共2页", "找到4165条结果"), from the
    text of the elements that hold one, the number often in a span of its own (the first such
    statement wins)."""
    for node in sel.xpath("//*[not(self::script or self::style)]"
                          "[text()[contains(., '共') or contains(., '找到') or contains(., '总计')]]"):
        m = _PAGER_TOTAL.search(normalize_space(node.xpath("string(.)").get() or ""))
        if m:
            return int(m.group(1))
    return None
