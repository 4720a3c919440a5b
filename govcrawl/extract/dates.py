"""Dates as a reader sees them on Chinese government pages.

Staleness rules (栏目不更新, 首页不更新) count back from the newest date a page shows, and the
元数据 rules compare a page's ``PubDate`` meta with the date printed on it. Dates appear as
2026-11-18, 2026/11/18, 2026.11.18, 2026年11月18日, [2026-11-18], (11-18), full-width digits, or
behind a label such as "发布时间：2026-11-18 10:00".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from parsel import Selector

from govcrawl.extract._dom import document_text, normalize_space, per_document, strings
from govcrawl.extract.metadata import page_metadata

logger = logging.getLogger(__name__)

__all__ = ["PublishDate", "article_url_date", "find_dates", "parse_date", "publish_date"]

MIN_YEAR = 1990
MAX_YEAR = 2100

_FULLWIDTH = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")

_FULL = re.compile(
    r"(?<![0-9])((?:19|20|21)\d{2})\s*(?:"
    r"年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"
    r"|([-/.])\s*(\d{1,2})\s*\4\s*(\d{1,2})"
    r")(?![0-9])"
)
_SHORT = re.compile(r"(?<![0-9\-/.年])(\d{1,2})\s*(?:([-/.])\s*(\d{1,2})|月\s*(\d{1,2})\s*日)(?![0-9\-/.])")
_COMPACT = re.compile(r"(?<![0-9])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![0-9])")

_LABEL = re.compile(
    r"(?:发布日期|发布时间|发文日期|成文日期|发表时间|更新时间|更新日期|日期|时间)\s*[:：]?\s*"
)


def _make(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _normalize(text: str) -> str:
    return text.translate(_FULLWIDTH)


def find_dates(text: str, default_year: int | None = None) -> list[date]:
    """Every plausible date in ``text``, in order of appearance.

    Full dates carry a year between 1990 and 2100 and a valid month/day. A bare "11-18" or
    "11月18日" counts only when ``default_year`` is given (a list page whose year is known).
    """
    text = _normalize(text)
    found: list[tuple[int, date]] = []
    taken: list[tuple[int, int]] = []
    for m in _FULL.finditer(text):
        year = int(m.group(1))
        if m.group(2):
            month, day = int(m.group(2)), int(m.group(3))
        else:
            month, day = int(m.group(5)), int(m.group(6))
        d = _make(year, month, day)
        if d is not None:
            found.append((m.start(), d))
            taken.append(m.span())
    if default_year is not None:
        for m in _SHORT.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            month = int(m.group(1))
            day = int(m.group(3) or m.group(4))
            d = _make(default_year, month, day)
            if d is not None:
                found.append((m.start(), d))
    found.sort(key=lambda pair: pair[0])
    return [d for _, d in found]


def parse_date(text: str) -> date | None:
    """The first full date in ``text`` (also ISO timestamps such as 2026-11-18T10:00:00+08:00)."""
    dates = find_dates(text)
    if dates:
        return dates[0]
    m = _COMPACT.search(_normalize(text))
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


_URL_PATTERNS = (
    re.compile(r"/((?:19|20)\d{2})-?(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/"),
    re.compile(r"[/_]t((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])_"),
    re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/"),
    re.compile(r"/((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/"),
)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})-?(0[1-9]|1[0-2])/")


def article_url_date(url: str) -> date | None:
    """The date a CMS encodes in an article URL (/2026-11/18/, /t20261118_, /20261118/).

    A path with only a month (/202611/) gives the first of that month: a lower bound, used only
    when a list item shows no date at all.
    """
    for pattern in _URL_PATTERNS:
        m = pattern.search(url)
        if m:
            d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if d is not None:
                return d
    m = _URL_MONTH.search(url)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), 1)
    return None


@dataclass(frozen=True)
class PublishDate:
    """When a page says it was published.

    ``source`` is "label" (a visible 发布时间： label), "meta" (PubDate and similar meta tags),
    "text" (the first date near the top of the body) or "none". ``conflict`` describes a
    disagreement between the meta date and the visible one.
    """

    date: date | None
    source: str
    conflict: str | None = None


_META_DATE_NAMES = ("PubDate", "publishdate", "firstpublishedtime", "article:published_time",
                    "og:release_date", "publish_date", "pubdate", "date", "dc.date")


def _meta_date(sel: Selector) -> tuple[str, date] | None:
    meta = page_metadata(sel)
    lowered = {k.lower(): (k, v) for k, v in meta.items()}
    for name in _META_DATE_NAMES:
        entry = lowered.get(name.lower())
        if entry:
            d = parse_date(entry[1])
            if d is not None:
                return entry[0], d
    for value in strings(sel, "//meta[@property='article:published_time']/@content"):
        d = parse_date(value)
        if d is not None:
            return "article:published_time", d
    return None


_BRACKET_LABEL = re.compile(r"【\s*(?:发布日期|发布时间|日期|时间)\s*[:：]?\s*([^】]{6,30})】")
_DATE_AFTER_LABEL = r"\s*[:：]\s*[\[\(（【]?\s*([0-9０-９]{4}\s*[-/.年][^\n]{2,16})"
# A bare 日期/时间 label must not be the tail of another word: 生成日期, 成文日期, 更新时间 say when the
# page was generated, signed or edited, 展会时间/开始时间 when an event takes place, not when it was published.
_LABEL_DATE = re.compile(
    r"(?:发布日期|发布时间|发文日期|发表时间|(?<![\u4e00-\u9fff])(?:日期|时间))" + _DATE_AFTER_LABEL)
_LATE_LABEL_DATE = re.compile(r"(?:成文日期|生成日期|生成时间)" + _DATE_AFTER_LABEL)


_T2S_LABEL = (("發", "发"), ("佈", "布"), ("時", "时"), ("間", "间"))


def labelled_date(text: str) -> date | None:
    """The first date standing right after a 发布时间/日期 label (also 發佈時間) in visible text;
    a 成文日期/生成日期 only when no publish label carries a date."""
    for traditional, simplified in _T2S_LABEL:  # str.replace, not translate: texts are long, the table short
        text = text.replace(traditional, simplified)
    for pattern in (_LABEL_DATE, _BRACKET_LABEL, _LATE_LABEL_DATE):
        for m in pattern.finditer(text):
            d = parse_date(m.group(1))
            if d is not None:
                return d
    return None


def _visible_label_date(sel: Selector) -> date | None:
    return labelled_date(document_text(sel))


@per_document
def publish_date(sel: Selector) -> PublishDate:
    """The publish date of an article page.

    Last resort ("text"): an unlabelled full date right under the page's h1.

    A visible labelled date (发布日期/发布时间/发文日期/日期/时间： followed by a date, also
    【发布时间：…】) wins, as it is what readers and inspectors see; otherwise the PubDate meta
    (also ``publishdate``, ``article:published_time``). When both exist and differ, ``conflict``
    says so.
    """
    visible = _visible_label_date(sel)
    meta = _meta_date(sel)
    if visible is not None:
        conflict = None
        if meta is not None and meta[1] != visible:
            conflict = f"meta {meta[0]} {meta[1].isoformat()} differs from visible {visible.isoformat()}"
        return PublishDate(visible, "label", conflict)
    if meta is not None:
        return PublishDate(meta[1], "meta", None)
    near = _date_near_heading(sel)
    if near is not None:
        return PublishDate(near, "text", None)
    return PublishDate(None, "none", None)


def _date_near_heading(sel: Selector) -> date | None:
    """An unlabelled date printed just under the article's h1 (within 120 characters)."""
    heading = normalize_space(" ".join(strings(sel, "(//h1)[1]//text()")))
    if len(heading) < 4:
        return None
    text = document_text(sel)
    at = text.find(heading)
    if at < 0:
        return None
    dates = find_dates(text[at + len(heading) : at + len(heading) + 120])
    return dates[0] if dates else None


def first_text_date(text: str) -> date | None:
    """The first full date in a short text; helper for callers that have no label."""
    dates = find_dates(normalize_space(text))
    return dates[0] if dates else None
