"""What a column (list) page shows, gathered from naming, list detection, pagination and emptiness."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from lxml import etree  # type: ignore[import-untyped]  # parsel's own parser; no stubs
from parsel import Selector

from govcrawl.extract._dom import element_text, normalize_space, per_document
from govcrawl.extract.columns.empty import empty_list_block, empty_marker
from govcrawl.extract.columns.lists import ListEntry, list_entries
from govcrawl.extract.columns.naming import breadcrumb, classify_column, column_name
from govcrawl.extract.columns.pagination import pager_total, pagination_links, script_pager
from govcrawl.extract.metadata import page_metadata
from govcrawl.settings import GOVCRAWL_MAX_PAGINATION

__all__ = ["ColumnInfo", "column_info"]


@dataclass(frozen=True)
class ColumnInfo:
    """What a column (list) page shows: its name and class, the items on this page, the newest
    item date, whether it is empty (and the marker text that says so), further list pages and
    the column's total number of items when its pager says it (共29条, 共29行, 找到29条结果), and
    whether its pager is built by a script whose page addresses cannot be computed (``script_pager``:
    the crawl reads page 1 only and says so)."""

    name: str
    cls: str
    items: tuple[ListEntry, ...]
    newest_date: date | None
    item_count: int
    empty: bool
    empty_marker: str | None
    next_pages: tuple[str, ...]
    pager_total: int | None = None
    script_pager: bool = False


_ARTICLE_MIN_CHARS = 200


_PARAGRAPH_PARENTS = etree.XPath("//*[p or br]")
_CHILD_PARAGRAPHS = etree.XPath("./p")
_DIRECT_TEXT = etree.XPath("./text()", smart_strings=False)


@per_document
def _paragraph_runs(sel: Selector) -> tuple[tuple[tuple[str, ...], int], ...]:
    """Per element holding paragraphs or line breaks (not body/html): the texts of its child p
    (scripts left out) and the length of its own text; read once a page, for both calls below."""
    runs = []
    for parent in _PARAGRAPH_PARENTS(sel.root):
        if parent.tag in ("body", "html"):
            continue
        chunks = tuple(element_text(p, scripts=False) for p in _CHILD_PARAGRAPHS(parent))
        runs.append((chunks, len(normalize_space(" ".join(_DIRECT_TEXT(parent))))))
    return tuple(runs)


def _article_body_chars(sel: Selector, list_titles: Sequence[str]) -> int:
    """Length of the longest run of paragraph text under one parent (the article body)."""
    titles = set(list_titles)
    return max((sum(len(c) for c in chunks if c not in titles) + direct for chunks, direct in _paragraph_runs(sel)),
               default=0)


def column_info(sel: Selector, url: str, classes: Mapping[str, Sequence[str]],
                as_of: date | None = None, max_pages: int = GOVCRAWL_MAX_PAGINATION) -> ColumnInfo | None:
    """What the page shows as a column (list) page, or None when it is not one.

    An article page with a sidebar of related links is not a list page: when the page has an
    article body (a run of paragraph text longer than the list) it is an article. A page with
    no items is an (empty) list page only when it shows an empty marker (共0条 included) or an
    empty list block (an empty ul/ol or header-only table under a breadcrumb or ColumnName); a
    栏目导航 page that links its sub-columns has no empty block and is not one.
    """
    pages = pagination_links(sel, url, max_pages)
    entries = list_entries(sel, url, minimum=1 if pages else 3, as_of=as_of)
    meta = page_metadata(sel)
    name = column_name(sel, entries[0].title if entries else None) or ""
    if entries:
        list_chars = sum(len(e.title) for e in entries)
        body = _article_body_chars(sel, [e.title for e in entries])
        if body >= _ARTICLE_MIN_CHARS and body > list_chars:
            return None
        if meta.get("ArticleTitle") and not pages and len(entries) < 10:
            return None
        newest = max((e.date for e in entries if e.date is not None), default=None)
        return ColumnInfo(name, classify_column(name, classes), tuple(entries), newest, len(entries),
                          False, None, tuple(pages), pager_total(sel), script_pager(sel, pages))
    if meta.get("ArticleTitle") or _article_body_chars(sel, []) >= _ARTICLE_MIN_CHARS:
        return None
    marker = empty_marker(sel)
    named = bool(meta.get("ColumnName") or breadcrumb(sel))
    if marker is None and not ((named or pages) and empty_list_block(sel, named)):
        return None
    return ColumnInfo(name, classify_column(name, classes), (), None, 0, True, marker, tuple(pages), pager_total(sel),
                      script_pager(sel, pages))
