"""Pagination: a list's further pages, the pager's item total, pagers only a script can follow, and
the column a page belongs to.

Which column a list page belongs to: one column across all its pager pages.

A column is its site's list URL family, not one page: ``/tzgg/``, ``/tzgg/index.html``,
``/tzgg/index_3.html`` (TRS ``createPageHTML``), ``/tzgg/list_2.html``, ``/tzgg/tzgg_4.html``,
``/tzgg/?page=3``, ``list.jsp?pageNo=2`` and Hanweb's ``col.jsp?uid=…&pageNum=2`` all name the
column of its first page. Rows are keyed by that first page, so a column paged in ten pages is one
row, whichever of its pages the crawl reached first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parsel import Selector

from govcrawl.extract._dom import normalize_space, selector_text
from govcrawl.extract._urls import base_href, resolve_url

_NEXT_WORDS = ("下一页", "下页", "尾页", "末页", "最后一页", "后页", "next", "last", ">", ">>", "»", "›")
_PAGER_ATTR = (
    "//*[contains(translate(@class,'PAGINEFY','paginefy'),'page')"
    " or contains(translate(@id,'PAGINEFY','paginefy'),'page')"
    " or contains(translate(@class,'PAGINEFY','paginefy'),'fenye')"
    " or contains(translate(@id,'PAGINEFY','paginefy'),'fenye')"
    " or contains(translate(@class,'PAGINEFY','paginefy'),'pagin')]"
)
_CREATE_PAGE = re.compile(
    r"createPage(?:HTML)?\s*\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w.-]+)['\"]\s*,"
    r"\s*['\"](\w+)['\"]"
)
_PAGE_VARS = re.compile(r"(?:countPage|pageCount|totalPage|page_count)\s*=\s*['\"]?(\d+)")
_MAX_PAGES = 50


def pagination_links(sel: Selector, base_url: str) -> list[str]:
    """Further pages of a list: 下一页/尾页/next links, numbered page links in a pager block, and
    the pages a ``createPageHTML(total, current, "index", "html")`` script (TRS CMS) would
    build: index_1.html … index_{total-1}.html. The current page is left out."""
    base = base_href(sel, base_url)
    current = base_url.split("#")[0]
    urls: list[str] = []

    def add(raw: str) -> None:
        url = resolve_url(raw, base)
        if url and url != current and url not in urls and len(urls) < _MAX_PAGES:
            urls.append(url)

    for link in sel.xpath("//a[@href]"):
        text = normalize_space(" ".join(link.xpath(".//text()").getall())).lower()
        title = (link.attrib.get("title") or "").strip().lower()
        if text in _NEXT_WORDS or title in ("下一页", "尾页", "next"):
            add(link.attrib["href"])
    for pager in sel.xpath(_PAGER_ATTR):
        if pager.root.tag in ("body", "html"):
            continue
        for link in pager.xpath(".//a[@href]"):
            text = normalize_space(" ".join(link.xpath(".//text()").getall()))
            if text.isdigit():
                add(link.attrib["href"])
    for script in sel.xpath("//script/text()").getall():
        m = _CREATE_PAGE.search(script)
        if not m:
            continue
        total, _current, stem, ext = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        for i in range(1, min(total, _MAX_PAGES + 1)):
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
        text = normalize_space(" ".join(link.xpath(".//text()").getall())).lower()
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


# --------------------------------------------------------------------------- column identity

# index_3.html, list_2.shtml, tzgg_4.htm, index-2.html: the pager's numbered pages of a static CMS.
_NUMBERED_FILE = re.compile(r"^(?P<stem>[A-Za-z]\w*?)[_-](?P<n>\d{1,4})\.(?P<ext>s?html?)$")
_INDEX_FILE = re.compile(r"^(?:index|default)\.(?:s?html?|jsp|php|aspx?)$")
# Query parameters that only choose a page of the same list.
_PAGE_PARAMS = frozenset({"page", "pageno", "pagenum", "pageindex", "curpage", "currpage", "pn", "currentpage",
                          "page_no", "pagenumber", "startrecord", "endrecord", "perpage"})

# Parameters only a pager adds: Hanweb's list module id (col/col12/index.html?uid=45&pageNum=2 is
# page 2 of col/col12/index.html, whose own URL carries no uid).
_PAGER_COMPANIONS = frozenset({"uid"})


@dataclass(frozen=True)
class ColumnPage:
    """``key`` is the URL of the column's first page; ``page`` the pager number read from the
    URL (None for the first page itself); ``pager`` names the URL pattern that was read."""

    key: str
    page: int | None
    pager: str


def column_page(url: str) -> ColumnPage:
    """The column ``url`` is a page of, read from the URL alone."""
    parts = urlsplit(url.split("#")[0])
    path = parts.path or "/"
    head, _, name = path.rpartition("/")
    page: int | None = None
    pager = "none"
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if k.lower() not in _PAGE_PARAMS]
    if len(kept) != len(query):
        kept = [(k, v) for k, v in kept if k.lower() not in _PAGER_COMPANIONS]
        number = next((v for k, v in query if k.lower() in _PAGE_PARAMS and v.isdigit()), "")
        page = int(number) if number and int(number) > 1 else None
        pager = "query"
    numbered = _NUMBERED_FILE.match(name)
    if numbered and (numbered["stem"].lower() in ("index", "list", "default")
                     or head.rsplit("/", 1)[-1] == numbered["stem"]):
        page, pager = int(numbered["n"]) + (1 if numbered["stem"].lower() == "index" else 0), "file"
        name = ""
    elif _INDEX_FILE.match(name) and not kept:
        name = ""
    key = urlunsplit((parts.scheme, parts.netloc.lower(), f"{head}/{name}", urlencode(kept), ""))
    return ColumnPage(key, page, pager)
