"""Footer identifiers (网站标识缺失 indicator).

Every government site must show, usually in its footer: the 网站标识码 (10 digits, or ``bm`` + 8
digits for State Council departments), the ICP备案编号, the 公安机关备案号 and the 党政机关网站标识
(a red badge linking to bszs.conac.cn / dcs.conac.cn), and the codes of its 我为政府网站找错 entries
(govcrawl/extract/jiucuo.py). The footer region is searched first, then
the whole page, so an identifier placed elsewhere still counts as present.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from parsel import Selector

from govcrawl.extract._dom import document_text, script_texts, selector_text, strings
from govcrawl.extract.jiucuo import jiucuo_codes

logger = logging.getLogger(__name__)

__all__ = ["Footer", "footer_ids", "footer_text"]


@dataclass(frozen=True)
class Footer:
    """Identifiers found on a page; None / False when absent."""

    site_id_code: str | None
    icp: str | None
    police: str | None
    dzjg: bool
    jiucuo_codes: tuple[str, ...] = ()


_SITE_ID = re.compile(r"(?:标识码|標識碼)\s*[:：]?\s*((?:bm|BM)\d{8}|\d{10})(?![0-9])")
# Sites published in Traditional characters (or converted to them) write 備, 號, 網, 編, 機關.
_ICP = re.compile(r"([\u4e00-\u9fff]?ICP\s*[备備证證]\s*[:：]?\s*\d{6,}\s*[号號](?:\s*-\s*\d+)?)", re.IGNORECASE)
_POLICE = re.compile(
    r"([\u4e00-\u9fff]?公[网網]安[备備]\s*[:：]?\s*\d{8,}\s*[号號]?"
    r"|公安(?:机关|機關)?[备備]案(?:[号號]|[编編][号號])\s*[:：]?\s*\d[\d\-]{7,}(?:\s*[号號])?)"
)
_CONAC = re.compile(r"conac|党政机关|黨政機關", re.IGNORECASE)
_FOOTER_XPATH = (
    "//footer | //*[@class or @id][contains(translate(@id, 'FOTBMCPYRIGH', 'fotbmcpyrigh'), 'foot')"
    " or contains(translate(@class, 'FOTBMCPYRIGH', 'fotbmcpyrigh'), 'foot')"
    " or contains(translate(@id, 'FOTBMCPYRIGH', 'fotbmcpyrigh'), 'bottom')"
    " or contains(translate(@class, 'FOTBMCPYRIGH', 'fotbmcpyrigh'), 'bottom')"
    " or contains(translate(@id, 'FOTBMCPYRIGH', 'fotbmcpyrigh'), 'copyright')"
    " or contains(translate(@class, 'FOTBMCPYRIGH', 'fotbmcpyrigh'), 'copyright')]"
)


def _attr_text(sel: Selector) -> str:
    """alt/title texts of images and links: identifiers are sometimes only in an image."""
    values = strings(sel, ".//img/@alt | .//img/@title | .//a/@title")
    return "\n".join(v for v in values if v.strip())


def footer_text(sel: Selector) -> str:
    """Text of the footer region: footer tags and foot/bottom/copyright blocks, else the last 30%."""
    parts = [selector_text(node) + "\n" + _attr_text(node) for node in sel.xpath(_FOOTER_XPATH)]
    text = "\n".join(p for p in parts if p.strip())
    if text.strip():
        return text
    whole = document_text(sel)
    return whole[int(len(whole) * 0.7) :]


def _search(pattern: re.Pattern[str], texts: list[str], group: int = 1) -> str | None:
    for text in texts:
        m = pattern.search(text)
        if m:
            return " ".join(m.group(group).split())
    return None


def _has_dzjg(sel: Selector) -> bool:
    for value in strings(sel, "//a/@href | //img/@src | //img/@alt | //img/@title | //script/@src"):
        if _CONAC.search(value):
            return True
    # Badge injected by the official script: document.write(... dcs.conac.cn ...)
    return any("conac.cn" in script for script in script_texts(sel))


def footer_ids(sel: Selector) -> Footer:
    """The 网站标识码, ICP备案号, 公安备案号 and 党政机关标识 of a page.

    The footer is read first; the whole visible text and image alt texts are the fallback.
    """
    attrs = "\n".join(v for v in strings(sel, "//img/@alt | //img/@title | //a/@title") if v.strip())
    texts = [footer_text(sel), document_text(sel) + "\n" + attrs]
    site_id = _search(_SITE_ID, texts)
    return Footer(
        site_id_code=site_id.lower() if site_id and site_id[:2].lower() == "bm" else site_id,
        icp=_search(_ICP, texts),
        police=_search(_POLICE, texts),
        dzjg=_has_dzjg(sel),
        jiucuo_codes=jiucuo_codes(sel),
    )
