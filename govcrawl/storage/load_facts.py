"""Aggregate one site's stored rows of one run into the ``SiteFacts`` the site-scope rules read.

Pages carry extraction's facts as JSON (govcrawl.extract.page.facts_to_json: dataclass fields,
dates as ISO strings); columns, checked links, where links were seen and availability samples
have rows of their own. The pages are read once, streamed, whatever the site's size.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from govcrawl.crawl.column_urls import column_page
from govcrawl.model.channels import is_consultation_anchor
from govcrawl.model.facts import (
    Availability,
    BrokenLink,
    ColumnFacts,
    DatedEntry,
    FooterIds,
    GuideFacts,
    HomePage,
    LinkPlace,
    MessageFacts,
    MetadataGap,
    PageAccess,
    SearchAttempt,
    SiteFacts,
)
from govcrawl.regions import Site
from govcrawl.storage.history import republished_candidates
from govcrawl.storage.models import Column, Link, LinkSeen, Page, Run, Sample, Search
from govcrawl.storage.transport import load_transport

logger = logging.getLogger(__name__)

_STREAM = 200  # pages fetched per round trip while streaming


# Simplified or Traditional: 年度報告, 信息公開.
_REPORT = re.compile("年度[报報]告")
_DISCLOSURE = re.compile("信息公[开開]")


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _home(url: str, facts: Mapping[str, Any], needs_rendering: bool, final_url: str) -> HomePage:
    footer = _mapping(facts.get("footer"))
    newest = facts.get("homepage_newest")
    entry = None
    if isinstance(newest, Mapping):
        entry = DatedEntry(str(newest.get("title") or ""), str(newest.get("url") or ""), _date(newest.get("date")))
    # pages stored before the search and accessibility facts existed leave them unknown
    search = _mapping(facts.get("search"))
    access = facts.get("accessibility")
    return HomePage(url=url, newest=entry, needs_rendering=needs_rendering, final_url=final_url, footer=FooterIds(
        site_id_code=footer.get("site_id_code") or None, icp=footer.get("icp") or None,
        police=footer.get("police") or None, dzjg=bool(footer.get("dzjg")),
        jiucuo_codes=_strings(footer.get("jiucuo_codes"))),
        search=str(search.get("kind") or "") if search else ("none" if "search" in facts else ""),
        search_seen=str(search.get("seen") or ""),
        care_entry=bool(_mapping(access).get("care_entry")) if isinstance(access, Mapping) else None)


class _PageScan:
    """What one pass over a site's pages collects."""

    def __init__(self) -> None:
        self.count = 0
        self.home: HomePage | None = None
        self.home_depth = 0
        self.depths: dict[str, int] = {}
        self.gaps: list[MetadataGap] = []
        self.guides: list[GuideFacts] = []
        self.messages: dict[str, MessageFacts] = {}
        self.consultation: dict[str, None] = {}
        self.reports: dict[str, DatedEntry] = {}
        self.disclosure: dict[str, None] = {}
        self.access: list[PageAccess] = []

    def add(self, url: str, depth: int, is_home: bool, facts: Mapping[str, Any], needs_rendering: bool,
            final_url: str) -> None:
        self.count += 1
        self.depths[url] = depth
        key = column_page(url).key  # a column row is keyed by its first page's URL family
        self.depths[key] = min(depth, self.depths.get(key, depth))
        if is_home and (self.home is None or depth < self.home_depth):
            self.home, self.home_depth = _home(url, facts, needs_rendering, final_url), depth
        missing = _strings(facts.get("missing_metadata"))
        if missing:
            self.gaps.append(MetadataGap(url, missing))
        guide = facts.get("guide")
        if isinstance(guide, Mapping):
            self.guides.append(GuideFacts(url, str(guide.get("name") or ""), _strings(guide.get("missing"))))
        for raw in facts.get("mailbox") or ():
            message = _mapping(raw)
            key = str(message.get("url") or "") or f"{url}#{message.get('title')}"
            self.messages.setdefault(key, MessageFacts(
                page_url=url, title=str(message.get("title") or ""), url=str(message.get("url") or ""),
                posted=_date(message.get("posted")), answered=_date(message.get("answered")),
                status=str(message.get("status") or "")))
        for link in map(_mapping, facts.get("links") or ()):
            anchor = str(link.get("anchor") or "")
            if is_consultation_anchor(anchor):
                self.consultation.setdefault(str(link.get("url") or ""))
            if _DISCLOSURE.search(anchor) and link.get("kind") != "external":
                self.disclosure.setdefault(str(link.get("url") or ""))
        self._reports(url, facts)
        access = facts.get("accessibility")
        if isinstance(access, Mapping):
            page = PageAccess(url, _strings(access.get("problems")))
            if is_home:
                self.access.insert(0, page)
            else:
                self.access.append(page)

    def _reports(self, url: str, facts: Mapping[str, Any]) -> None:
        """The page itself and the items of its list whose title names a 年度报告 (the rule judges which)."""
        title = str(facts.get("title") or "")
        if _REPORT.search(title):
            self.reports[url] = DatedEntry(title, url, _date(_mapping(facts.get("publish_date")).get("date")))
        for item in map(_mapping, _mapping(facts.get("column")).get("items") or ()):
            item_url, item_title = str(item.get("url") or ""), str(item.get("title") or "")
            if _REPORT.search(item_title) and item_url not in self.reports:
                self.reports[item_url] = DatedEntry(item_title, item_url, _date(item.get("date")))


def _scan_pages(session: Session, run_id: int, site: str) -> _PageScan:
    scan = _PageScan()
    query = (select(Page.url, Page.depth, Page.is_home, Page.facts, Page.needs_rendering, Page.final_url)
             .where(Page.run_id == run_id, Page.site == site).order_by(Page.id)
             .execution_options(yield_per=_STREAM))
    for url, depth, is_home, facts, needs_rendering, final_url in session.execute(query):
        scan.add(url, depth, is_home, _mapping(facts), bool(needs_rendering), final_url or url)
    return scan


def _broken_links(session: Session, run_id: int, site: str) -> tuple[BrokenLink, ...]:
    links = session.scalars(select(Link).where(Link.run_id == run_id, Link.site == site,
                                               Link.verdict == "broken").order_by(Link.url)).all()
    if not links:
        return ()
    places: dict[str, list[LinkPlace]] = defaultdict(list)
    seen = select(LinkSeen).where(LinkSeen.run_id == run_id, LinkSeen.site == site,
                                  LinkSeen.link_url.in_([link.url for link in links])).order_by(LinkSeen.id)
    for row in session.scalars(seen):
        places[row.link_url].append(LinkPlace(row.page_url, row.anchor, row.on_home))
    return tuple(BrokenLink(link.url, link.kind, link.status, link.error, tuple(places[link.url]))
                 for link in links)


def _samples(session: Session, run: Run, site: str, probe_since: datetime) -> tuple[Availability, ...]:
    """This run's own homepage attempts, and the probe's samples from ``probe_since`` to as_of."""
    crawl = Sample.source == "crawl"
    crawl = crawl & (Sample.at >= run.started_at)
    if run.finished_at is not None:
        crawl = crawl & (Sample.at <= run.finished_at)
    probe = (Sample.source == "probe") & (Sample.at >= probe_since) & (
        Sample.at < datetime.combine(run.as_of + timedelta(days=1), time()))
    rows = session.scalars(select(Sample).where(Sample.region == run.region, Sample.site == site,
                                                crawl | probe).order_by(Sample.at)).all()
    return tuple(Availability(r.at, r.ok, r.status, r.error, r.elapsed, r.source) for r in rows)


def _searches(session: Session, run_id: int, site: str) -> tuple[SearchAttempt, ...]:
    rows = session.scalars(select(Search).where(Search.run_id == run_id, Search.site == site).order_by(Search.id))
    return tuple(SearchAttempt(r.query, r.article_url, r.search_url, r.outcome, r.detail) for r in rows)


def load_site_facts(session: Session, run: Run, site: Site, probe_since: datetime) -> SiteFacts:
    """The facts of ``site`` in ``run``; probe samples are read from ``probe_since`` on."""
    code = site.site_code
    scan = _scan_pages(session, run.id, code)
    columns = tuple(
        ColumnFacts(url=c.url, name=c.name, cls=c.cls, newest_date=c.newest_date, item_count=c.item_count,
                    empty=c.empty, empty_marker=c.empty_marker, depth=scan.depths.get(c.url),
                    needs_rendering=c.needs_rendering)
        for c in session.scalars(select(Column).where(Column.run_id == run.id, Column.site == code)
                                 .order_by(Column.id)))
    articles, earlier_articles = republished_candidates(session, run, code)
    return SiteFacts(
        site=site, checked_on=run.started_at.date(), page_count=scan.count, home=scan.home, columns=columns,
        broken_links=_broken_links(session, run.id, code), samples=_samples(session, run, code, probe_since),
        metadata_gaps=tuple(scan.gaps), guides=tuple(scan.guides), messages=tuple(scan.messages.values()),
        consultation=tuple(scan.consultation), reports=tuple(scan.reports.values()),
        disclosure=tuple(scan.disclosure), searches=_searches(session, run.id, code),
        accessibility=tuple(scan.access), articles=articles, earlier_articles=earlier_articles,
        transport=load_transport(session, run.id, code))


def was_crawled(facts: SiteFacts) -> bool:
    """False when this run neither stored a page of the site nor tried its homepage."""
    return facts.page_count > 0 or any(s.source == "crawl" for s in facts.samples)
