"""Which URLs of a site the crawl fetches as pages, and the traps it stays out of.

One ``SiteFrontier`` per site remembers what was scheduled (as URL digests), how many pages were
taken, how many query variants each path produced and how many list pages each column has. It
is plain picklable data: the spider keeps it in ``spider.state`` so a crawl stopped with JOBDIR
resumes with the same caps and never schedules a URL twice.

Traps a government site sets without meaning to: calendars that link to the next month forever
(``/calendar?y=2026&m=12`` → ``m=13`` …), search and filter pages with endless query variants,
and list pages whose 下一页 never ends. Each is bounded here: the query-variant cap per path, a
horizon for dates in URLs, the pagination cap per column, the depth cap and ``max_pages``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlsplit

from govcrawl.crawl.urls import host_of, is_site_host, page_key, path_key, url_digest

__all__ = ["Caps", "SiteFrontier", "calendar_month"]

_YEAR_KEYS = ("y", "year", "nian")
_MONTH_KEYS = ("m", "month", "yue")
_DATE_KEYS = ("date", "day", "d", "riqi")
_ISO_MONTH = re.compile(r"((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])(?:[-/_]?(0[1-9]|[12]\d|3[01]))?")
_PATH_MONTH = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])(?:/|$)")


def _month(year: str, month: str) -> date | None:
    try:
        return date(int(year), int(month), 1)
    except ValueError:
        return None


def calendar_month(url: str) -> date | None:
    """The month a calendar-like URL points at (``?y=2026&m=11``, ``?date=2026-11``,
    ``/2026/11/``), or None when the URL names no month."""
    parts = urlsplit(url)
    query = {k.lower(): v for k, v in parse_qsl(parts.query)}
    year = next((query[k] for k in _YEAR_KEYS if k in query), None)
    month = next((query[k] for k in _MONTH_KEYS if k in query), None)
    if year and month and year.isdigit() and month.isdigit():
        return _month(year, month)
    for key in _DATE_KEYS:
        m = _ISO_MONTH.fullmatch(query.get(key, "")) or _ISO_MONTH.match(query.get(key, ""))
        if m:
            return _month(m.group(1), m.group(2))
    m = _PATH_MONTH.search(parts.path)
    return _month(m.group(1), m.group(2)) if m else None


@dataclass(frozen=True)
class Caps:
    """The limits of one site's crawl (from settings, the region file and the site entry)."""

    max_pages: int
    max_depth: int
    max_query_variants: int
    max_pagination: int
    calendar_horizon: timedelta
    as_of: date


@dataclass
class SiteFrontier:
    """The crawl's memory of one site: scheduled URLs and the counters the caps apply to."""

    hosts: set[str]
    caps: Caps
    seen: set[bytes] = field(default_factory=set)
    pages: int = 0
    variants: dict[str, int] = field(default_factory=dict)
    pagination: dict[str, int] = field(default_factory=dict)

    def owns(self, url: str) -> bool:
        """True when ``url`` is on one of the site's own hosts."""
        return is_site_host(host_of(url), self.hosts)

    def first_time(self, url: str) -> bool:
        """True (and remembered) the first time a canonical URL (or its directory-index twin) is
        scheduled in this run."""
        key = url_digest(page_key(url))
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def refusal(self, url: str, depth: int, column_root: str = "") -> str:
        """Why ``url`` (a canonical page URL of this site) must not be crawled; "" when it may.

        ``column_root`` is set for a column's further list pages, which count against the
        pagination cap instead of the depth cap.
        """
        caps = self.caps
        if self.pages >= caps.max_pages:
            return f"max_pages {caps.max_pages} reached"
        if not column_root and depth > caps.max_depth:
            return f"deeper than {caps.max_depth}"
        if column_root and self.pagination.get(column_root, 0) >= caps.max_pagination:
            return f"column has {caps.max_pagination} list pages already"
        when = calendar_month(url)
        if when is not None and when > caps.as_of + caps.calendar_horizon:
            return f"calendar date {when:%Y-%m} beyond the horizon"
        if urlsplit(url).query and self.variants.get(path_key(url), 0) >= caps.max_query_variants:
            return f"path has {caps.max_query_variants} query variants already"
        return ""

    def take(self, url: str, column_root: str = "") -> None:
        """Count ``url`` as a crawled page against the caps."""
        self.pages += 1
        if urlsplit(url).query:
            key = path_key(url)
            self.variants[key] = self.variants.get(key, 0) + 1
        if column_root:
            self.pagination[column_root] = self.pagination.get(column_root, 0) + 1
