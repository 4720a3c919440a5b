"""Private text helpers shared by the extractors: visible text of an element, whitespace, and the
per-document memo that lets every extractor read the same facts of one parsed page."""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from lxml import etree  # type: ignore[import-untyped]  # parsel's own parser; no stubs
from parsel import Selector

__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "clean_text", "document_text", "element_text", "element_visible_text",
           "first_string", "heading_text", "node_text", "normalize_space", "per_document", "script_texts",
           "selector_text", "strings"]

_T = TypeVar("_T")


def per_document(extract: Callable[[Selector], _T]) -> Callable[[Selector], _T]:
    """Memoise a pure extractor of one argument, the Selector, for as long as that Selector lives.

    ``extract_page`` parses a page once and hands the same Selector to every extractor; several of
    them read the same facts (the visible text, the meta tags, the publish date), which are then
    computed once a page. Extractors never modify the tree, so a result stays true for its
    Selector. Only wrap functions whose result is immutable (or copy it on the way out).
    """
    results: weakref.WeakKeyDictionary[Selector, _T] = weakref.WeakKeyDictionary()

    @functools.wraps(extract)
    def memoised(sel: Selector) -> _T:
        try:
            return results[sel]
        except KeyError:
            value = results[sel] = extract(sel)
            return value

    return memoised

SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link",
                       "iframe", "object", "svg", "select", "option"})
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr",
    "ul", "center", "body", "html",
})

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000\u200b\ufeff]+")
_NEWLINES = re.compile(r"\s*\n\s*")


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (incl. full-width and no-break spaces) into one space."""
    # str.split() and re's \s share one definition of whitespace; only the zero-width space and the
    # BOM, which _SPACES counts as spaces too, need replacing first.
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(text.split())


# Plain strings, not lxml's "smart" ones that keep a reference to their parent: several times faster.
_ALL_TEXT = etree.XPath(".//text()", smart_strings=False)
_TEXT_OUTSIDE_SCRIPTS = etree.XPath(".//text()[not(ancestor::script)]", smart_strings=False)


def node_text(sel: Selector, *, scripts: bool = True) -> str:
    """The text nodes under ``sel`` joined by spaces, whitespace collapsed: what
    ``normalize_space(" ".join(sel.xpath(".//text()").getall()))`` gives, read with one compiled XPath
    over the lxml element rather than a Selector per text node. ``scripts=False`` leaves out text
    inside script elements (``.//text()[not(ancestor::script)]``)."""
    root = sel.root
    if isinstance(root, str):
        return normalize_space(root)
    return element_text(root, scripts=scripts)


def element_text(element: Any, *, scripts: bool = True) -> str:
    """``node_text`` of the lxml element ``element``, for loops that walk lxml elements directly
    (no Selector built per node)."""
    if not len(element):  # a leaf (most cells, links, paragraphs): its one text node, no XPath
        text = element.text
        return normalize_space(text) if text and (scripts or element.tag != "script") else ""
    return normalize_space(" ".join((_ALL_TEXT if scripts else _TEXT_OUTSIDE_SCRIPTS)(element)))


def clean_text(text: str) -> str:
    """Collapse spaces within lines and blank lines between them; keep line breaks."""
    text = _SPACES.sub(" ", text)
    text = _NEWLINES.sub("\n", text)
    return text.strip()


def _walk(node: Any, out: list[str]) -> None:
    # lxml element walk; ``node`` is an lxml ``HtmlElement`` (or a comment, entity, processing instruction).
    tag = node.tag
    if isinstance(tag, str):  # not a comment or processing instruction
        name = tag.lower()
        if name not in SKIP_TAGS:
            block = name in BLOCK_TAGS
            if block:
                out.append("\n")
            text = node.text
            if text:
                out.append(text)
            for child in node:
                _walk(child, out)
            if block:
                out.append("\n")
    tail = node.tail
    if tail:
        out.append(tail)


def selector_text(sel: Selector) -> str:
    """Visible text under ``sel``: no script/style/noscript/template, blocks on their own lines."""
    root = sel.root
    if isinstance(root, str):
        return clean_text(root)
    return element_visible_text(root)


def element_visible_text(element: Any) -> str:
    """``selector_text`` of the lxml element ``element``."""
    tag = getattr(element, "tag", None)
    if isinstance(tag, str) and tag.lower() in SKIP_TAGS:
        return ""
    out: list[str] = []
    text = getattr(element, "text", None)
    if text:
        out.append(text)
    for child in element:
        _walk(child, out)
    return clean_text("".join(out))


@functools.cache  # the extractors' queries are constants: a few dozen
def _compiled(query: str) -> Any:
    return etree.XPath(query, smart_strings=False)


def strings(sel: Selector, query: str, **variables: str) -> list[str]:
    """``sel.xpath(query, **variables).getall()`` for a query that selects text nodes or attribute
    values, evaluated by a compiled XPath over the lxml element: no Selector built per value."""
    return list(_compiled(query)(sel.root, **variables))


def first_string(sel: Selector, query: str, **variables: str) -> str | None:
    """``sel.xpath(query, **variables).get()`` for a query that selects text nodes or attribute values."""
    return next(iter(strings(sel, query, **variables)), None)


_SCRIPT_TEXTS = etree.XPath("//script/text()", smart_strings=False)


@per_document
def script_texts(sel: Selector) -> tuple[str, ...]:
    """The text of every script element of the document (``//script/text()``), in document order."""
    return tuple(_SCRIPT_TEXTS(sel.root))


@per_document
def heading_text(sel: Selector) -> str:
    """The <title>, the h1 texts and the first h2's text, each with whitespace collapsed, joined by
    spaces: where a page names what it is (a mailbox, a service guide)."""
    return " ".join(normalize_space(" ".join(strings(sel, f"{x}//text()")))
                    for x in ("//title", "//h1", "//h2[1]"))


@per_document
def document_text(sel: Selector) -> str:
    """Visible text of the whole document.

    Saved or badly generated pages may have content after ``</html>`` or a second ``<html>``
    (server-side includes); lxml then builds several top-level elements, all of which a browser
    shows. Head content is skipped.
    """
    roots = sel.xpath("/*")
    if not roots:
        return selector_text(sel)
    return clean_text("\n".join(selector_text(root) for root in roots))


