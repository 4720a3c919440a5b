"""The site search a homepage offers, and what a search results page shows (搜索功能缺失 indicator).

Real homepages offer search in three ways: a GET form with a text input (``<form action="/qwjs/">
<input name="searchword">``, often to a 集约化 search host such as ``search.gd.gov.cn`` or
``was.ordos.gov.cn/was40/search``); a text input whose button runs a script that builds the search
address (``location.href='/search/?q='+…``); or a script-driven box whose address only the script
knows (``goSearch(this)`` in an external file, an avalon ``ms-attr-action``), a POST form, or a link
to a search page. Only the first two can be submitted by a crawler; the third is still an offer
(kind ``unsubmittable``), so a rule can say "unchecked" instead of "missing"; so is any trace of a
search on the page (a ``search`` class, a 搜索 icon, a script naming one), since a box a script draws
leaves no form behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from parsel import Selector

from govcrawl.extract._dom import normalize_space
from govcrawl.extract._urls import base_href, resolve_url

__all__ = ["SUBMITTABLE", "UNSUBMITTABLE", "SearchOffer", "SearchResults", "search_offer", "search_results"]

SUBMITTABLE = "form"  # a GET address govcrawl can fill in
UNSUBMITTABLE = "unsubmittable"  # a search is offered, but only a script, a POST or another page sends it

#: Names real search boxes give their query field.
_QUERY_NAMES = re.compile(r"^(?:q|query|wd|kw|sw|key|keys|word|words|keyword|keywords|searchword|sword|"
                          r"searchkey|searchtext|searchvalue|search|text|title|qt|\w*searchword)$", re.IGNORECASE)
_SEARCH_SIGN = re.compile(r"search|sousuo|jiansuo|qwjs|was40|ssp/|检索|搜索|查询|关键[字词]", re.IGNORECASE)
_TRACE = re.compile(r"search|sousuo|jiansuo|搜\s*索|检\s*索", re.IGNORECASE)
_LINK_TEXT = re.compile(r"^(?:站内|全站|全文|高级)?(?:搜索|检索)$")
# A script or onclick that builds the search address: '/search/?siteid=1&q=' + value
_SCRIPT_URL = re.compile(r"""(["'])((?:https?:)?/[^"'\s<>]*\?(?:[^"'\s<>]*&)?)([A-Za-z_]\w*)=\1\s*\+""")
_TEXT_INPUT = ("//input[(not(@type) or @type='text' or @type='search' or @type='keywords')"
               " and not(@readonly) and not(@disabled)]")


@dataclass(frozen=True)
class SearchOffer:
    """A site search the page offers.

    ``kind`` is SUBMITTABLE (``action`` + ``param`` + the ``fields`` the form sends with it) or
    UNSUBMITTABLE; ``charset`` the form's accept-charset ("" for the page's own); ``seen`` what was
    read, for the evidence.
    """

    kind: str
    action: str
    param: str
    fields: tuple[tuple[str, str], ...]
    charset: str
    seen: str


def _signs(node: Selector) -> str:
    """The attributes and labels that tell a search box from a login or a page-jump box."""
    parts = [node.attrib.get(a, "") for a in ("action", "id", "class", "name", "placeholder", "value", "title",
                                               "aria-label", "onclick", "onsubmit")]
    parts += node.xpath(".//input[@type='submit' or @type='button' or @type='image']/@value"
                        " | .//button//text() | .//input/@placeholder | .//input/@name").getall()
    return " ".join(parts)


def _query_input(form: Selector) -> Selector | None:
    inputs = [i for i in form.xpath("." + _TEXT_INPUT) if i.attrib.get("name")]
    named = [i for i in inputs if _QUERY_NAMES.match(i.attrib["name"])]
    signed = [i for i in inputs if _SEARCH_SIGN.search(_signs(i))]
    chosen = named or signed or inputs
    return chosen[0] if chosen else None


def _fields(form: Selector, param: str) -> tuple[tuple[str, str], ...]:
    fields = [(i.attrib["name"], i.attrib.get("value", "")) for i in form.xpath(".//input[@type='hidden'][@name]")]
    for select in form.xpath(".//select[@name]"):
        value = select.xpath("(.//option[@selected] | .//option)[1]")
        if value:
            fields.append((select.attrib["name"], value[0].attrib.get("value", normalize_space(value[0].xpath(
                "string()").get() or ""))))
    return tuple((k, v) for k, v in fields if k != param)


def _form_offer(form: Selector, base: str) -> SearchOffer | None:
    if form.xpath(".//input[@type='password']"):
        return None  # a login box
    query = _query_input(form)
    if query is None or not (_SEARCH_SIGN.search(_signs(form)) or _QUERY_NAMES.match(query.attrib["name"])):
        return None
    param = query.attrib["name"]
    raw_action = (form.attrib.get("action") or "").strip()
    action = resolve_url(raw_action, base) if raw_action else None
    seen = f'<form action="{raw_action}"> {param}='
    if action is None or (form.attrib.get("method") or "get").strip().lower() != "get":
        return SearchOffer(UNSUBMITTABLE, "", param, (), "", seen)
    charset = (form.attrib.get("accept-charset") or "").split(",")[0].split()[0:1]
    return SearchOffer(SUBMITTABLE, action, param, _fields(form, param), charset[0] if charset else "", seen)


def _script_offer(sel: Selector, base: str) -> SearchOffer | None:
    """A search box outside any usable form: the address its script builds, when the page shows it."""
    boxes = [i for i in sel.xpath(_TEXT_INPUT) if _SEARCH_SIGN.search(_signs(i))]
    if not boxes:
        return None
    code = " ".join(sel.xpath("//@onclick | //@onsubmit | //@onkeydown | //script[not(@src)]/text()").getall())
    for match in _SCRIPT_URL.finditer(code):
        prefix, param = match.group(2), match.group(3)
        if not (_SEARCH_SIGN.search(prefix) or _QUERY_NAMES.match(param)):
            continue
        action = resolve_url(prefix, base)
        if action is None:
            continue
        parts = urlsplit(action)
        fields = tuple(parse_qsl(parts.query, keep_blank_values=True))
        address = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        return SearchOffer(SUBMITTABLE, address, param, fields, "", f"script: {prefix}{param}=")
    return SearchOffer(UNSUBMITTABLE, "", "", (), "", f"search box {boxes[0].attrib.get('name', '')} run by a script")


def search_offer(sel: Selector, page_url: str) -> SearchOffer | None:
    """The page's site search: its first submittable search form, else a search address a script on
    the page builds, else any sign of a search the crawler cannot submit; None when there is none."""
    base = base_href(sel, page_url)
    offers = [o for o in (_form_offer(f, base) for f in sel.xpath("//form")) if o is not None]
    offers += [o for o in (_script_offer(sel, base),) if o is not None]
    submittable = [o for o in offers if o.kind == SUBMITTABLE]
    if submittable:
        return submittable[0]
    if offers:
        return offers[0]
    for link in sel.xpath("//a[@href]"):
        text = normalize_space(link.xpath("string()").get() or "") or link.attrib.get("title", "")
        if _LINK_TEXT.match(text.strip()):
            return SearchOffer(UNSUBMITTABLE, "", "", (), "", f"link {text}: {link.attrib['href']}")
    # Precision: any trace of a search (a script, a styled box, an icon) means "there, unchecked".
    traces = sel.xpath("//@id | //@class | //@name | //@placeholder | //@alt | //@title | //@onclick | //@src | //@href"
                       " | //script/text() | //body//text()[not(ancestor::style)]").getall()
    trace = next((t for t in traces if _TRACE.search(t)), None)
    if trace is not None:
        return SearchOffer(UNSUBMITTABLE, "", "", (), "", f"trace: {normalize_space(trace)[:60]}")
    return None


@dataclass(frozen=True)
class SearchResults:
    """What a search results page showed: whether it lists the article, how many links and how much
    text it had (an empty page is an error, not a miss)."""

    found: bool
    links: int
    text_chars: int


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _same_page(url: str, article_url: str) -> bool:
    """The same path (on any host: a 集约化 host may link a mirror), and the same query if the
    article's address has one (a result link may carry its own ``?from=search``)."""
    link, article = urlsplit(url), urlsplit(article_url)
    path = article.path.rstrip("/")
    return bool(path) and link.path.rstrip("/") == path and (not article.query or link.query == article.query)


def _names(text: str, wanted: str) -> bool:
    """The link text names the title: it holds it whole or its first 12 characters, or it is the
    title cut short (8 characters or more, "…" or not)."""
    shown = text.rstrip(".…")
    return wanted in text or (len(wanted) >= 12 and wanted[:12] in text) or (len(shown) >= 8 and shown in wanted)


def search_results(sel: Selector, page_url: str, article_url: str, query: str) -> SearchResults:
    """Whether the results page links the article: a link to its address (any host: a 集约化 search
    host may link the site's pages on their own host or a mirror), or a link whose text or title names
    it (titles come highlighted, ``<em>`` split, or cut short). Links back to the search itself
    (pagers, "related searches") are not results, and the query echoed outside a link never counts."""
    base = base_href(sel, page_url)
    search_path = urlsplit(page_url).path
    wanted = _squash(query)
    links, found = 0, False
    for link in sel.xpath("//body//a[@href]"):
        url = resolve_url(link.attrib["href"], base)
        if url is None or urlsplit(url).path == search_path:
            continue
        links += 1
        texts = (_squash(" ".join(link.xpath(".//text()").getall())), _squash(link.attrib.get("title", "")))
        found = found or _same_page(url, article_url) or any(t and wanted and _names(t, wanted) for t in texts)
    text_chars = len(_squash(" ".join(sel.xpath("//body//text()[not(ancestor::script) and "
                                                  "not(ancestor::style)]").getall())))
    return SearchResults(found, links, text_chars)
