"""Read one page of a 政务新媒体 account's feed: RSS 2.0, Atom or JSON Feed, as posts.

Pure: bytes in, a ``ParsedFeed`` out, no I/O. The spider (govcrawl/spiders/newmedia.py) fetches the
pages and follows ``next_url``; the account rules read what comes out of here.

- RSS and Atom go through feedparser, which also reads RSS 0.9x/1.0 and tolerates broken XML: a
  malformed feed that still yields entries is read; one that yields none is "not a feed".
- JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) are read with ``json`` directly.
- Paging: RFC 5005 ``<link rel="next">`` (an ``atom:link`` inside RSS too) and JSON Feed ``next_url``.
- Dates: every post date comes out time-zone aware in China Standard Time. A date without a zone is
  taken as Asia/Shanghai: Chinese platforms and CMSs print local time. "CST" in an RFC 822 date is
  China Standard Time here (Python would read US Central, fourteen hours off).
- Text: HTML removed the way the page extractors remove it (blocks on their own lines), so the post
  rules see the same text a page rule would.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from parsel import Selector

from govcrawl.extract._dom import normalize_space, selector_text
from govcrawl.extract.dates import find_dates
from govcrawl.model.account_facts import CHINA_TZ, FeedPost, china_time

logger = logging.getLogger(__name__)

__all__ = ["ParsedFeed", "parse_feed"]

KINDS = ("rss", "atom", "json")
_JSON_TYPES = ("application/feed+json", "application/json", "text/json")
_JSONFEED_VERSION = "https://jsonfeed.org/version/"
_CST = re.compile(r"\s+CST\s*$", re.IGNORECASE)
_MINUS_ZERO = re.compile(r"\s-0000\s*$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_LOOKS_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedFeed:
    """One feed page: ``error`` is empty when it is a feed, else why it is not (shown in the annex)."""

    kind: str                    # rss | atom | json; "" when error
    posts: tuple[FeedPost, ...]
    next_url: str = ""
    error: str = ""
    warning: str = ""            # a feed read despite a defect (malformed XML with entries)

    @property
    def ok(self) -> bool:
        return not self.error


def parse_feed(body: bytes, content_type: str, url: str) -> ParsedFeed:
    """Parse one feed page fetched from ``url``; relative links resolve against ``url``."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in _JSON_TYPES or body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _parse_json(body, url)
    return _parse_xml(body, media, url)


# -- XML: RSS and Atom ---------------------------------------------------------------------------

def _parse_xml(body: bytes, media: str, url: str) -> ParsedFeed:
    parsed = feedparser.parse(body, response_headers={"content-type": media or "application/xml",
                                                      "content-location": url})
    version = str(parsed.get("version") or "")
    entries = parsed.get("entries") or []
    bozo = parsed.get("bozo_exception")
    # Content-type and encoding complaints are harmless; broken XML is not.
    broken = bozo is not None and not isinstance(bozo, feedparser.ThingsNobodyCaresAboutButMe)
    kind = "atom" if version.startswith("atom") else "rss" if version.startswith("rss") else ""
    if not entries and (broken or not kind):
        return ParsedFeed(kind="", posts=(), error=_not_a_feed(body, media, bozo if broken else None))
    posts = tuple(_xml_post(entry, url) for entry in entries)
    next_url = next((urljoin(url, link.get("href", "")) for link in parsed.feed.get("links", [])
                     if link.get("rel") == "next" and link.get("href")), "")
    warning = f"XML格式有误，仍读出{len(posts)}条内容：{bozo}" if broken else ""
    return ParsedFeed(kind=kind or "rss", posts=posts, next_url=next_url, warning=warning)


def _not_a_feed(body: bytes, media: str, bozo: object) -> str:
    if media in ("text/html", "application/xhtml+xml") or _LOOKS_HTML.match(body):
        return "返回的是HTML网页，不是订阅源（RSS/Atom/JSON Feed）"
    if not body.strip():
        return "返回内容为空，不是订阅源"
    if bozo is not None:
        return f"XML格式错误，未能读出任何内容：{bozo}"
    return "返回内容不是RSS、Atom或JSON Feed订阅源"


def _xml_post(entry: Any, url: str) -> FeedPost:
    content = entry.get("content") or []
    html = content[0].get("value", "") if content else entry.get("summary", "")
    # Reading only the key that is present: feedparser warns when a missing *_parsed is asked for.
    key = next((k for k in ("published", "updated", "created") if entry.get(k)), "")
    raw_date = entry.get(key, "") if key else ""
    fallback = entry.get(f"{key}_parsed") if key else None
    return FeedPost(title=_strip(entry.get("title", ""), inline=True), text=_strip(html),
                    link=urljoin(url, entry.get("link", "")) if entry.get("link") else "",
                    published=_date(raw_date, fallback))


# -- JSON Feed -----------------------------------------------------------------------------------

def _parse_json(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return ParsedFeed(kind="", posts=(), error=f"JSON格式错误，不是有效的JSON Feed：{exc}")
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(_JSONFEED_VERSION):
        return ParsedFeed(kind="", posts=(), error="返回的JSON不是JSON Feed（缺少version声明）")
    items = data.get("items")
    if not isinstance(items, list):
        return ParsedFeed(kind="", posts=(), error="JSON Feed缺少items列表")
    posts = tuple(_json_post(item, url) for item in items if isinstance(item, dict))
    next_url = data.get("next_url")
    return ParsedFeed(kind="json", posts=posts,
                      next_url=urljoin(url, next_url) if isinstance(next_url, str) and next_url else "")


def _json_post(item: dict[str, Any], url: str) -> FeedPost:
    html = _str(item.get("content_html"))
    text = _strip(html) if html else normalize_space(_str(item.get("content_text")) or _str(item.get("summary")))
    link = _str(item.get("url")) or _str(item.get("external_url"))
    raw_date = _str(item.get("date_published")) or _str(item.get("date_modified"))
    return FeedPost(title=_strip(_str(item.get("title")), inline=True), text=text,
                    link=urljoin(url, link) if link else "", published=_date(raw_date, None))


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


# -- shared --------------------------------------------------------------------------------------

def _strip(html: str, *, inline: bool = False) -> str:
    """Visible text of an HTML fragment; ``inline`` folds it to one line (titles)."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return normalize_space(html) if inline else html.strip()
    text = selector_text(Selector(text=f"<div>{html}</div>"))
    return normalize_space(text) if inline else text


def _date(raw: str, fallback: Any) -> datetime | None:
    """A post date from the feed's own string; feedparser's UTC reading of it as the last resort."""
    raw = raw.strip()
    if raw:
        parsed = _iso(raw) or _rfc822(raw) or _chinese(raw)
        if parsed is not None:
            return parsed
    if fallback:
        # feedparser understood a format we do not; it gives UTC and cannot tell us the source zone.
        return datetime.fromtimestamp(calendar.timegm(fallback), CHINA_TZ)
    if raw:
        logger.debug("unreadable feed date %r", raw)
    return None


def _iso(raw: str) -> datetime | None:
    try:
        return china_time(datetime.fromisoformat(raw))
    except ValueError:
        return None


def _rfc822(raw: str) -> datetime | None:
    text = _CST.sub(" +0800", raw)
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if value.tzinfo is None and _MINUS_ZERO.search(text):
        value = value.replace(tzinfo=UTC)  # RFC 5322: -0000 is UTC with the source zone unknown
    return china_time(value)


def _chinese(raw: str) -> datetime | None:
    """"2026年9月1日 10:30" and other forms the page date reader knows; the time when given."""
    dates = find_dates(raw)
    if not dates:
        return None
    day = dates[0]
    clock = _HAS_TIME.search(raw)
    hour, minute = (int(part) for part in clock.group(0).split(":")) if clock else (0, 0)
    if hour > 23 or minute > 59:
        hour, minute = 0, 0
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA_TZ)
