"""Online consultation channels and mailbox lists (互动回应差 indicator).

A site must offer a working consultation channel (领导信箱, 在线咨询, 留言板 …; 信访 and 纪检举报
channels do not count), and must answer messages within 3 months. Mailbox list pages show, per
message, when it was posted (留言时间/来信时间), when answered (答复时间/回复时间) and a status
(已回复/办理中 …), either as a table with a header row or as list items with labelled spans.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lxml import etree  # type: ignore[import-untyped]  # parsel's own parser; no stubs
from parsel import Selector

from govcrawl.extract._dom import heading_text, node_text, normalize_space, selector_text
from govcrawl.extract._urls import base_href, resolve_url
from govcrawl.extract.dates import find_dates
from govcrawl.model.channels import EXCLUDED_WORDS
from govcrawl.model.text import to_simplified

logger = logging.getLogger(__name__)

__all__ = [
    "Message",
    "is_mailbox_page",
    "mailbox_entries",
]

_POSTED = ("留言时间", "提问时间", "来信时间", "咨询时间", "提交时间", "写信时间", "来信日期",
           "留言日期", "提问日期")
_ANSWERED = ("答复时间", "回复时间", "回覆时间", "办结时间", "回复日期", "答复日期", "办结日期", "处理时间")
_STATUS = ("状态", "办理状态", "处理状态", "回复状态", "答复状态")
_TITLE = ("标题", "主题", "信件标题", "留言标题", "咨询标题", "留言主题", "信件主题", "事项")
_STATUS_VALUES = re.compile(
    r"(已回复|未回复|已答复|未答复|待回复|待答复|已办结|未办结|办理中|处理中|已处理|未处理|已受理|待受理|不予受理|已转办)"
)
_MAILBOX_WORDS = re.compile(r"留言|信件|来信|咨询|信箱|问政|诉求")


@dataclass(frozen=True)
class Message:
    """One message of a mailbox list: title, URL, posted and answered dates, status text."""

    title: str
    url: str
    posted: date | None
    answered: date | None
    status: str


def _which(label: str) -> str | None:
    label = to_simplified(re.sub(r"[\s:：]", "", label))
    for field, names in (("posted", _POSTED), ("answered", _ANSWERED), ("status", _STATUS),
                         ("title", _TITLE)):
        if any(label == n or (len(label) <= 8 and n in label) for n in names):
            return field
    return None


def _status(text: str, answered: date | None) -> str:
    m = _STATUS_VALUES.search(text)
    if m:
        return m.group(1)
    return "已回复" if answered is not None else ""


def _row_link(row: Selector, base: str) -> tuple[str, str] | None:
    best: tuple[str, str] | None = None
    for link in row.xpath(".//a[@href]"):
        text = node_text(link) or normalize_space(
            link.attrib.get("title") or ""
        )
        url = resolve_url(link.attrib.get("href", ""), base)
        if url and text and (best is None or len(text) > len(best[0])):
            best = (text, url)
    return best


def _first_date(text: str) -> date | None:
    dates = find_dates(text)
    return dates[0] if dates else None


def _table_messages(sel: Selector, base: str) -> list[Message]:
    messages: list[Message] = []
    for table in sel.xpath("//table"):
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr")
        if len(rows) < 2:
            continue
        header = rows[0]
        cells = header.xpath("./th | ./td")
        fields = [_which(node_text(c)) for c in cells]
        if "posted" not in fields and "answered" not in fields:
            continue
        for row in rows[1:]:
            values = row.xpath("./td | ./th")
            if len(values) != len(fields):
                continue
            found = _row_link(row, base)
            if found is None:
                continue
            posted, answered, status = _message_fields(
                (field, selector_text(cell)) for field, cell in zip(fields, values, strict=True))
            messages.append(Message(found[0], found[1], posted, answered,
                                    status or _status(selector_text(row), answered)))
    return messages


def _message_fields(pairs: Iterable[tuple[str | None, str]]) -> tuple[date | None, date | None, str]:
    """(posted, answered, status) from (field, text) pairs of a table row or a labelled item."""
    posted = answered = None
    status = ""
    for field, text in pairs:
        if field == "posted":
            posted = _first_date(text)
        elif field == "answered":
            answered = _first_date(text)
        elif field == "status":
            status = normalize_space(text)
    return posted, answered, status


_LABELLED = re.compile(
    r"(" + "|".join(_POSTED + _ANSWERED + _STATUS) + r")\s*[:：]\s*(\d{4}[0-9年月日/.\-]{4,12}|[\u4e00-\u9fff]{2,6})"
)


_HAS_COLON = etree.XPath("boolean(.//text()[contains(., ':') or contains(., '：')])")


def _item_messages(sel: Selector, base: str) -> list[Message]:
    messages: list[Message] = []
    for item in sel.xpath("//li | //dl | //div[not(.//li) and not(.//div)]"):
        if not _HAS_COLON(item.root):
            continue  # no "标签：" in its text (t2s below maps no character to a colon)
        text = selector_text(item)
        if len(text) > 500:
            continue
        text = to_simplified(text)
        labels = {m.group(1): m.group(2) for m in _LABELLED.finditer(text)}
        if not labels:
            continue
        posted, answered, status = _message_fields((_which(label), value) for label, value in labels.items())
        if posted is None and answered is None:
            continue
        found = _row_link(item, base)
        if found is None:
            continue
        messages.append(Message(found[0], found[1], posted, answered, status or _status(text, answered)))
    return messages


def mailbox_entries(sel: Selector, base_url: str) -> list[Message]:
    """Messages listed on a mailbox page (tables with a header row, or labelled list items)."""
    base = base_href(sel, base_url)
    messages = _table_messages(sel, base) or _item_messages(sel, base)
    seen: set[str] = set()
    unique = []
    for m in messages:
        if m.url not in seen:
            seen.add(m.url)
            unique.append(m)
    return unique


def is_mailbox_page(sel: Selector) -> bool:
    """True when the page lists consultation messages with posted/answered dates and its title or
    heading names a mailbox (留言/信件/咨询/信箱)."""
    heading = heading_text(sel)
    if any(word in heading for word in EXCLUDED_WORDS if word != "监察"):
        return False
    entries = mailbox_entries(sel, "http://localhost/")
    return len(entries) >= 1 and bool(_MAILBOX_WORDS.search(heading) or len(entries) >= 3)
