"""Hidden links and injected content (暗链或违规内容 indicator).

Hacked government pages carry blocks of gambling/porn links that a reader never sees: hidden by
inline CSS or a ``<style>`` rule on an id/class, pushed off-screen, shrunk to zero size, written
in the page colour, squeezed into a tiny ``<marquee>``, or written by ``document.write``.

Precision first: real government pages hide plenty of legitimate things (drop-down menus, tab
panels, skip links, accessibility toolbars, image-replaced logos). A hidden block is reported only
when it holds spam vocabulary, or when a *trick* (off-screen, zero size, font-size 0, same colour
as the background, tiny marquee, scripted link) hides links to hosts outside the site. Plain
``display:none`` / ``visibility:hidden`` blocks are reported only for spam vocabulary.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import unquote

from parsel import Selector

from govcrawl.extract._text import normalize_space, selector_text
from govcrawl.extract._urls import base_href, host_of, is_site_host, resolve_url
from govcrawl.text import to_simplified

logger = logging.getLogger(__name__)

__all__ = ["SPAM_WORDS", "HiddenContent", "hidden_content", "hiding_reason", "spam_words_in"]


@dataclass(frozen=True)
class HiddenContent:
    """One hidden block: its text (or the link's anchor), the first suspicious link, why it
    counts as hidden (e.g. "inline display:none", "style rule .x: position off-screen"), and every
    link of the block to another host (the crawl must not follow them)."""

    text: str
    href: str | None
    reason: str
    links: tuple[str, ...] = ()


SPAM_WORDS: tuple[str, ...] = (
    "博彩", "赌博", "赌场", "赌球", "百家乐", "时时彩", "六合彩", "北京赛车", "pk10", "快三",
    "真人娱乐", "娱乐城", "老虎机", "威尼斯人", "葡京", "太阳城", "体育投注", "网上投注", "棋牌游戏",
    "开元棋牌", "电子游艺", "捕鱼游戏", "bet365", "casino", "亚博", "金沙", "彩票网", "购彩",
    "色情", "黄色网站", "成人电影", "成人视频", "av女优", "一夜情", "裸聊", "约炮", "伟哥", "春药",
    "迷药", "代孕", "办证", "代开发票", "私服", "外挂", "枪支出售", "高利贷", "网赚",
)

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
_SIMPLE = re.compile(r"^[a-z0-9]*([#.])([\w-]+)$", re.IGNORECASE)


def _style_rules(sel: Selector) -> list[tuple[str, str, str, str]]:
    """(kind '#' or '.', name, strength, reason) for <style> rules hiding a plain id/class."""
    rules: list[tuple[str, str, str, str]] = []
    css = "\n".join(sel.xpath("//style/text()").getall())
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    for m in _RULE.finditer(css):
        reason = hiding_reason(m.group(2))
        if reason is None:
            continue
        for selector in m.group(1).split(","):
            simple = _SIMPLE.match(selector.strip())
            if simple:
                rules.append((simple.group(1), simple.group(2), reason[0], reason[1]))
    return rules


def spam_words_in(text: str) -> list[str]:
    """Spam vocabulary occurring in ``text`` (case-insensitive; Traditional characters read as
    Simplified: 百家樂 is 百家乐)."""
    lowered = to_simplified(text).lower()
    return [w for w in SPAM_WORDS if w in lowered]


def _external_links(node: Selector, base: str, site_hosts: Collection[str]) -> list[str]:
    urls = []
    for raw in node.xpath("descendant-or-self::a/@href").getall():
        url = resolve_url(raw, base)
        if url and not is_site_host(host_of(url), site_hosts):
            urls.append(url)
    return urls


def _verdict(
    node: Selector, strength: str, reason: str, base: str, site_hosts: Collection[str]
) -> HiddenContent | None:
    text = selector_text(node) or normalize_space(" ".join(node.xpath(".//a/@title").getall()))
    hrefs = " ".join(node.xpath("descendant-or-self::a/@href").getall())
    external = _external_links(node, base, site_hosts)
    spam = spam_words_in(text + " " + hrefs)
    if spam:
        return HiddenContent(normalize_space(text)[:300], external[0] if external else None,
                             f"{reason}; spam words: {', '.join(spam[:5])}", tuple(external))
    if strength == _TRICK and external:
        return HiddenContent(normalize_space(text)[:300], external[0], f"{reason}; links to other hosts",
                             tuple(external))
    return None


_MARQUEE_MAX = 5.0
_WRITE = re.compile(r"document\.write(?:ln)?\s*\((.*?)\)\s*;?", re.DOTALL | re.IGNORECASE)
_WRITTEN_LINK = re.compile(r"""<a[^>]+href\s*=\s*\\?["']?([^"'\s>\\]+)[^>]*>(.*?)</a""", re.I | re.S)


def _script_links(sel: Selector, base: str, site_hosts: Collection[str]) -> list[HiddenContent]:
    found = []
    for script in sel.xpath("//script[not(@src)]/text()").getall():
        for call in _WRITE.finditer(script):
            written = unquote(call.group(1))
            for link in _WRITTEN_LINK.finditer(written):
                url = resolve_url(link.group(1), base)
                anchor = normalize_space(re.sub(r"<[^>]+>", " ", link.group(2)))
                if url is None or is_site_host(host_of(url), site_hosts):
                    continue
                spam = spam_words_in(anchor + " " + url)
                hidden = hiding_reason(" ".join(re.findall(r"style\s*=\s*\\?[\"']([^\"'\\]*)", written)))
                if spam or hidden is not None:
                    why = "document.write link" + (f"; spam words: {', '.join(spam[:5])}" if spam else "")
                    if hidden is not None:
                        why += f"; {hidden[1]}"
                    found.append(HiddenContent(anchor, url, why, (url,)))
    return found


def hidden_content(sel: Selector, base_url: str, site_hosts: Collection[str] = ()) -> list[HiddenContent]:
    """Hidden links and text blocks that look injected (see the module docstring).

    ``site_hosts`` are the site's own hosts; when empty, the page's host is used. Nested hidden
    elements are reported once, at the outermost reported element.
    """
    hosts: Collection[str] = site_hosts or (host_of(base_url),)
    base = base_href(sel, base_url)
    rules = _style_rules(sel)
    results: list[HiddenContent] = []
    reported: list[object] = []

    def consider(node: Selector, strength: str, reason: str) -> None:
        root = node.root
        if any(root is r or _is_ancestor(r, root) for r in reported):
            return
        verdict = _verdict(node, strength, reason, base, hosts)
        if verdict is not None:
            reported.append(root)
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
            consider(node, _TRICK, "tiny or runaway marquee")
    results.extend(_script_links(sel, base, hosts))
    return results


def _is_ancestor(ancestor: object, node: object) -> bool:
    parent = getattr(node, "getparent", lambda: None)()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False
