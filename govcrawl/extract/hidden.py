"""Hidden links and injected content (暗链或违规内容 indicator).

Hacked government pages carry blocks of gambling/porn links that a reader never sees: hidden by
inline CSS or a ``<style>`` rule on an id/class, pushed off-screen, shrunk to zero size, written
in the page colour, squeezed into a tiny ``<marquee>``, or written by ``document.write``.

Extraction reports facts only, never a judgement: every hidden block that holds text or links to
another host, with the technique that hides it (``trick`` for the techniques menus and tabs do not
use: off-screen, zero size, font-size 0, same colour as the background, tiny marquee, hidden markup
written by a script); the links and text written by inline scripts (``document.write``,
``innerHTML``, read from the script's string literals); the page's <title>, meta keywords and meta
description (``head_texts``); and redirects to other hosts (``redirects``: meta refresh, a script
assigning ``location``). Real government pages hide plenty of legitimate things (drop-down menus,
tab panels, collapsed 友情链接, mobile menus): rules/hidden_content.py alone decides what is spam.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import unquote

from parsel import Selector

from govcrawl.crawl.urls import host_of, is_site_host
from govcrawl.extract._dom import first_string, normalize_space, selector_text, strings
from govcrawl.extract._urls import base_href, resolve_url

logger = logging.getLogger(__name__)

__all__ = ["HiddenContent", "head_texts", "hidden_content", "hiding_reason", "hiding_rules", "redirects",
           "stylesheets"]


@dataclass(frozen=True)
class HiddenContent:
    """One hidden block: its text, the first link to another host, where and how it is hidden
    (``reason``: "inline display:none", "style rule .x: position off-screen", "document.write"),
    every link of the block to another host with its anchor text, the hiding ``technique`` alone
    ("display:none", "font-size:0", "document.write" …) and whether it is a ``trick`` (a technique
    legitimate menus and tabs do not use)."""

    text: str
    href: str | None
    reason: str
    links: tuple[str, ...] = ()
    technique: str = ""
    trick: bool = False
    anchors: tuple[str, ...] = ()


_WEAK = "weak"
_TRICK = "trick"
_PX = re.compile(r"^(-?\d+(?:\.\d+)?)(px|pt|em|rem|%)?$")


def _declarations(style: str) -> dict[str, str]:
    decls: dict[str, str] = {}
    for part in style.split(";"):
        if ":" not in part:
            continue
        name, _, value = part.partition(":")
        value = value.replace("!important", "").strip().lower()
        decls[name.strip().lower()] = " ".join(value.split())
    return decls


def _length(value: str | None) -> float | None:
    if value is None:
        return None
    m = _PX.match(value.strip())
    if not m:
        return None
    number = float(m.group(1))
    return number * 16 if m.group(2) in ("em", "rem") else number


def hiding_reason(style: str) -> tuple[str, str] | None:
    """(strength, description) when a CSS declaration block hides its element, else None.

    strength is "weak" for display:none / visibility:hidden (menus and tabs use them) and
    "trick" for the techniques spam injections use.
    """
    d = _declarations(style)
    left, top = _length(d.get("left")), _length(d.get("top"))
    if d.get("position") in ("absolute", "fixed") and (
        (left is not None and left <= -999) or (top is not None and top <= -999)
    ):
        return _TRICK, "position off-screen"
    indent = _length(d.get("text-indent"))
    if indent is not None and indent <= -999:
        return _TRICK, "text-indent off-screen"
    size = _length(d.get("font-size"))
    if size is not None and size <= 0:
        return _TRICK, "font-size:0"
    width, height = _length(d.get("width")), _length(d.get("height"))
    if d.get("overflow") == "hidden" and (
        (width is not None and width <= 1) or (height is not None and height <= 1)
    ):
        return _TRICK, "zero-size box"
    colour = d.get("color")
    background = d.get("background-color") or d.get("background")
    if colour and background and colour == background:
        return _TRICK, "text colour equals background"
    if d.get("display") == "none":
        return _WEAK, "display:none"
    if d.get("visibility") == "hidden":
        return _WEAK, "visibility:hidden"
    return None


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SIMPLE = re.compile(r"^[a-z0-9]*([#.])([\w-]+)$", re.IGNORECASE)


def _style_rules(sel: Selector, linked_css: str) -> list[tuple[str, str, str, str]]:
    """(kind '#' or '.', name, strength, reason) for <style> rules (and the rules of the page's
    linked stylesheets, ``linked_css``) hiding a plain id/class."""
    rules: list[tuple[str, str, str, str]] = []
    css = "\n".join([*strings(sel, "//style/text()"), linked_css])
    css = _COMMENT.sub("", css)
    for m in _RULE.finditer(css):
        reason = hiding_reason(m.group(2))
        if reason is None:
            continue
        for selector in m.group(1).split(","):
            simple = _SIMPLE.match(selector.strip())
            if simple:
                rules.append((simple.group(1), simple.group(2), reason[0], reason[1]))
    return rules


def _external_links(node: Selector, base: str, site_hosts: Collection[str]) -> list[tuple[str, str]]:
    """(url, anchor text) of the links of ``node`` to other hosts."""
    found = []
    for link in node.xpath("descendant-or-self::a[@href]"):
        url = resolve_url(link.attrib.get("href", ""), base)
        if url and not is_site_host(host_of(url), site_hosts):
            found.append((url, selector_text(link) or normalize_space(link.attrib.get("title", ""))))
    return found


def _block(node: Selector, strength: str, reason: str, base: str, site_hosts: Collection[str]) -> HiddenContent | None:
    text = selector_text(node) or normalize_space(" ".join(node.xpath(".//a/@title").getall()))
    external = _external_links(node, base, site_hosts)
    if not text and not external:
        return None
    technique = reason.rpartition(": ")[2].removeprefix("inline ")
    return HiddenContent(normalize_space(text)[:300], external[0][0] if external else None, reason,
                         tuple(u for u, _ in external), technique, strength == _TRICK,
                         tuple(a for _, a in external))


_MARQUEE_MAX = 5.0
_WRITER = re.compile(r"document\.write(?:ln)?\s*\(|\.(?:innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML\s*\(",
                     re.IGNORECASE)
_LITERAL = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""")
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")
_WRITTEN_LINK = re.compile(r"""<a\b[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>(.*?)</a""", re.I | re.S)
_WRITTEN_STYLE = re.compile(r"""style\s*=\s*["']([^"']*)""", re.I)
_TAGS = re.compile(r"<[^>]*>")


def _unescape(literal: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if code[0] in "xu" and len(code) > 1:
            return chr(int(code[1:], 16))
        return {"n": "\n", "t": " "}.get(code, code)
    return _ESCAPE.sub(one, literal)


def _written_html(script: str) -> str:
    """The HTML an inline script writes: its string literals, joined, when it writes markup."""
    if not _WRITER.search(script):
        return ""
    html = "".join(_unescape(m.group(1) if m.group(1) is not None else m.group(2))
                   for m in _LITERAL.finditer(script))
    return unquote(html) if "%3C" in html.upper() else html


def _script_blocks(sel: Selector, base: str, site_hosts: Collection[str]) -> list[HiddenContent]:
    found = []
    for script in strings(sel, "//script[not(@src)]/text()"):
        written = _written_html(script)
        links = []
        for m in _WRITTEN_LINK.finditer(written):
            url = resolve_url(m.group(1), base)
            if url is not None and not is_site_host(host_of(url), site_hosts):
                links.append((url, normalize_space(_TAGS.sub(" ", m.group(2)))))
        text = normalize_space(_TAGS.sub(" ", written))
        if not links and not text:
            continue
        writer = "innerHTML" if "innerhtml" in script.lower() else "document.write"
        hidden = hiding_reason(";".join(_WRITTEN_STYLE.findall(written)))
        reason = writer + (f"; {hidden[1]}" if hidden else "")
        found.append(HiddenContent(text[:300], links[0][0] if links else None, reason, tuple(u for u, _ in links),
                                   writer, hidden is not None, tuple(a for _, a in links)))
    return found


def hidden_content(sel: Selector, base_url: str, site_hosts: Collection[str] = (),
                   linked_css: str = "") -> list[HiddenContent]:
    """Every hidden block with text or links to other hosts, and what inline scripts write (see
    the module docstring).

    ``site_hosts`` are the site's own hosts; when empty, the page's host is used. ``linked_css`` is
    the hiding rules of the page's same-site stylesheets (``stylesheets``, ``hiding_rules``), when the
    crawl fetched them. Nested hidden
    elements are reported once, at the outermost reported element.
    """
    hosts: Collection[str] = site_hosts or (host_of(base_url),)
    base = base_href(sel, base_url)
    rules = _style_rules(sel, linked_css)
    results: list[HiddenContent] = []
    # The reported lxml elements by id(); holding them keeps each one's proxy, and so its id, alive.
    reported: dict[int, object] = {}

    def consider(node: Selector, strength: str, reason: str) -> None:
        root = node.root
        element = root
        while element is not None:  # the node itself or one of its ancestors was reported already
            if id(element) in reported:
                return
            element = element.getparent()
        verdict = _block(node, strength, reason, base, hosts)
        if verdict is not None:
            reported[id(root)] = root
            results.append(verdict)

    scope = sel
    for node in scope.xpath("//*[@style]"):
        hidden = hiding_reason(node.attrib.get("style", ""))
        if hidden is not None:
            consider(node, hidden[0], "inline " + hidden[1])
    for node in scope.xpath("//*[@hidden]"):
        consider(node, _WEAK, "hidden attribute")
    for kind, name, strength, reason in rules:
        if kind == "#":
            nodes = scope.xpath("//*[@id=$name]", name=name)
        else:
            nodes = scope.xpath(
                "//*[contains(concat(' ', normalize-space(@class), ' '), $name)]", name=f" {name} "
            )
        for node in nodes:
            consider(node, strength, f"style rule {kind}{name}: {reason}")
    for node in scope.xpath("//marquee"):
        height = _length((node.attrib.get("height") or "").strip() or None)
        width = _length((node.attrib.get("width") or "").strip() or None)
        amount = _length((node.attrib.get("scrollamount") or "").strip() or None)
        if (height is not None and height <= _MARQUEE_MAX) or (width is not None and width <= _MARQUEE_MAX) or (
            amount is not None and amount >= 1000
        ):
            consider(node, _TRICK, "tiny marquee")
    results.extend(_script_blocks(sel, base, hosts))
    return results



def head_texts(sel: Selector) -> tuple[tuple[str, str], ...]:
    """("title", <title>), ("keywords", meta keywords), ("description", meta description): the
    places a 标题劫持 rewrites, as the page's source has them (empty ones left out)."""
    found = [("title", normalize_space(" ".join(strings(sel, "//title//text()"))))]
    for name in ("keywords", "description"):
        content = first_string(sel, "//meta[translate(@name,'KEYWORDSCIPTN','keywordscriptn')=$n]/@content", n=name)
        found.append((name, normalize_space(content or "")))
    return tuple((name, text[:500]) for name, text in found if text)


_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s;]+)", re.IGNORECASE)
_LOCATION = re.compile(
    r"""(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']"""
    r"""|location\.(?:replace|assign)\s*\(\s*["']([^"']+)["']""", re.IGNORECASE)


def redirects(sel: Selector, base_url: str, site_hosts: Collection[str] = ()) -> tuple[str, ...]:
    """Where a meta refresh or an inline script's ``location`` sends the reader, when that is
    another host than the site's (script jumps inside functions, and addresses built by
    concatenation, are left out unless the script looks at ``document.referrer``)."""
    hosts: Collection[str] = site_hosts or (host_of(base_url),)
    base = base_href(sel, base_url)
    raw = [m.group(1) for content in strings(sel, "//meta[translate(@http-equiv,'REFSH','refsh')='refresh']/@content")
        for m in _REFRESH_URL.finditer(content)]
    for script in strings(sel, "//script[not(@src)]/text()"):
        # A search box or a menu jumps from inside a function, often to an address built from input;
        # an injected redirect runs as the page loads, or only for visitors coming from a search engine.
        # A browser-upgrade notice or a mobile-site switch tests the visitor's browser: not an injection
        # unless it also looks at where the visitor came from.
        if ("function" in script or "navigator" in script) and "referrer" not in script:
            continue
        raw += [m.group(1) or m.group(2) for m in _LOCATION.finditer(script)
                if not script[m.end():m.end() + 3].lstrip().startswith("+")]
    found = []
    for target in raw:
        url = resolve_url(target, base)
        if url and not is_site_host(host_of(url), hosts):
            found.append(url)
    return tuple(dict.fromkeys(found))


_MAX_STYLESHEETS = 4  # a hacked template adds one; a page linking dozens is not read further
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REL_STYLESHEET = re.compile(r"""\brel\s*=\s*["']?[^"'>]*stylesheet""", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def stylesheets(html: str, base_url: str, site_hosts: Collection[str] = ()) -> tuple[str, ...]:
    """The linked stylesheets of an HTML page on the site's own hosts (an injected block may be
    hidden by a rule there), at most a few. Read from the raw HTML, before the page is parsed."""
    hosts: Collection[str] = site_hosts or (host_of(base_url),)
    found = []
    for tag in _LINK_TAG.findall(html):
        href = _HREF.search(tag)
        url = resolve_url(href.group(1), base_url) if href and _REL_STYLESHEET.search(tag) else None
        if url and is_site_host(host_of(url), hosts):
            found.append(url)
    return tuple(dict.fromkeys(found))[:_MAX_STYLESHEETS]


def hiding_rules(css: str) -> str:
    """The rules of a stylesheet that hide what they select (all ``_style_rules`` needs of it)."""
    css = _COMMENT.sub("", css)
    return "\n".join(m.group(0) for m in _RULE.finditer(css) if hiding_reason(m.group(2)) is not None)
