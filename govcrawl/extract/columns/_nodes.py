"""Element tests list detection and empty columns share: script-conditional, inline-hidden, sidebar."""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

__all__ = ["conditional", "hidden_inline", "in_sidebar"]


def conditional(node: Selector | Any) -> bool:
    """True for template elements shown only by a script condition (v-if, ms-if, ng-if …); ``node``
    is a Selector or an lxml element (both have ``attrib``)."""
    return any(
        name.startswith(("v-if", "v-show", "ms-if", "ms-visible", "ng-if", "ng-show", "x-show", ":"))
        for name in node.attrib
    )


def hidden_inline(node: Selector | Any) -> bool:
    """True for an element (Selector or lxml element) hidden by its own style attribute
    (display:none, visibility:hidden)."""
    style = (node.attrib.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


_SIDEBAR = re.compile(r"side|left|right|aside|sub-?nav|menu|widget|footer|header|nav", re.IGNORECASE)


def in_sidebar(node: Selector) -> bool:
    """True inside an aside/nav/footer/header, or a block whose class or id names a sidebar or menu."""
    for ancestor in node.xpath("ancestor-or-self::*"):
        tag = ancestor.root.tag
        if tag in ("aside", "nav", "footer", "header"):
            return True
        attrs = " ".join((ancestor.attrib.get("class") or "", ancestor.attrib.get("id") or ""))
        if _SIDEBAR.search(attrs):
            return True
    return False


