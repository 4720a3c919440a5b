"""Which column a list page belongs to, from its URL alone: one column across all its pager pages.

A column is its site's list URL family, not one page: ``/tzgg/``, ``/tzgg/index.html``,
``/tzgg/index_3.html`` (TRS ``createPageHTML``), ``/tzgg/list_2.html``, ``/tzgg/tzgg_4.html``,
``/tzgg/?page=3``, ``list.jsp?pageNo=2`` and Hanweb's ``col.jsp?uid=…&pageNum=2`` all name the
column of its first page. Rows are keyed by that first page, so a column paged in ten pages is one
row, whichever of its pages the crawl reached first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["ColumnPage", "column_page"]

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
