"""Empty columns (空白栏目): the "暂无信息" marker and the empty list block of a column page."""

from __future__ import annotations

from parsel import Selector

from govcrawl.extract._dom import normalize_space, selector_text
from govcrawl.extract.columns._nodes import conditional, hidden_inline, in_sidebar
from govcrawl.model.text import to_simplified

__all__ = ["EMPTY_MARKERS", "empty_list_block", "empty_marker"]

EMPTY_MARKERS: tuple[str, ...] = (
    "暂无信息", "暂无数据", "暂无内容", "暂无资料", "暂无记录", "暂无相关信息", "暂无相关内容", "暂无文章", "暂无",
    "没有记录", "没有信息", "没有相关信息", "没有数据", "无相关信息", "无相关记录", "无记录",
    "信息正在更新", "正在更新中", "内容正在更新", "栏目正在建设", "正在建设中", "建设中",
    "共0条", "共 0 条", "共0页", "no data", "no records",
)


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
        hidden = any(conditional(a) or hidden_inline(a) for a in node.xpath("ancestor-or-self::*"))
        if hidden or in_sidebar(node):
            continue
        return text
    return None


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


def empty_list_block(sel: Selector, named: bool) -> bool:
    """An empty list block in the page's content: a ul/ol without items, a header-only table,
    or an empty block named as a list (class/id ``list``). A bare empty ul/ol or header-only
    table counts only under a column name (``named``: a breadcrumb or ColumnName meta), so
    layout leftovers of other pages do not make an empty column."""
    for node in sel.xpath("//ul | //ol | //table | //div"):
        tag = node.root.tag
        listed = "list" in " ".join((node.attrib.get("class") or "", node.attrib.get("id") or "")).lower()
        if not (listed or (named and tag != "div")) or conditional(node) or in_sidebar(node):
            continue
        empty = not node.xpath(".//a | .//img") and not normalize_space(selector_text(node))
        if empty and (listed or tag in ("ul", "ol")):
            return True
        if named and tag == "table" and _header_only(node):
            return True
    return False

