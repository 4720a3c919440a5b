"""Elder-friendly and accessible pages (适老化与无障碍 indicator): what one page shows of GB/T 37668.

Two facts per page: whether it offers a 关怀版 / 长者版 / 无障碍 / 适老化 entry (a link or button by
text, image alt or title, or one of the accessibility toolbars sites load, such as the 无障碍 assistant
scripts ``assist.js`` / ``wza`` / ``aria.js``), and the basic checks it fails:

- 缺少页面语言: no ``lang`` on ``<html>``;
- 图片缺少替代文本: an ``<img>`` with no ``alt`` attribute at all (``alt=""`` marks a decorative image
  and passes; 1-2 px spacers and hidden images are not counted);
- 表单控件缺少标签: a text field, select or textarea with no ``<label for>``, no enclosing label, no
  ``aria-label``/``aria-labelledby`` and no ``title``;
- 文字仅以图片呈现: a page whose body shows almost no text while it shows images.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]  # parsel's own parser; no stubs
from parsel import Selector

from govcrawl.extract._dom import normalize_space, strings

__all__ = ["Accessibility", "accessibility"]

_CARE = re.compile(r"关怀版|长者版|老年版|适老化|无障碍|長者版|關懷版|無障礙|适老模式|大字版")
_TOOLBAR = re.compile(r"assist(?:ant)?\.js|wza|aria\.js|barrierfree|accessib|slh\.js|ariaTool", re.IGNORECASE)
_CONTROLS = ("//input[not(@type) or @type='text' or @type='search' or @type='email' or @type='tel'"
             " or @type='password' or @type='number'] | //select | //textarea")
_ENTRY_CHARS = 16  # an entry is a short label ("关怀版", "无障碍浏览")
_MIN_TEXT = 40  # characters of body text below which a page with images reads as text in pictures


@dataclass(frozen=True)
class Accessibility:
    """``care_entry``: the page offers an elder-friendly or accessible version; ``problems``: the
    basic checks it fails, each with its count ("图片缺少替代文本3处")."""

    care_entry: bool
    problems: tuple[str, ...]


def _care_entry(sel: Selector) -> bool:
    for node in sel.xpath("//a | //button | //*[@onclick]"):
        words = " ".join([node.xpath("string()").get() or "", node.attrib.get("title", ""),
                          *node.xpath(".//img/@alt | .//img/@title").getall()])
        words = normalize_space(words)
        if _CARE.search(words) and len(words) <= _ENTRY_CHARS:  # a news title naming 适老化 is no entry
            return True
    return any(_TOOLBAR.search(src) for src in strings(sel, "//script/@src"))


def _tiny(img: Selector) -> bool:
    sizes = [img.attrib.get(k, "").strip().removesuffix("px") for k in ("width", "height")]
    style = img.attrib.get("style", "").replace(" ", "").lower()
    return any(s.isdigit() and int(s) <= 2 for s in sizes) or "display:none" in style


def _unlabelled(sel: Selector) -> int:
    labelled = set(strings(sel, "//label/@for"))
    count = 0
    for control in sel.xpath(_CONTROLS):
        attrs = control.attrib
        if attrs.get("type") == "hidden" or control.xpath("ancestor::label"):
            continue
        if attrs.get("id") in labelled or attrs.get("aria-label") or attrs.get("aria-labelledby") \
                or attrs.get("title"):
            continue
        count += 1
    return count


_BODY_TEXT = etree.XPath("//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]",
                         smart_strings=False)


def accessibility(sel: Selector, is_home: bool = True) -> Accessibility:
    """The page's accessibility facts (see the module docstring); the entry is looked for on the
    homepage only (``is_home``), where the rule reads it."""
    problems = []
    if not (sel.xpath("/html/@*[local-name()='lang']").get() or "").strip():
        problems.append("缺少页面语言")
    images = [img for img in sel.xpath("//body//img") if not _tiny(img)]
    no_alt = sum("alt" not in img.attrib for img in images)
    if no_alt:
        problems.append(f"图片缺少替代文本{no_alt}处")
    unlabelled = _unlabelled(sel)
    if unlabelled:
        problems.append(f"表单控件缺少标签{unlabelled}处")
    if images and len(normalize_space(" ".join(_BODY_TEXT(sel.root))).replace(" ", "")) < _MIN_TEXT:
        problems.append("文字仅以图片呈现")
    return Accessibility(is_home and _care_entry(sel), tuple(problems))
