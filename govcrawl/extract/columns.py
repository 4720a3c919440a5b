"""Columns (栏目): the list pages whose newest item date the staleness indicators judge.

栏目不更新 counts back from the newest item of a column's list page; 空白栏目 needs to know that a
column lists nothing ("暂无信息", an empty list). Government CMSs render lists as ul/li, tables or
divs, with the date before or after the title, in a span/td/em, in brackets, in the link's title
attribute or only in the article URL, so the main list is found by structure: the container whose
repeated children each hold one title link and a date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from parsel import Selector

from govcrawl.extract._dom import document_text, normalize_space, selector_text
from govcrawl.extract._urls import base_href, resolve_url
from govcrawl.extract.dates import find_dates, labelled_date, url_date
from govcrawl.extract.metadata import page_metadata
from govcrawl.model.text import to_simplified
from govcrawl.settings import GOVCRAWL_MAX_PAGINATION

logger = logging.getLogger(__name__)

__all__ = [
    "EMPTY_MARKERS",
    "ColumnInfo",
    "ListEntry",
    "classify_column",
    "column_info",
    "column_name",
    "empty_marker",
    "homepage_newest",
    "list_entries",
    "pager_total",
    "pagination_links",
]


@dataclass(frozen=True)
class ListEntry:
    """One item of a list: title, absolute URL, date shown (None when none).

    ``date_source`` is "text" for a date the reader sees and "url" for one read from the URL path.
    """

    title: str
    url: str
    date: date | None
    date_source: str = "text"


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


# --------------------------------------------------------------------------- classification


def classify_column(name: str, classes: Mapping[str, Sequence[str]]) -> str:
    """The first class (in table order) whose keyword occurs in ``name``, else "other".
    A name in Traditional characters (工作動態) is read in Simplified ones."""
    name = to_simplified(name)
    for cls, keywords in classes.items():
        if any(keyword and keyword in name for keyword in keywords):
            return cls
    return "other"


# --------------------------------------------------------------------------- column name

# "您的当前位置：", "您现在的位置是：", or a bare "您的当前位置" ending its own text node (a bare
# "位置" is not enough: 地理位置 is a heading of 县情概况 pages).
_CRUMB_LABEL = re.compile(
    r"(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|所在位置|当前页面|位置)是?\s*[:：]"
    r"|(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|所在位置)\s*$")
_CRUMB_SEPARATORS = re.compile(r"\s*(?:>>|>|»|＞|›|→|/|\||·|－|—)\s*")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\s-\s|-|\||–|—|｜)\s*")
_CRUMB_ATTR = (
    "//*[contains(translate(@class,'CRUMBPOSITLN','crumbpositln'),'crumb')"
    " or contains(translate(@id,'CRUMBPOSITLN','crumbpositln'),'crumb')"
    " or contains(translate(@class,'CRUMBPOSITLN','crumbpositln'),'position')"
    " or contains(translate(@id,'CRUMBPOSITLN','crumbpositln'),'position')"
    " or contains(translate(@class,'CRUMBPOSITLN','crumbpositln'),'location')"
    " or contains(translate(@id,'CRUMBPOSITLN','crumbpositln'),'location')"
    " or contains(@class,'dqwz') or contains(@id,'dqwz')]"
)


_CRUMB_NOISE = re.compile(r"print|font|size|share|tool|search|weixin|wechat", re.IGNORECASE)


_CURRENT_CRUMB = re.compile(r"[\u4e00-\u9fff][^<>]{0,19}")


def _current_crumb(link: Selector, node: Selector) -> str | None:
    """The unlinked crumb after the trail's last link: "首页 > 政务公开 > 通知公告" where only
    首页 and 政务公开 are links names the current column 通知公告."""
    pieces: list[str] = []
    element, container = link.root, node.root
    while element is not None and element is not container:
        pieces.append(element.tail or "")
        pieces.extend("".join(sibling.itertext()) + (sibling.tail or "") for sibling in element.itersiblings())
        element = element.getparent()
    crumbs = [c.strip(" :：>") for c in _CRUMB_SEPARATORS.split(normalize_space(" ".join(pieces)))]
    crumbs = [c for c in crumbs if c]
    return crumbs[0] if len(crumbs) == 1 and _CURRENT_CRUMB.fullmatch(crumbs[0]) else None


def _crumb_parts(node: Selector) -> list[str]:
    """Crumbs under ``node``: its link texts after any position label, and an unlinked current
    crumb after the last link (plain text when the trail has no links). Links inside
    print/font-size/share widgets are not crumbs."""
    links = [
        link for link in node.xpath(".//a")
        if not any(_CRUMB_NOISE.search(" ".join((a.attrib.get("class") or "", a.attrib.get("id") or "")))
                   for a in link.xpath("ancestor-or-self::*"))
    ]
    if links:
        parts = [normalize_space(" ".join(a.xpath(".//text()").getall())) for a in links]
        current = _current_crumb(links[-1], node)
        return [p.strip(" :：>") for p in [*parts, current or ""] if p.strip(" :：>")]
    texts = [normalize_space(t) for t in node.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
             .getall()]
    parts = []
    for text in texts:
        label = _CRUMB_LABEL.search(text)
        if label:
            parts = []
            text = text[label.end() :]
        for piece in _CRUMB_SEPARATORS.split(text):
            piece = piece.strip(" :：>")
            if piece:
                parts.append(piece)
    return parts


def breadcrumb(sel: Selector) -> list[str]:
    """The crumbs of the page's "当前位置：首页 > 政务公开 > 统计公报" trail, outermost first."""
    label_nodes = sel.xpath(
        "//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::head)]"
        "[contains(., '位置') or contains(., '當前位置') or contains(., '当前页面')]/.."
    )
    for node in label_nodes:
        if not _CRUMB_LABEL.search(normalize_space(" ".join(node.xpath("./text()").getall()))):
            continue
        current = node
        for _ in range(3):
            if current.xpath(".//a") or len(_crumb_parts(current)) >= 2:
                parts = _crumb_parts(current)
                if parts:
                    return parts
            parent = current.xpath("..")
            if not parent:
                break
            current = parent[0]
    for node in sel.xpath(_CRUMB_ATTR):
        if node.root.tag in ("body", "html"):
            continue
        parts = _crumb_parts(node)
        if 1 <= len(parts) <= 8:
            return parts
    return []


_HEADING = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·、（）()]{1,11}")


def _heading_above(sel: Selector, first_item: str) -> str | None:
    """The short line a reader sees right above the list's first item ("政策法规" over its list),
    when it is a plain Chinese heading of 2–12 characters."""
    lines = document_text(sel).split("\n")
    for i, line in enumerate(lines):
        if i and first_item in line:
            above = lines[i - 1].strip()
            return above if _HEADING.fullmatch(above) else None
    return None


def column_name(sel: Selector, first_item: str | None = None) -> str | None:
    """The column's name: ColumnName meta, else the last breadcrumb, else the <title> part
    before a separator ("统计公报_平潭综合实验区" → "统计公报"), else the heading right above
    the list's first item (a <title> without separator is usually the site's name), else the
    <title>."""
    meta = page_metadata(sel).get("ColumnName")
    if meta:
        return meta.strip()
    crumbs = [c for c in breadcrumb(sel) if to_simplified(c) not in ("首页", "正文", "详情", "内容")]
    if crumbs:
        return crumbs[-1]
    title = normalize_space(sel.xpath("//title/text()").get() or "")
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) > 1:
        return parts[0].strip()
    heading = _heading_above(sel, first_item) if first_item else None
    return heading or title or None


# --------------------------------------------------------------------------- list entries

_ITEM_TAGS = ("li", "tr", "div", "dl", "dd", "p", "article", "section")
_TITLE_MIN = 4
_YEAR_IN_URL = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?:[-/]?(?:0[1-9]|1[0-2]))")
_NON_TITLE = re.compile(r"^(?:更多|more|详细|详情|查看|下载|附件|\.\.\.|>>|\s)+$", re.IGNORECASE)


def _item_link(item: Selector) -> tuple[Selector, str] | None:
    """The item's title link: the longest link text (or title attribute) of ≥ 4 characters.

    Returns None when the item holds no such link or too many (a menu or a block of lists).
    """
    best: tuple[Selector, str] | None = None
    count = 0
    for link in item.xpath(".//a[@href]"):
        text = normalize_space(" ".join(link.xpath(".//text()").getall()))
        title_attr = normalize_space(link.attrib.get("title") or "")
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


def _item_date(item: Selector, link: Selector, title: str, url: str,
               default_year: int | None, as_of: date | None) -> tuple[date | None, str]:
    item_text = selector_text(item)
    outside = item_text.replace(title, " ", 1)
    link_text = normalize_space(" ".join(link.xpath(".//text()").getall()))
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
    attr_dates = find_dates(link.attrib.get("title") or "")
    if attr_dates and normalize_space(link.attrib.get("title") or "") != title:
        return attr_dates[0], "text"
    from_url = url_date(url)
    if from_url is not None:
        return from_url, "url"
    return None, "none"


def _conditional(node: Selector) -> bool:
    """True for template elements shown only by a script condition (v-if, ms-if, ng-if …)."""
    return any(
        name.startswith(("v-if", "v-show", "ms-if", "ms-visible", "ng-if", "ng-show", "x-show", ":"))
        for name in node.attrib
    )


def _hidden_inline(node: Selector) -> bool:
    style = (node.attrib.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _children(container: Selector) -> list[Selector]:
    tag = container.root.tag
    if tag == "table":
        rows = container.xpath("./tr | ./tbody/tr")
        return list(rows)
    kids = [k for k in container.xpath("./*") if isinstance(k.root.tag, str) and k.root.tag in _ITEM_TAGS]
    if not kids:
        return []
    counts: dict[str, int] = {}
    for k in kids:
        counts[k.root.tag] = counts.get(k.root.tag, 0) + 1
    main_tag = max(counts, key=lambda t: counts[t])
    return [k for k in kids if k.root.tag == main_tag]


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


def _evaluate(container: Selector, base: str, default_year: int | None,
              as_of: date | None = None) -> _Candidate | None:
    items = _children(container)
    if len(items) < 1:
        return None
    entries: list[ListEntry] = []
    visible = 0
    for item in items:
        if _hidden_inline(item):
            continue
        found = _item_link(item)
        if found is None:
            continue
        link, title = found
        url = resolve_url(link.attrib.get("href", ""), base)
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
    return _Candidate(container.root, tuple(entries), dated, visible)


_CONTAINERS = (
    "//ul | //ol | //table | //tbody[not(parent::table/tr)] | //div"
    " | //dl | //section"
)
_SKIP_ANCESTOR = (
    "ancestor-or-self::nav or ancestor-or-self::footer or ancestor-or-self::header"
    " or ancestor-or-self::*[contains(translate(@class,'FOTMENUAV','fotmenuav'),'footer')]"
    " or ancestor-or-self::*[contains(translate(@id,'FOTMENUAV','fotmenuav'),'footer')]"
)


def _candidates(sel: Selector, base_url: str, default_year: int | None,
                as_of: date | None = None) -> list[_Candidate]:
    base = base_href(sel, base_url)
    found: list[_Candidate] = []
    for container in sel.xpath(_CONTAINERS):
        if container.xpath(_SKIP_ANCESTOR).get() is not None and container.xpath(
            f"boolean({_SKIP_ANCESTOR})"
        ).get() == "1":
            continue
        if _conditional(container) or container.xpath("ancestor::*[@ms-if or @v-if or @ng-if]"):
            continue
        if container.root.tag == "tbody" and container.xpath("parent::table"):
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


# --------------------------------------------------------------------------- pagination

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


# --------------------------------------------------------------------------- empty columns

EMPTY_MARKERS: tuple[str, ...] = (
    "暂无信息", "暂无数据", "暂无内容", "暂无资料", "暂无记录", "暂无相关信息", "暂无相关内容", "暂无文章", "暂无",
    "没有记录", "没有信息", "没有相关信息", "没有数据", "无相关信息", "无相关记录", "无记录",
    "信息正在更新", "正在更新中", "内容正在更新", "栏目正在建设", "正在建设中", "建设中",
    "共0条", "共 0 条", "共0页", "no data", "no records",
)
_SIDEBAR = re.compile(r"side|left|right|aside|sub-?nav|menu|widget|footer|header|nav", re.IGNORECASE)


def _in_sidebar(node: Selector) -> bool:
    for ancestor in node.xpath("ancestor-or-self::*"):
        tag = ancestor.root.tag
        if tag in ("aside", "nav", "footer", "header"):
            return True
        attrs = " ".join((ancestor.attrib.get("class") or "", ancestor.attrib.get("id") or ""))
        if _SIDEBAR.search(attrs):
            return True
    return False


def empty_marker(sel: Selector) -> str | None:
    """The "暂无信息"-style text a page shows in its main content, or None.

    Only a short standalone text counts (the marker is the block's whole message), outside
    sidebars, navigation and footers, and not inside a script template branch (ms-if/v-if …)
    or an inline-hidden element.
    """
    nodes = sel.xpath("//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::head)]/..")
    for node in nodes:
        text = normalize_space(" ".join(node.xpath("./text()").getall()))
        if not text or len(text) > 30:
            continue
        compact = to_simplified(text.replace(" ", ""))
        marker = next((m for m in EMPTY_MARKERS if m.replace(" ", "") in compact), None)
        if marker is None:
            continue
        if marker == "暂无" and len(compact) > 8:
            continue
        hidden = any(_conditional(a) or _hidden_inline(a) for a in node.xpath("ancestor-or-self::*"))
        if hidden or _in_sidebar(node):
            continue
        return text
    return None


# --------------------------------------------------------------------------- column info

_ARTICLE_MIN_CHARS = 200


def _article_body_chars(sel: Selector, list_titles: Sequence[str]) -> int:
    """Length of the longest run of paragraph text under one parent (the article body)."""
    best = 0
    titles = set(list_titles)
    for parent in sel.xpath("//*[p or br]"):
        if parent.root.tag in ("body", "html"):
            continue
        chunks = [normalize_space(" ".join(p.xpath(".//text()[not(ancestor::script)]").getall()))
                  for p in parent.xpath("./p")]
        direct = normalize_space(" ".join(parent.xpath("./text()").getall()))
        total = sum(len(c) for c in chunks if c not in titles) + len(direct)
        best = max(best, total)
    return best


_HEADER_LABELS = frozenset({"标题", "名称", "文件名称", "信息名称", "发布日期", "发布时间", "日期", "时间", "序号",
                            "文号", "索引号", "发文字号", "成文日期", "来源", "发布机构", "浏览次数"})


def _header_only(table: Selector) -> bool:
    """A table holding only its header row (标题 / 发布日期): the list template, with no rows."""
    rows = table.xpath(".//tr")
    if not rows or table.xpath(".//a | .//img | .//table"):
        return False
    cells = [normalize_space(selector_text(c)) for c in table.xpath(".//td | .//th")]
    labels = [c for c in cells if c]
    return bool(labels) and all(c in _HEADER_LABELS for c in labels)


def _empty_list_container(sel: Selector, named: bool) -> bool:
    """An empty list block in the page's content: a ul/ol without items, a header-only table,
    or an empty block named as a list (class/id ``list``). A bare empty ul/ol or header-only
    table counts only under a column name (``named``: a breadcrumb or ColumnName meta), so
    layout leftovers of other pages do not make an empty column."""
    for node in sel.xpath("//ul | //ol | //table | //div"):
        tag = node.root.tag
        listed = "list" in " ".join((node.attrib.get("class") or "", node.attrib.get("id") or "")).lower()
        if not (listed or (named and tag != "div")) or _conditional(node) or _in_sidebar(node):
            continue
        empty = not node.xpath(".//a | .//img") and not normalize_space(selector_text(node))
        if empty and (listed or tag in ("ul", "ol")):
            return True
        if named and tag == "table" and _header_only(node):
            return True
    return False


def column_info(sel: Selector, url: str, classes: Mapping[str, Sequence[str]],
                as_of: date | None = None, max_pages: int = GOVCRAWL_MAX_PAGINATION) -> ColumnInfo | None:
    """What the page shows as a column (list) page, or None when it is not one.

    An article page with a sidebar of related links is not a list page: when the page has an
    article body (a run of paragraph text longer than the list) it is an article. A page with
    no items is an (empty) list page only when it shows an empty marker (共0条 included) or an
    empty list block (an empty ul/ol or header-only table under a breadcrumb or ColumnName); a
    栏目导航 page that links its sub-columns has no empty block and is not one. At most
    ``max_pages`` further list pages are named (``pagination_links``).
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
    if marker is None and not ((named or pages) and _empty_list_container(sel, named)):
        return None
    return ColumnInfo(name, classify_column(name, classes), (), None, 0, True, marker, tuple(pages), pager_total(sel),
                      script_pager(sel, pages))
