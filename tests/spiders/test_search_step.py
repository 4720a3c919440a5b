"""The gov spider's site-search step (govcrawl/spiders/_search.py) without a crawl: which article is
asked for, when, and within the site's page budget."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request

from govcrawl.config import threshold_defaults
from govcrawl.crawl.frontier import Caps, SiteFrontier
from govcrawl.extract.page import PageFacts, extract_page
from govcrawl.model.items import SearchItem
from govcrawl.regions import Region, Site
from govcrawl.spiders._search import SiteSearchMixin

AS_OF = date(2026, 11, 20)
SITE = Site(name="某某县水利局", url="http://127.0.1.41/", site_code="4110230041", owner="某某县水利局")
HOME = ("<html><body><form action='/s/'><input name='q' placeholder='搜索'></form>"
        "<a href='/xwdt/1.html'>召开冬春农田水利建设动员会</a></body></html>")


def article(title: str, day: str) -> str:
    return (f"<html><head><meta name='ArticleTitle' content='{title}'><meta name='PubDate' content='{day}'>"
            f"</head><body><h1>{title}</h1><p>发布日期：{day}</p><p>{'正文内容。' * 30}</p></body></html>")


class Spider(SiteSearchMixin):
    def __init__(self, max_pages: int = 50, **overrides: Any) -> None:
        self.state = {}
        self.as_of = AS_OF
        self.region = Region(code="t", name="测试", path=Path("t.toml"), sites=(SITE,), accounts=())
        self.values = {**threshold_defaults(), **{f"GOVCRAWL_{k.upper()}": v for k, v in overrides.items()}}
        caps = Caps(max_pages=max_pages, max_depth=5, max_query_variants=5, max_pagination=5,
                    calendar_horizon=timedelta(days=365), as_of=AS_OF)
        self.pages = SiteFrontier(hosts={SITE.host}, caps=caps)

    def frontier(self, site: Site) -> SiteFrontier:
        return self.pages

    def site_value(self, site: Site, name: str) -> Any:
        return self.values[name]


def facts(html: str, url: str, is_home: bool = False) -> PageFacts:
    return extract_page(html, url, is_home=is_home, site_hosts={SITE.host}, classes={}, as_of=AS_OF)


def step(spider: Spider, html: str, url: str, is_home: bool = False) -> list[Request]:
    return list(spider.search_step(SITE, url, is_home, facts(html, url, is_home), "utf-8"))


def answer(spider: Spider, request: Request, body: str) -> list[Any]:
    return list(spider.search_done(HtmlResponse(request.url, body=body.encode(), encoding="utf-8", request=request)))


def test_the_first_article_is_asked_for_and_counts_as_a_page() -> None:
    spider = Spider()
    assert step(spider, HOME, SITE.url, is_home=True) == []
    [request] = step(spider, article("召开冬春农田水利建设动员会", "2026-11-16"), "http://127.0.1.41/xwdt/1.html")
    assert request.url.startswith("http://127.0.1.41/s/?q=") and spider.pages.pages == 1
    assert step(spider, article("开展河湖库渠清理整治行动", "2026-11-12"), "http://127.0.1.41/xwdt/2.html") == []
    item, second = answer(spider, request, "<ul><li><a href='/x/9.html'>2019年防汛工作会议召开</a></li></ul>")
    assert isinstance(item, SearchItem) and item.outcome == "missed"
    assert isinstance(second, Request) and "q=%E5%BC%80%E5%B1%95" in second.url  # the next article, after a miss
    [found] = answer(spider, second, "<a href='/xwdt/2.html'>开展河湖库渠清理整治行动</a>")
    assert found.outcome == "found" and step(spider, article("部署南水北调配套工程巡查", "2026-11-05"),
                                             "http://127.0.1.41/xwdt/3.html") == []


@pytest.mark.parametrize(("html", "spider"), [
    (article("召开冬春农田水利建设动员会", "2026-11-19"), Spider()),       # too new for the search index
    (article("通知", "2026-11-01"), Spider()),                            # too short a title to search by
    (article("召开冬春农田水利建设动员会", "2026-11-16"), Spider(max_pages=0)),  # the page budget is spent
    (article("召开冬春农田水利建设动员会", "2026-11-16"), Spider(search_check=False)),
])
def test_no_query_when_it_would_prove_nothing_or_is_not_allowed(html: str, spider: Spider) -> None:
    step(spider, HOME, SITE.url, is_home=True)
    assert step(spider, html, "http://127.0.1.41/xwdt/1.html") == []


def test_an_empty_answer_is_an_error_and_a_refused_host_is_never_asked() -> None:
    spider = Spider()
    step(spider, HOME, SITE.url, is_home=True)
    [request] = step(spider, article("召开冬春农田水利建设动员会", "2026-11-16"), "http://127.0.1.41/xwdt/1.html")
    step(spider, article("开展河湖库渠清理整治行动", "2026-11-12"), "http://127.0.1.41/xwdt/2.html")
    item, again = answer(spider, request, "<html><body></body></html>")
    assert (item.outcome, item.detail) == ("error", "HTTP 200，返回空白页面")
    [item] = answer(spider, again, "<html><body><div id='app'></div><script src='/s.js'></script></body></html>")
    assert item.outcome == "unchecked"  # a page only scripts fill in
    elsewhere = Spider()
    step(elsewhere, HOME.replace("'/s/'", "'http://search.example.com/s'"), SITE.url, is_home=True)
    assert step(elsewhere, article("召开冬春农田水利建设动员会", "2026-11-16"), "http://127.0.1.41/xwdt/1.html") == []
