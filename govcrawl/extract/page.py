"""Everything extraction sees in one page, gathered into one value (``PageFacts``).

The spider calls ``extract_page`` once per fetched HTML page; rules read the facts, never the
HTML. ``facts_to_json`` is the form ``scrapy explain`` prints and items carry.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from lxml import etree  # type: ignore[import-untyped]  # parsel's own parser; no stubs
from parsel import Selector

from govcrawl.extract._dom import document_text, element_text, node_text, normalize_space, script_texts
from govcrawl.extract.accessibility import Accessibility, accessibility
from govcrawl.extract.columns import ColumnInfo, ListEntry, column_info, homepage_newest
from govcrawl.extract.dates import PublishDate, publish_date
from govcrawl.extract.footer import Footer, footer_ids
from govcrawl.extract.guides import Guide, service_guide
from govcrawl.extract.hidden import head_texts, redirects
from govcrawl.extract.links import HiddenContent, Link, hidden_content, page_links
from govcrawl.extract.mailbox import Message, is_mailbox_page, mailbox_entries
from govcrawl.extract.metadata import missing_metadata, page_metadata
from govcrawl.extract.search import SearchOffer, search_offer
from govcrawl.settings import GOVCRAWL_MAX_LINKS_PER_PAGE, GOVCRAWL_MAX_PAGINATION

logger = logging.getLogger(__name__)

__all__ = [
    "PAGE_KINDS",
    "PageFacts",
    "extract_page",
    "facts_to_json",
    "is_home_url",
    "page_kind",
    "page_title",
    "visible_text",
]

PAGE_KINDS = ("home", "list", "article", "guide", "mailbox", "other")


def visible_text(sel: Selector) -> str:
    """Text of the body as a reader sees it: no script/style/noscript/template/head, spaces
    collapsed, block boundaries (div, p, li, tr, br …) as newlines."""
    return document_text(sel)


_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|\s-\s|–|—)\s*")


def page_title(sel: Selector) -> str:
    """The page's title as a reader sees it (a list page's is its column name, see
    ``extract_page``): the ArticleTitle meta, else the content's h1
    (an h1 that only wraps the site logo is skipped), else the <title> without the site-name
    suffix ("统计公报_平潭综合实验区党工委管委会" → "统计公报")."""
    meta = page_metadata(sel).get("ArticleTitle")
    if meta:
        return normalize_space(meta)
    first = sel.xpath("//title")[:1]  # template fragments pasted into the body bring their own <title>
    title = normalize_space(" ".join(first.xpath(".//text()").getall()))
    for h1 in sel.xpath("//h1"):
        text = node_text(h1, scripts=False)
        if len(text) >= 4 and not (h1.xpath(".//img") and len(text) < 12 and text in title[:12]):
            return text
    parts = [p for p in _TITLE_SPLIT.split(title) if p]
    return parts[0] if len(parts) > 1 and len(parts[0]) >= 2 else title


def is_home_url(url: str) -> bool:
    """True when the URL's path is "", "/", or an index page at the root."""
    path = urlsplit(url).path
    return path in ("", "/") or re.fullmatch(r"/(?:index|default)\.(?:s?html?|jsp|php|aspx?)", path) is not None


_PARAGRAPHS = etree.XPath("//p")


def page_kind(sel: Selector, url: str, is_home: bool, column: ColumnInfo | None, guide: Guide | None,
              mailbox: bool) -> str:
    """home, list, article, guide, mailbox or other.

    The homepage is "home" whatever it shows; a mailbox list and a service guide come next; a
    page with a main list (or an empty column) is "list"; a page with a title and an article body
    or a publish date is "article".
    """
    if is_home:
        return "home"
    if mailbox:
        return "mailbox"
    if guide is not None:
        return "guide"
    if column is not None:
        return "list"
    meta = page_metadata(sel)
    if meta.get("ArticleTitle") or meta.get("PubDate"):
        return "article"
    paragraphs = sum(len(element_text(p)) for p in _PARAGRAPHS(sel.root))
    if paragraphs >= 200 or (publish_date(sel).date is not None and paragraphs >= 50):
        return "article"
    return "other"


@dataclass(frozen=True)
class PageFacts:
    """What one page shows, for the rules and for ``scrapy explain``.

    ``head`` holds the <title>, meta keywords and meta description as written (what a 标题劫持
    rewrites); ``redirects`` the other hosts a meta refresh or script sends the reader to.
    ``script_ratio`` is the fraction of body bytes inside <script> (a high ratio with no list
    suggests the page needs JavaScript rendering); ``has_list_scripts`` is True when scripts build
    lists (JSON arrays with dates, ajax/fetch list calls, template rendering).
    """

    url: str
    kind: str
    title: str
    text: str
    publish_date: PublishDate
    metadata: dict[str, str]
    missing_metadata: tuple[str, ...]
    footer: Footer
    links: tuple[Link, ...]
    hidden: tuple[HiddenContent, ...]
    head: tuple[tuple[str, str], ...]
    redirects: tuple[str, ...]
    column: ColumnInfo | None
    homepage_newest: ListEntry | None
    guide: Guide | None
    mailbox: tuple[Message, ...]
    script_ratio: float
    has_list_scripts: bool
    links_capped: int = 0  # the page names more links than this cap (GOVCRAWL_MAX_LINKS_PER_PAGE): the rest unread
    search: SearchOffer | None = None  # the homepage's site search (搜索功能缺失)
    accessibility: Accessibility | None = None  # 适老化与无障碍


def script_ratio(sel: Selector, html: str) -> float:
    """Fraction of the page's characters that sit inside <script> elements."""
    scripts = sum(len(s) for s in script_texts(sel))
    return round(scripts / len(html), 3) if html else 0.0


_LIST_SCRIPT = re.compile(
    r"""\$\.(?:ajax|get|post|getJSON)\s*\(|fetch\s*\(|axios\.|XMLHttpRequest|\.load\s*\(|ms-repeat|v-for"""
    r"""|template\s*\(|laytpl|art-template|Handlebars|Mustache|createPageHTML|\bpageChnlInfo\b"""
)
_JSON_DATE = re.compile(r"""["'](?:\w*(?:date|time|Date|Time)\w*)["']\s*:\s*["']\d{4}-\d{2}-\d{2}""")


def has_list_scripts(sel: Selector, html: str) -> bool:
    """True when scripts build lists: JSON data with dates, ajax/fetch calls, template rendering."""
    scripts = "\n".join(script_texts(sel))
    if _JSON_DATE.search(scripts) or _LIST_SCRIPT.search(scripts):
        return True
    return bool(sel.xpath("//*[@ms-repeat or @v-for or @ng-repeat or @x-for]"))


def _dated(published: PublishDate, as_of: date | None) -> PublishDate:
    """The publish date, with a note when it lies after the inspection date: a fact for the rule on
    伪造发稿日期 to judge (extraction only records it, next to a meta/visible disagreement)."""
    if as_of is None or published.date is None or published.date <= as_of:
        return published
    note = f"{published.source} date {published.date.isoformat()} is after as_of {as_of.isoformat()}"
    return replace(published, conflict=f"{published.conflict}; {note}" if published.conflict else note)


def extract_page(html: str, url: str, *, is_home: bool, site_hosts: Collection[str],
                 classes: Mapping[str, Sequence[str]], as_of: date | None = None, linked_css: str = "",
                 max_pagination: int = GOVCRAWL_MAX_PAGINATION,
                 max_links: int = GOVCRAWL_MAX_LINKS_PER_PAGE) -> PageFacts:
    """Run every extractor over one decoded HTML page.

    ``linked_css`` holds the hiding rules of the page's same-site stylesheets, when the crawl read them.
    ``as_of`` (the inspection date) dates list items printed without a year. ``max_pagination``
    (the site's GOVCRAWL_MAX_PAGINATION) bounds the further list pages a column page names, and
    ``max_links`` (GOVCRAWL_MAX_LINKS_PER_PAGE) the links read from it.
    """
    sel = Selector(text=html or "<html></html>")
    meta = page_metadata(sel)
    column = None if is_home else column_info(sel, url, classes, as_of, max_pagination)
    guide = None if is_home else service_guide(sel)
    mailbox = False if is_home else is_mailbox_page(sel)
    kind = page_kind(sel, url, is_home, column, guide, mailbox)
    links = page_links(sel, url, site_hosts, max_links)
    return PageFacts(
        url=url,
        kind=kind,
        title=column.name if kind == "list" and column is not None and column.name else page_title(sel),
        text=visible_text(sel),
        publish_date=_dated(publish_date(sel), as_of) if kind in ("article", "guide", "other")
        else PublishDate(None, "none"),
        metadata=meta,
        missing_metadata=missing_metadata(meta, kind),
        footer=footer_ids(sel),
        links=tuple(links),
        hidden=tuple(hidden_content(sel, url, site_hosts, linked_css)),
        head=head_texts(sel),
        redirects=redirects(sel, url, site_hosts),
        column=column if kind == "list" else None,
        homepage_newest=homepage_newest(sel, url, as_of) if is_home else None,
        guide=guide,
        mailbox=tuple(mailbox_entries(sel, url)) if mailbox else (),
        script_ratio=script_ratio(sel, html),
        has_list_scripts=has_list_scripts(sel, html),
        links_capped=max_links if max_links and len(links) >= max_links else 0,
        search=search_offer(sel, url) if is_home else None,
        accessibility=accessibility(sel, is_home),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def facts_to_json(facts: PageFacts) -> dict[str, Any]:
    """PageFacts as plain JSON data (dates as ISO strings, tuples as lists)."""
    data: dict[str, Any] = _jsonable(asdict(facts))
    return data
