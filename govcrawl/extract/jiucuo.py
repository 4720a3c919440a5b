"""The 我为政府网站找错 entry of a page (找错入口缺失 indicator).

The national platform hands every site an entry carrying its own 网站标识码, in one of three forms
real sites publish: a link to ``…/exposure/jiucuo.html?site_code=CODE``, the official script
``<script id="_jiucuo_" sitecode="CODE" src="…jiucuo.js">`` (it draws the badge at run time), or the
badge it draws, ``<span id="_span_jiucuo"><img onclick="Link('CODE')">``. The codes are read, the
national page is never requested.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from parsel import Selector

from govcrawl.extract._dom import strings

__all__ = ["is_national_jiucuo", "jiucuo_codes"]

_CODE = re.compile(r"^(?:bm\d{8}|\d{10})$", re.IGNORECASE)
_ONCLICK = re.compile(r"Link\(\s*['\"]?([0-9A-Za-z]+)")


def _code(value: str) -> str | None:
    value = value.strip()
    if not _CODE.match(value):
        return None
    return value.lower() if value[:2].lower() == "bm" else value


def _href_codes(sel: Selector) -> list[str]:
    codes = []
    for href in strings(sel, "//a[contains(@href, 'jiucuo')]/@href"):
        parts = urlsplit(href.strip())
        if is_national_jiucuo(href.strip()) and "jiucuo" in parts.path:
            codes.extend(parse_qs(parts.query).get("site_code", []))
    return codes


def is_national_jiucuo(url: str) -> bool:
    """True for the national 找错 platform's pages and badge images (``…/exposure/…``): the crawl reads
    these links and never requests them, they are not the unit's own links to check."""
    return "/exposure/" in urlsplit(url).path


def jiucuo_codes(sel: Selector) -> tuple[str, ...]:
    """The 网站标识码 every 找错 entry of the page carries, in page order, each once."""
    raw = _href_codes(sel)
    raw += strings(sel, "//script[@id='_jiucuo_' or contains(@src, 'jiucuo')]/@sitecode")
    for onclick in strings(sel, "//*[@id='_span_jiucuo']//@onclick"):
        raw.extend(_ONCLICK.findall(onclick))
    codes = (_code(value) for value in raw)
    return tuple(dict.fromkeys(code for code in codes if code))
