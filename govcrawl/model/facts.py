"""What site-scope rules read: one site's facts, aggregated from the database after the crawl.

govcrawl/storage/load_facts.py builds a ``SiteFacts`` from the stored rows (pages, columns, links,
samples); tests build them in code. Everything here is a frozen value object, so a rule cannot
change what the next rule sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from govcrawl.regions import Site


@dataclass(frozen=True)
class DatedEntry:
    """An item of a list (homepage or column) with the date printed beside it."""

    title: str
    url: str
    date: date | None


@dataclass(frozen=True)
class FooterIds:
    """Identifiers the homepage shows (None / False when absent)."""

    site_id_code: str | None
    icp: str | None
    police: str | None
    dzjg: bool
    jiucuo_codes: tuple[str, ...] = ()  # the 网站标识码 of each 我为政府网站找错 entry


@dataclass(frozen=True)
class HomePage:
    url: str
    footer: FooterIds
    newest: DatedEntry | None
    needs_rendering: bool = False  # its lists are built by scripts and no browser rendered them
    final_url: str = ""  # where the homepage's redirects ended ("" when not known)
    search: str = ""  # its site search: "form", "unsubmittable", "none"; "" when not known
    search_seen: str = ""  # what extraction read of it
    care_entry: bool | None = None  # a 关怀版/无障碍 entry (None when not known)


@dataclass(frozen=True)
class ColumnFacts:
    """A 栏目 merged over its pagination; ``depth`` is its first page's link distance from the
    homepage (None when unknown)."""

    url: str
    name: str
    cls: str
    newest_date: date | None
    item_count: int
    empty: bool
    empty_marker: str
    depth: int | None
    needs_rendering: bool = False


@dataclass(frozen=True)
class LinkPlace:
    """A page a link appears on, with the anchor text a reader sees there."""

    page_url: str
    anchor: str
    on_home: bool


@dataclass(frozen=True)
class BrokenLink:
    url: str
    kind: str
    status: int | None
    error: str
    places: tuple[LinkPlace, ...]


@dataclass(frozen=True)
class Availability:
    """One attempt to open the homepage (``source`` crawl or probe)."""

    at: datetime
    ok: bool
    status: int | None
    error: str
    elapsed: float | None
    source: str


@dataclass(frozen=True)
class MetadataGap:
    url: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class GuideFacts:
    """A service guide (办事指南) page and the key elements it lacks."""

    url: str
    name: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class MessageFacts:
    """A consultation message of a mailbox list, and the list page it was read from."""

    page_url: str
    title: str
    url: str
    posted: date | None
    answered: date | None
    status: str


@dataclass(frozen=True)
class SearchAttempt:
    """One query sent to the site's search: ``outcome`` found, missed, error or unchecked."""

    query: str
    article_url: str
    search_url: str
    outcome: str
    detail: str


@dataclass(frozen=True)
class PageAccess:
    """The basic accessibility checks one page fails (empty when it passes them)."""

    url: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class DatedArticle:
    """An article page and the 发布日期 it showed (``shown``); ``seen_on`` is the as_of of the run that saw it
    (earlier runs), ``text`` its visible text (kept only for pages whose title another run also saw)."""

    title: str
    url: str
    shown: date
    seen_on: date
    text: str = ""


@dataclass(frozen=True)
class TransportFacts:
    """What the once-per-site IPv6 and HTTPS check of the homepage host saw (crawl/transport.py).

    ``aaaa`` are the host's IPv6 addresses; ``ipv6_status`` the HTTP status the homepage answered
    over IPv6 (None: no answer, ``ipv6_error`` says why); ``ipv6_unknown`` is set when the check could
    not tell (a lookup that timed out, a checking machine without IPv6 route). ``https_url`` is the
    address tried over TLS; ``cert_problem`` is "" (the certificate verified), "expired", "name" (not
    valid for the host), "untrusted" (any other verification failure), "none" (no TLS handshake) or "unknown" (the host
    could not be looked up: not judged);
    ``https_status`` the status of the homepage over HTTPS after a verified handshake.
    """

    host: str
    aaaa: tuple[str, ...]
    ipv6_url: str
    ipv6_status: int | None
    ipv6_error: str
    https_url: str
    cert_problem: str
    https_status: int | None
    https_error: str
    cert_names: tuple[str, ...] = ()
    cert_expires: datetime | None = None
    ipv6_unknown: bool = False


@dataclass(frozen=True)
class SiteFacts:
    """Everything the site-scope rules know about one site after one run.

    ``checked_on`` is the day the run looked (the annex's 发现时间); ``page_count`` the pages the
    crawl stored; ``consultation`` the URLs of consultation channels linked from any page.
    """

    site: Site
    checked_on: date
    page_count: int
    home: HomePage | None
    columns: tuple[ColumnFacts, ...] = ()
    broken_links: tuple[BrokenLink, ...] = ()
    samples: tuple[Availability, ...] = ()
    metadata_gaps: tuple[MetadataGap, ...] = ()
    guides: tuple[GuideFacts, ...] = ()
    messages: tuple[MessageFacts, ...] = ()
    consultation: tuple[str, ...] = ()
    reports: tuple[DatedEntry, ...] = ()  # pages and list items whose title names a 年度报告
    disclosure: tuple[str, ...] = ()  # the site's own pages linked as 信息公开 (its disclosure section)
    searches: tuple[SearchAttempt, ...] = ()  # the queries sent to its search, in order
    accessibility: tuple[PageAccess, ...] = ()  # every stored page, homepage first, then in crawl order
    #: this run's dated articles whose title an earlier run of the region also saw, and those earlier
    #: sightings (older runs of the same spider): what 旧文新发 compares
    articles: tuple[DatedArticle, ...] = ()
    earlier_articles: tuple[DatedArticle, ...] = ()
    transport: TransportFacts | None = None  # the IPv6/HTTPS check (None: not run for this site)
