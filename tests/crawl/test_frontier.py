"""Scope, caps and trap guards of one site's crawl (govcrawl.crawl.frontier)."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest

from govcrawl.crawl.frontier import Caps, SiteFrontier, calendar_month
from govcrawl.crawl.urls import is_site_host

AS_OF = date(2026, 11, 20)


def frontier(**caps: int) -> SiteFrontier:
    values = {"max_pages": 100, "max_depth": 3, "max_query_variants": 2, "max_pagination": 2, **caps}
    return SiteFrontier(hosts={"www.x.gov.cn"}, caps=Caps(**values, calendar_horizon=timedelta(days=366),
                                                          as_of=AS_OF))


@pytest.mark.parametrize(("url", "month"), [
    ("http://x.gov.cn/calendar?y=2026&m=11", date(2026, 11, 1)),
    ("http://x.gov.cn/hd?year=2031&month=2", date(2031, 2, 1)),
    ("http://x.gov.cn/rl?date=2027-03-05", date(2027, 3, 1)),
    ("http://x.gov.cn/art/2026/11/art_1.html", date(2026, 11, 1)),
    ("http://x.gov.cn/list?page=3", None),
    ("http://x.gov.cn/calendar?y=2026&m=13", None),
])
def test_url_date(url: str, month: date | None) -> None:
    assert calendar_month(url) == month


def test_site_hosts_ignore_www() -> None:
    assert is_site_host("x.gov.cn", ["www.x.gov.cn"])
    assert not is_site_host("y.gov.cn", ["www.x.gov.cn"])
    assert frontier().owns("http://x.gov.cn/a.html") and not frontier().owns("http://evil.com/")


def test_first_time_counts_index_twins_once() -> None:
    f = frontier()
    assert f.first_time("http://x.gov.cn/xwdt/")
    assert not f.first_time("http://x.gov.cn/xwdt/index.html")
    assert f.first_time("http://x.gov.cn/xwdt/index_1.html")


def test_depth_and_page_caps() -> None:
    f = frontier(max_pages=2)
    assert f.refusal("http://x.gov.cn/a.html", depth=3) == ""
    assert "deeper" in f.refusal("http://x.gov.cn/a.html", depth=4)
    f.take("http://x.gov.cn/a.html")
    f.take("http://x.gov.cn/b.html")
    assert "max_pages" in f.refusal("http://x.gov.cn/c.html", depth=1)


def test_query_variants_are_capped_per_path() -> None:
    f = frontier()
    for page in (1, 2):
        url = f"http://x.gov.cn/search?page={page}"
        assert f.refusal(url, depth=1) == ""
        f.take(url)
    assert "query variants" in f.refusal("http://x.gov.cn/search?page=3", depth=1)
    assert f.refusal("http://x.gov.cn/other?page=3", depth=1) == ""


def test_pagination_is_capped_per_column_not_by_depth() -> None:
    f = frontier()
    root = "http://x.gov.cn/gsgg/"
    for n in (1, 2):
        url = f"http://x.gov.cn/gsgg/index_{n}.html"
        assert f.refusal(url, depth=9, column_root=root) == ""
        f.take(url, column_root=root)
    assert "list pages" in f.refusal("http://x.gov.cn/gsgg/index_3.html", depth=1, column_root=root)


def test_calendar_beyond_the_horizon_is_a_trap() -> None:
    f = frontier(max_query_variants=1000)
    assert f.refusal("http://x.gov.cn/calendar?y=2027&m=11", depth=1) == ""
    assert "calendar" in f.refusal("http://x.gov.cn/calendar?y=2027&m=12", depth=1)


def test_frontier_survives_pickling() -> None:
    f = frontier()
    f.first_time("http://x.gov.cn/a.html")
    f.take("http://x.gov.cn/search?q=1")
    copy = pickle.loads(pickle.dumps(f))
    assert copy == f and not copy.first_time("http://x.gov.cn/a.html")
