"""List detection: the container whose repeated children each hold one title link and a date.

Government CMSs render lists as ul/li, tables or divs, with the date before or after the title, in a
span/td/em, in brackets, in the link's title attribute or only in the article URL, so the main list is
found by structure, not by class names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # parsel's own parser; no stubs
from parsel import Selector

from govcrawl.extract._dom import element_text, element_visible_text, normalize_space
from govcrawl.extract._urls import base_href, resolve_url
from govcrawl.extract.columns._nodes import conditional, hidden_inline
from govcrawl.extract.dates import article_url_date, find_dates, labelled_date

__all__ = ["ListEntry", "homepage_newest", "list_entries"]


@dataclass(frozen=True)
class ListEntry:
    """One item of a list: title, absolute URL, date shown (None when none).

    ``date_source`` is "text" for a date the reader sees and "url" for one read from the URL path.
    """

    title: str
    url: str
    date: date | None
    date_source: str = "text"


_ITEM_TAGS = ("li", "tr", "div", "dl", "dd", "p", "article", "section")
_TITLE_MIN = 4
_YEAR_IN_URL = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?:[-/]?(?:0[1-9]|1[0-2]))")
_NON_TITLE = re.compile(r"^(?:更多|more|详细|详情|查看|下载|附件|\.\.\.|>>|\s)+$", re.IGNORECASE)


_LINKS = etree.XPath(".//a[@href]")


def _item_link(item: Any) -> tuple[Any, str] | None:
    """The title link of the lxml element ``item``: the longest link text (or title attribute) of
    ≥ 4 characters.

    Returns None when the item holds no such link or too many (a menu or a block of lists).
    """
    best: tuple[Any, str] | None = None
    count = 0
    for link in _LINKS(item):
        text = element_text(link)
        title_attr = normalize_space(link.get("title") or "")
        if len(title_attr) > len(text) and (text.endswith(("...", "…")) or len(text) < _TITLE_MIN):
            text = title_attr
        if len(text) < _TITLE_MIN or _NON_TITLE.match(text):
            continue
        count += 1
        if best is None or len(text) > len(best[1]):
            best = (link, text)
    if count > 3:
        return None
    return best


def _item_date(item: Any, link: Any, title: str, url: str,
               default_year: int | None, as_of: date | None) -> tuple[date | None, str]:
    item_text = element_visible_text(item)
    outside = item_text.replace(title, " ", 1)
    link_text = element_text(link)
    if link_text and link_text != title:
        outside = outside.replace(link_text, " ", 1)
    year = default_year
    if year is None:
        m = _YEAR_IN_URL.search(url)
        year = int(m.group(1)) if m else None
    labelled = labelled_date(outside)  # a search hit's 发布时间 beats dates quoted in its summary
    if labelled is not None:
        return labelled, "text"
    dates = find_dates(outside, default_year=year)
    if not dates and year is None and as_of is not None:
        dates = _yearless_dates(outside, as_of)
    if dates:
        return max(dates), "text"
    attr_dates = find_dates(link.get("title") or "")
    if attr_dates and normalize_space(link.get("title") or "") != title:
        return attr_dates[0], "text"
    from_url = article_url_date(url)
    if from_url is not None:
        return from_url, "url"
    return None, "none"


_TABLE_ROWS = etree.XPath("./tr | ./tbody/tr")


def _children(container: Any) -> list[Any]:
    """The repeated item elements of the lxml element ``container``: a table's rows, else its
    children of the most frequent item tag."""
    if container.tag == "table":
        return list(_TABLE_ROWS(container))
    kids = [k for k in container if isinstance(k.tag, str) and k.tag in _ITEM_TAGS]
    if not kids:
        return []
    counts: dict[str, int] = {}
    for k in kids:
        counts[k.tag] = counts.get(k.tag, 0) + 1
    main_tag = max(counts, key=lambda t: counts[t])
    return [k for k in kids if k.tag == main_tag]


def _has_link(node: Any) -> bool:
    """True when the lxml element ``node`` holds an ``a`` element with an href (``.//a[@href]``)."""
    return any(a.get("href") is not None for a in node.iter("a"))


def _may_hold_items(node: Any) -> bool:
    """False when ``_children`` is sure to find no item under the lxml element ``node`` (a cheap
    test on its direct children, run before the XPath tests of every container)."""
    if node.tag == "table":
        return any(child.tag == "tr" or (child.tag == "tbody" and child.find("tr") is not None) for child in node)
    return any(isinstance(child.tag, str) and child.tag in _ITEM_TAGS for child in node)


@dataclass(frozen=True)
class _Candidate:
    node: Any
    entries: tuple[ListEntry, ...]
    dated: int
    visible_dated: int


def _yearless_dates(text: str, as_of: date) -> list[date]:
    """Dates shown as "11-18" or "11月18日" read as the latest such day not after ``as_of``.

    Lists print the year only once (or never) and run newest first, so a day later in the year
    than the inspection date belongs to the year before.
    """
    out: list[date] = []
    for d in find_dates(text, default_year=as_of.year):
        if d > as_of:
            try:
                d = d.replace(year=d.year - 1)
            except ValueError:  # 29 February of a leap year, read against a common year
                continue
        out.append(d)
    return out


def _evaluate(container: Any, base: str, default_year: int | None,
              as_of: date | None = None) -> _Candidate | None:
    items = _children(container)
    if len(items) < 1:
        return None
    if sum(1 for item in items if _has_link(item)) * 2 < len(items):
        return None  # at most one entry per linked item: too few for the test below (paragraphs of an article)
    entries: list[ListEntry] = []
    visible = 0
    for item in items:
        if hidden_inline(item):
            continue
        found = _item_link(item)
        if found is None:
            continue
        link, title = found
        url = resolve_url(link.get("href", ""), base)
        if url is None:
            continue
        d, source = _item_date(item, link, title, url, default_year, as_of)
        if source == "text":
            visible += 1
        entries.append(ListEntry(title, url, d, source if d else "text"))
    if not entries:
        return None
    dated = sum(1 for e in entries if e.date is not None)
    # Mostly dated, and mostly made of title items.
    if dated * 2 < len(entries) or len(entries) * 2 < len(items):
        return None
    return _Candidate(container, tuple(entries), dated, visible)


_CONTAINERS = (
    "//ul | //ol | //table | //tbody[not(parent::table/tr)] | //div"
    " | //dl | //section"
)
_SKIP_ANCESTOR = (
    "ancestor-or-self::nav or ancestor-or-self::footer or ancestor-or-self::header"
    " or ancestor-or-self::*[@class][contains(translate(@class,'FOTMENUAV','fotmenuav'),'footer')]"
    " or ancestor-or-self::*[@id][contains(translate(@id,'FOTMENUAV','fotmenuav'),'footer')]"
)
_CONTAINER_NODES = etree.XPath(_CONTAINERS)
# Inside a nav/header/footer, or shown only by a script condition of an ancestor (ms-if, v-if, ng-if).
_SKIPPED = etree.XPath(f"boolean({_SKIP_ANCESTOR} or ancestor::*[@ms-if or @v-if or @ng-if])")


def _candidates(sel: Selector, base_url: str, default_year: int | None,
                as_of: date | None = None) -> list[_Candidate]:
    base = base_href(sel, base_url)
    found: list[_Candidate] = []
    for container in _CONTAINER_NODES(sel.root):
        if not _may_hold_items(container):
            continue  # most divs: settled here, before the ancestor tests below
        if conditional(container) or _SKIPPED(container):
            continue
        parent = container.getparent()
        if container.tag == "tbody" and parent is not None and parent.tag == "table":
            continue  # evaluated through its table
        candidate = _evaluate(container, base, default_year, as_of)
        if candidate is not None:
            found.append(candidate)
    return found


def _dedupe(entries: Sequence[ListEntry]) -> list[ListEntry]:
    seen: set[tuple[str, str]] = set()
    out = []
    for e in entries:
        key = (e.url, e.title)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _main_candidates(cands: list[_Candidate], minimum: int) -> list[_Candidate]:
    if not cands:
        return []
    best = max(cands, key=lambda c: (c.visible_dated, c.dated, len(c.entries)))
    if best.dated < minimum:
        return []
    chosen = [best]
    parent = best.node.getparent()
    grand = parent.getparent() if parent is not None else None
    signature = (best.node.tag, best.node.get("class"))
    for cand in cands:
        if cand is best or cand.dated < 1:
            continue
        node = cand.node
        if (node.tag, node.get("class")) != signature:
            continue
        cand_parent = node.getparent()
        if cand_parent is parent or (
            grand is not None and cand_parent is not None and cand_parent.getparent() is grand
            and cand_parent.tag == parent.tag
        ):
            chosen.append(cand)
    scope = grand if grand is not None else parent
    order = {id(el): i for i, el in enumerate(scope.iter())} if scope is not None else {}
    chosen.sort(key=lambda c: order.get(id(c.node), 0))
    return chosen


def list_entries(sel: Selector, base_url: str, *, default_year: int | None = None,
                 minimum: int = 3, as_of: date | None = None) -> list[ListEntry]:
    """The items of the page's main list of dated links, in page order.

    Every ul/ol, table, div, dl and section whose direct repeated children (li, tr, div, dl/dd, p)
    each hold a title link (≥ 4 characters) and mostly a date is a candidate; the one with the
    most visibly dated entries wins (plus sibling lists of the same kind, for lists split in
    blocks). Menus and footers have no dates and drop out. Fewer than ``minimum`` dated entries
    means no main list (column_info lowers it to 1 when the page has pagination). URL dates
    (/2026-11/18/, /t20261118_, /202611/) are used only for items that show no date. With
    ``as_of``, a date printed without a year ("11-18") is the latest such day not after it.
    """
    cands = _candidates(sel, base_url, default_year, as_of)
    chosen = _main_candidates(cands, minimum)
    entries: list[ListEntry] = []
    for cand in chosen:
        entries.extend(cand.entries)
    return _dedupe(entries)


def homepage_newest(sel: Selector, base_url: str, as_of: date | None = None) -> ListEntry | None:
    """The newest dated item any list on a homepage shows (visible dates preferred over URL dates)."""
    cands = [c for c in _candidates(sel, base_url, None, as_of) if c.dated >= 2]
    visible = [e for c in cands for e in c.entries if e.date is not None and e.date_source == "text"]
    pool = visible or [e for c in cands for e in c.entries if e.date is not None]
    if not pool:
        return None
    return max(pool, key=lambda e: e.date or date.min)


