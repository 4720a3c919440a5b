"""What the spiders yield. Plain dataclasses (itemadapter handles them); one per kind of fact."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govcrawl.extract.page import PageFacts
    from govcrawl.model.facts import TransportFacts
    from govcrawl.model.findings import Finding


@dataclass
class PageItem:
    """One HTML page of a site and what extraction saw in it."""

    site: str                 # 网站标识码 of the site the page belongs to
    url: str                  # the URL as requested (canonical form)
    final_url: str            # after redirects
    status: int
    depth: int
    is_home: bool
    fetched_at: datetime
    facts: PageFacts
    encoding: str = "utf-8"
    rendered: bool = False    # the page was fetched through the browser
    needs_rendering: bool = False  # it needed the browser but none was available
    column_root: str = ""     # for paginated list pages: URL of the column's first page
    findings: list[Finding] = field(default_factory=list)  # filled by the rules pipeline


@dataclass
class LinkItem:
    """The check of one distinct link a site publishes (once per run)."""

    site: str
    url: str
    kind: str                 # page | image | attachment | external
    verdict: str              # ok | broken | suspected
    status: int | None
    error: str
    checked_at: datetime
    method: str = "HEAD"
    via_browser: bool = False


@dataclass
class SampleItem:
    """One attempt to open a site's homepage (crawl or probe): the 站点无法访问 evidence."""

    site: str
    url: str
    ok: bool
    status: int | None
    error: str
    elapsed: float | None
    at: datetime
    source: str = "crawl"     # crawl | probe


@dataclass
class SearchItem:
    """One query govcrawl sent to a site's search and what came back (搜索功能缺失 evidence)."""

    site: str
    query: str
    article_url: str          # the crawled article whose title was asked for
    search_url: str           # the address the query was sent to
    outcome: str              # found | missed | error | unchecked (see govcrawl.spiders._search)
    detail: str               # what came back, for the annex ("HTTP 500", "返回12个链接，未含该文章")
    status: int | None
    at: datetime


@dataclass
class TransportItem:
    """The IPv6/HTTPS check of one site's homepage host (once per site and run)."""

    site: str
    facts: TransportFacts
    checked_at: datetime


@dataclass
class PostItem:
    """One post of a 政务新媒体 account, read from its feed."""

    account: str
    platform: str
    title: str
    text: str
    link: str
    published: datetime | None
    feed_url: str
    fetched_at: datetime = field(default_factory=datetime.now)  # when the feed page was read
    findings: list[Finding] = field(default_factory=list)  # filled by the rules pipeline


@dataclass
class AccountItem:
    """The outcome of reading one account's feed (sent once per account when it is done)."""

    account: str
    platform: str
    feed_url: str
    ok: bool
    problem: str = ""         # why the account counts as 账号无法访问
    post_count: int = 0
    newest: datetime | None = None
    checked_at: datetime = field(default_factory=datetime.now)
