"""Service guides (办事指南) and their required elements (办事指南要素缺失 indicator).

A guide must state: 事项名称, 设定依据, 申请条件, 办理材料, 办理地点, 办理时间, 联系电话, 办理流程.
Sites label them with synonyms (受理条件, 申请材料, 咨询电话, 办事流程 …). Labels are read where a
guide puts them: table header/label cells, ``dt``, ``strong``/``b``, headings, and "标签：" text.
Note that 办理时限 (a deadline) is not 办理时间 (office hours).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]  # parsel's own parser; no stubs
from parsel import Selector

from govcrawl.extract._dom import document_text, element_text, heading_text, node_text, normalize_space
from govcrawl.model.text import to_simplified

logger = logging.getLogger(__name__)

__all__ = ["GUIDE_ELEMENTS", "GUIDE_SYNONYMS", "Guide", "guide_labels", "service_guide"]

GUIDE_ELEMENTS: tuple[str, ...] = (
    "事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程",
)

GUIDE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "事项名称": ("事项名称", "服务事项名称", "事项全称", "审批事项名称", "项目名称", "实施事项"),
    "设定依据": ("设定依据", "法律依据", "实施依据", "办理依据", "政策依据", "法定依据", "受理依据", "审批依据"),
    "申请条件": ("申请条件", "受理条件", "办理条件", "申报条件", "准予批准的条件", "许可条件"),
    "办理材料": ("办理材料", "申请材料", "申报材料", "材料目录", "所需材料", "提交材料", "申请材料目录"),
    "办理地点": ("办理地点", "受理地点", "办公地点", "办理地址", "受理地址", "服务地点", "窗口地址"),
    "办理时间": ("办理时间", "受理时间", "办公时间", "服务时间", "窗口办公时间", "工作时间"),
    "联系电话": ("联系电话", "咨询电话", "联系方式", "咨询方式", "咨询途径", "服务电话", "监督电话"),
    "办理流程": ("办理流程", "办事流程", "办理程序", "审批流程", "受理流程", "办理步骤", "申请流程", "业务流程"),
}

_GUIDE_TITLE = re.compile(r"办事指南|服务指南|辦事指南|服務指南")
_MIN_LABELS = 3
_LABEL_MAX = 16
_COLON_LABEL = re.compile(r"(?:^|\n)\s*[一二三四五六七八九十\d]*[、.．)）]?\s*([\u4e00-\u9fff]{2,12})\s*[:：]")


@dataclass(frozen=True)
class Guide:
    """A service guide: its name and which of GUIDE_ELEMENTS it states or lacks."""

    name: str
    present: tuple[str, ...]
    missing: tuple[str, ...]


@functools.lru_cache(maxsize=4096)  # the same labels recur on every page of a site
def _element_for(label: str) -> str | None:
    label = to_simplified(label)
    label = re.sub(r"[\s:：*＊]", "", label)
    label = re.sub(r"^[一二三四五六七八九十\d]+[、.．)）]", "", label)
    if len(label) > _LABEL_MAX:
        return None
    for element, synonyms in GUIDE_SYNONYMS.items():
        if any(label.startswith(s) or label.endswith(s) for s in synonyms):
            # 办理时限 / 承诺时限 are deadlines, not office hours
            if element == "办理时间" and "时限" in label:
                continue
            return element
    return None


_LABEL_NODES = etree.XPath("//th | //td | //dt | //strong | //b | //h2 | //h3 | //h4 | //h5 | //label | //span")


def guide_labels(sel: Selector) -> set[str]:
    """GUIDE_ELEMENTS the page shows as labels (cells, dt, strong/b, headings, "标签：" lines)."""
    found: set[str] = set()
    for node in _LABEL_NODES(sel.root):
        text = element_text(node)
        if not text or len(text) > _LABEL_MAX + 2:
            continue
        element = _element_for(text)
        if element:
            found.add(element)
    for m in _COLON_LABEL.finditer(document_text(sel)):
        element = _element_for(m.group(1))
        if element:
            found.add(element)
    return found


def _guide_name(sel: Selector) -> str:
    """The guide's own heading: the first h1–h3 that names a guide (…办事指南), else the first
    one that is not the site's name (a logo heading, the SiteName meta, the <title>'s site
    suffix), else the <title> before its separator."""
    title = normalize_space(" ".join(sel.xpath("(//title)[1]//text()").getall()))
    parts = re.split(r"\s*[_|]\s*", title)
    site_names = {normalize_space(n) for n in sel.xpath("//meta[@name='SiteName']/@content").getall()}
    site_names.update(p for p in parts[1:] if p)
    headings = [node_text(h, scripts=False)
                for h in sel.xpath("//h1 | //h2 | //h3")]
    headings = [h for h in headings if len(h) >= 2 and h not in site_names]
    named = next((h for h in headings if _GUIDE_TITLE.search(h)), None)
    return named or (headings[0] if headings else parts[0])


def service_guide(sel: Selector) -> Guide | None:
    """The page as a service guide, or None when it is not one.

    A page is a guide when it shows at least three guide elements as labels, or when its title or
    main heading says 办事指南/服务指南 and it shows at least one (a list of guides is not a
    guide). ``missing`` lists the elements it does not state.
    """
    labels = guide_labels(sel)
    if len(labels) < _MIN_LABELS and not (_GUIDE_TITLE.search(heading_text(sel)) and labels):
        return None
    present = tuple(e for e in GUIDE_ELEMENTS if e in labels)
    missing = tuple(e for e in GUIDE_ELEMENTS if e not in labels)
    return Guide(_guide_name(sel), present, missing)
