"""Private text helpers shared by the extractors: visible text of an element, whitespace."""

from __future__ import annotations

import re

from parsel import Selector

__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "clean_text", "document_text", "normalize_space", "selector_text"]

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
    return re.sub(r"\s+", " ", _SPACES.sub(" ", text)).strip()


def clean_text(text: str) -> str:
    """Collapse spaces within lines and blank lines between them; keep line breaks."""
    text = _SPACES.sub(" ", text)
    text = _NEWLINES.sub("\n", text)
    return text.strip()


def _walk(node: object, out: list[str]) -> None:
    # lxml element walk; ``node`` is an lxml ``HtmlElement``.
    tag = getattr(node, "tag", None)
    if not isinstance(tag, str):  # comments, processing instructions
        tail = getattr(node, "tail", None)
        if tail:
            out.append(tail)
        return
    name = tag.lower()
    if name in SKIP_TAGS:
        pass
    else:
        block = name in BLOCK_TAGS
        if block:
            out.append("\n")
        text = getattr(node, "text", None)
        if text:
            out.append(text)
        for child in node:  # type: ignore[attr-defined]
            _walk(child, out)
        if block:
            out.append("\n")
    tail = getattr(node, "tail", None)
    if tail:
        out.append(tail)


def selector_text(sel: Selector) -> str:
    """Visible text under ``sel``: no script/style/noscript/template, blocks on their own lines."""
    root = sel.root
    if isinstance(root, str):
        return clean_text(root)
    out: list[str] = []
    tag = getattr(root, "tag", None)
    if isinstance(tag, str) and tag.lower() in SKIP_TAGS:
        return ""
    text = getattr(root, "text", None)
    if text:
        out.append(text)
    for child in root:
        _walk(child, out)
    return clean_text("".join(out))


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


