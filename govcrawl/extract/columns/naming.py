"""A column's name and class: read from the breadcrumb, the heading above its list, or the ColumnName meta."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from parsel import Selector

from govcrawl.extract._dom import document_text, first_string, node_text, normalize_space, per_document, strings
from govcrawl.extract.metadata import page_metadata
from govcrawl.model.text import to_simplified

__all__ = ["breadcrumb", "classify_column", "column_name"]


def classify_column(name: str, classes: Mapping[str, Sequence[str]]) -> str:
    """The first class (in table order) whose keyword occurs in ``name``, else "other".
    A name in Traditional characters (工作動態) is read in Simplified ones."""
    name = to_simplified(name)
    for cls, keywords in classes.items():
        if any(keyword and keyword in name for keyword in keywords):
            return cls
    return "other"


# "您的当前位置：", "您现在的位置是：", or a bare "您的当前位置" ending its own text node (a bare
# "位置" is not enough: 地理位置 is a heading of 县情概况 pages).
_CRUMB_LABEL = re.compile(
    r"(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|所在位置|当前页面|位置)是?\s*[:：]"
    r"|(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|所在位置)\s*$")
_CRUMB_SEPARATORS = re.compile(r"\s*(?:>>|>|»|＞|›|→|/|\||·|－|—)\s*")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\s-\s|-|\||–|—|｜)\s*")
_CRUMB_ATTR = (
    "//*[@class or @id][contains(translate(@class,'CRUMBPOSITLN','crumbpositln'),'crumb')"
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
        parts = [node_text(a) for a in links]
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
    return list(_breadcrumb(sel))


@per_document
def _breadcrumb(sel: Selector) -> tuple[str, ...]:
    # The text test comes first: it settles most text nodes before the ancestor tests.
    label_nodes = sel.xpath(
        "//text()[contains(., '位置') or contains(., '當前位置') or contains(., '当前页面')]"
        "[not(ancestor::script) and not(ancestor::style) and not(ancestor::head)]/.."
    )
    for node in label_nodes:
        if not _CRUMB_LABEL.search(normalize_space(" ".join(strings(node, "./text()")))):
            continue
        current = node
        for _ in range(3):
            if current.xpath(".//a") or len(_crumb_parts(current)) >= 2:
                parts = _crumb_parts(current)
                if parts:
                    return tuple(parts)
            parent = current.xpath("..")
            if not parent:
                break
            current = parent[0]
    for node in sel.xpath(_CRUMB_ATTR):
        if node.root.tag in ("body", "html"):
            continue
        parts = _crumb_parts(node)
        if 1 <= len(parts) <= 8:
            return tuple(parts)
    return ()


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
    title = normalize_space(first_string(sel, "//title/text()") or "")
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) > 1:
        return parts[0].strip()
    heading = _heading_above(sel, first_item) if first_item else None
    return heading or title or None


