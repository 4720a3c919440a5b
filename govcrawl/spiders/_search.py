"""The gov spider's site-search step (搜索功能缺失 evidence): ask the homepage's search for an article
the crawl has just read, and record what came back.

The homepage's offer (govcrawl.extract.search) is remembered when the homepage is parsed; the first
articles the crawl reads afterwards (titles of six characters or more, dated at least
GOVCRAWL_SEARCH_MIN_AGE_DAYS before as_of: a search index is rebuilt on a schedule) are the candidates. One query
is in flight per site at a time; the next candidate is asked only after a query that did not find its
article, up to GOVCRAWL_SEARCH_QUERIES. Each query counts as a page of the site's budget and goes
only where govcrawl.crawl.search allows (the site's hosts, or the 集约化 search host the homepage's
form names for this site). Each query becomes a ``SearchItem`` with its outcome:

- found: the results link the article (by address or title);
- missed: the results page has content but not the article;
- error: the search answered with an HTTP error, a broken connection or an empty page (no text, no
  link, no script);
- unchecked: robots.txt, the address guard, a firewall status (403/429/503) or results built by a
  script (a page of scripts without links, or list-building scripts) kept govcrawl from seeing the
  answer — never blamed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from govcrawl.crawl.linkcheck import BROKEN, failure_outcome
from govcrawl.crawl.search import search_query, search_target_refusal, search_url
from govcrawl.extract.charset import decode_html
from govcrawl.extract.page import PageFacts, has_list_scripts
from govcrawl.extract.search import SearchOffer, search_results
from govcrawl.model.items import SearchItem
from govcrawl.regions import Site

if TYPE_CHECKING:
    from govcrawl.crawl.frontier import SiteFrontier

logger = logging.getLogger(__name__)

__all__ = ["SiteSearchMixin"]

FOUND, MISSED, ERROR, UNCHECKED = "found", "missed", "error", "unchecked"
_MIN_TITLE = 6  # characters: shorter titles ("通知", "公告") find every page
_EMPTY_TEXT = 10  # characters of text below which a results page without links is empty


class _Plan:
    """One site's search state (kept in ``spider.state``: it must pickle for JOBDIR)."""

    def __init__(self) -> None:
        self.offer: SearchOffer | None = None
        self.encoding = "utf-8"
        self.articles: list[tuple[str, str]] = []  # (title, url) of the candidate articles, in crawl order
        self.asked = 0
        self.pending = False
        self.done = False


class SiteSearchMixin:
    """Mixed into GovSpider: it supplies ``state``, ``frontier`` and ``site_value``."""

    state: dict[str, Any]
    region: Any
    as_of: date

    if TYPE_CHECKING:
        def frontier(self, site: Site) -> SiteFrontier: ...

        def site_value(self, site: Site, name: str) -> Any: ...

    def _search_plan(self, site_code: str) -> _Plan:
        plans: dict[str, _Plan] = self.state.setdefault("search", {})
        return plans.setdefault(site_code, _Plan())

    def search_step(self, site: Site, url: str, is_home: bool, facts: PageFacts,
                    encoding: str) -> Iterator[scrapy.Request]:
        """Note what a parsed page offers the search check; send the next query when one is due."""
        if not self.site_value(site, "GOVCRAWL_SEARCH_CHECK"):
            return
        plan = self._search_plan(site.site_code)
        if is_home:
            plan.offer, plan.encoding = facts.search, encoding
        elif self._candidate(site, facts) and len(plan.articles) < self._queries(site):
            plan.articles.append((facts.title, url))
        yield from self._next_query(site, plan)

    def _queries(self, site: Site) -> int:
        return int(self.site_value(site, "GOVCRAWL_SEARCH_QUERIES"))

    def _candidate(self, site: Site, facts: PageFacts) -> bool:
        """An article a working search must know: a distinctive title, dated long enough before as_of
        for the search index to have caught up."""
        published = facts.publish_date.date
        min_age = timedelta(days=int(self.site_value(site, "GOVCRAWL_SEARCH_MIN_AGE_DAYS")))
        return (facts.kind == "article" and len(facts.title) >= _MIN_TITLE and published is not None
                and published <= self.as_of - min_age)

    def _next_query(self, site: Site, plan: _Plan) -> Iterator[scrapy.Request]:
        if plan.pending or plan.done or plan.offer is None or plan.asked >= len(plan.articles):
            return
        frontier = self.frontier(site)
        refusal = search_target_refusal(plan.offer, site.site_code, frontier.hosts)
        if refusal or frontier.pages >= frontier.caps.max_pages:
            logger.debug("not searching %s: %s", site.site_code, refusal or "page budget spent")
            plan.done = True
            return
        title, article = plan.articles[plan.asked]
        query = search_query(title, int(self.site_value(site, "GOVCRAWL_SEARCH_QUERY_CHARS")))
        address = search_url(plan.offer, query, plan.encoding)
        frontier.take(address)
        plan.asked += 1
        plan.pending = True
        yield scrapy.Request(address, callback=self.search_done, errback=self.search_failed, dont_filter=True,
                             meta={"search_site": site.site_code, "query": query, "article_url": article})

    def _searched(self, meta: dict[str, Any], address: str, outcome: str, detail: str,
                  status: int | None) -> Iterator[Any]:
        site = self.region.site(meta["search_site"])
        plan = self._search_plan(site.site_code)
        plan.pending = False
        plan.done = plan.done or outcome == FOUND
        logger.info("search %s for %r: %s (%s)", address, meta["query"], outcome, detail)
        yield SearchItem(site=site.site_code, query=meta["query"], article_url=meta["article_url"],
                         search_url=address, outcome=outcome, detail=detail, status=status, at=datetime.now())
        yield from self._next_query(site, plan)

    def search_done(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        declared = response.encoding if isinstance(response, TextResponse) else None
        text, _ = decode_html(response.body, declared)
        sel = Selector(text=text or "<html></html>")
        results = search_results(sel, response.url, meta["article_url"], meta["query"])
        if results.found:
            outcome, detail = FOUND, f"结果列出该文章（共{results.links}个链接）"
        elif results.links == 0 and results.text_chars < _EMPTY_TEXT and not sel.xpath("//script"):
            outcome, detail = ERROR, f"HTTP {response.status}，返回空白页面"
        elif sel.xpath("//script") and (results.links == 0 or has_list_scripts(sel, text)):
            outcome, detail = UNCHECKED, "结果由脚本生成，未能读取"
        else:
            outcome, detail = MISSED, f"返回{results.links}个链接，未含该文章"
        yield from self._searched(meta, response.url, outcome, detail, response.status)

    def search_failed(self, failure: Failure) -> Iterator[Any]:
        request: scrapy.Request = failure.request  # type: ignore[attr-defined]  # set by Scrapy
        verdict, status, error = failure_outcome(failure.value or Exception("unknown failure"))
        outcome = ERROR if verdict == BROKEN else UNCHECKED
        yield from self._searched(request.meta, request.url, outcome, f"搜索请求失败：{error}", status)
