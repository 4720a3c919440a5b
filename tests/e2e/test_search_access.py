"""End to end: 搜索功能缺失 and 适老化与无障碍 through the crawl, the database and 附件1.

The six search_* fixture sites of tests/sites/eval.toml (127.0.1.40–46), crawled on their own: a GBK
table site whose GET form finds the article asked for, a div site whose search finds other pages only,
a ul/li site whose script-built search address answers HTTP 500, a table site searched on the 集约化
host its form names for it (search.example.gov.cn, served on 127.0.1.44), a div site whose box only a
script submits, and a ul/li site without any search. Accessibility is checked where the region file
turns it on: a passing site, a failing one (no 关怀版 entry, no alt, no lang), one at its threshold
(2 of 5 pages) and one under it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from govcrawl.devtools.devserver import SiteServer
from govcrawl.storage.models import Page, Search
from tests.conftest import QUICK, SITES_DIR, run_spider
from tests.hosts_stub import HOSTS_VARIABLE

AS_OF = "2026-11-20"
# The 集约化 search host search.example.gov.cn is no site of the region: tests/hosts_stub.py resolves it to
# the loopback platform (and refuses any other name), and the address guard, which would refuse a
# loopback address outside the region, is off for this crawl.
PLATFORM = "search.example.gov.cn"
FAST = (*QUICK, "GOVCRAWL_ALLOW_PRIVATE=True", "DNS_RESOLVER=tests.hosts_stub.MappedResolver")
FOUND, MISSED, ERROR, EXTERNAL, SCRIPT, NONE = (f"41102300{n}" for n in (40, 41, 42, 43, 45, 46))
TITLES = {FOUND: ("召开农村公路养护工作推进会", "开展冬季道路运输安全检查", "部署客运站春运筹备工作")}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    return repr(value) if isinstance(value, float) else f'"{value}"'


def region_text() -> str:
    """The search sites of eval.toml as a region of their own, every one judged on its search."""
    data = tomllib.loads((SITES_DIR / "eval.toml").read_text("utf-8"))
    lines = ['[region]\ncode = "searchland"\nname = "搜索市"\n']
    for site in data["sites"]:
        if site["site_code"] in (FOUND, MISSED, ERROR, EXTERNAL, SCRIPT, NONE):
            site["thresholds"]["search_check"] = True
            lines.append("[[sites]]\n" + "".join(f"{k} = {_value(v)}\n" for k, v in site.items()))
    lines.append("[thresholds]\ndomain_check = false\n")
    return "\n".join(lines)


def rows(path: Path) -> list[dict[str, Any]]:
    sheet = list(load_workbook(path)["附件1"].iter_rows(values_only=True))
    header = [str(h) for h in sheet[0]]
    return [dict(zip(header, r, strict=False)) for r in sheet[1:] if r[0] is not None and r[3]]


@pytest.fixture(scope="module")
def crawled(fixture_sites: dict[str, SiteServer], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("search")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv(HOSTS_VARIABLE, f"{PLATFORM}={fixture_sites['search_platform'].host}")
    region = out / "searchland.toml"
    region.write_text(region_text(), "utf-8")
    before = {name: len(fixture_sites[name].stats.paths()) for name in fixture_sites}
    try:
        result = run_spider("gov", region, AS_OF, out, *FAST, timeout=120)
    finally:
        monkeypatch.undo()
    assert result.returncode == 0, result.stderr[-3000:]
    requested = {name: fixture_sites[name].stats.paths()[before[name]:] for name in fixture_sites}
    engine = create_engine(f"sqlite:///{out / 'searchland' / 'govcrawl.sqlite'}")
    with Session(engine) as session:
        searches = [(s.site, s.query, s.article_url, s.search_url, s.outcome, s.detail)
                    for s in session.scalars(select(Search).order_by(Search.id))]
        pages = {(p.site, urlsplit(p.url).path) for p in session.scalars(select(Page))}
    engine.dispose()
    annex = rows(out / "searchland" / f"附件1-搜索市政府网站问题情况-{AS_OF}.xlsx")
    return {"searches": searches, "pages": pages, "requested": requested, "rows": annex}


def site_rows(crawled: dict[str, Any], site: str, kind: str) -> list[dict[str, Any]]:
    return [r for r in crawled["rows"] if r["网站标识码"] == site and r["问题类型"] == kind]


def searches_of(crawled: dict[str, Any], site: str) -> list[tuple[str, ...]]:
    return [s for s in crawled["searches"] if s[0] == site]


def test_a_working_search_is_asked_once_in_the_site_encoding(crawled: dict[str, Any]) -> None:
    [(_, query, article, _, outcome, _)] = searches_of(crawled, FOUND)
    assert outcome == "found" and query in TITLES[FOUND] and urlsplit(article).path.startswith("/xwdt/202611/")
    [asked] = [p for p in crawled["requested"]["search_gbk_table"] if p.startswith("/search/search.jsp")]
    params = dict(parse_qsl(urlsplit(asked).query, encoding="gbk"))
    assert params == {"channelid": "229105", "searchword": query}  # the hidden field goes along, GBK-encoded
    assert not site_rows(crawled, FOUND, "搜索功能缺失")
    assert (FOUND, "/search/search.jsp") not in crawled["pages"]  # a query is no page of the site


def test_a_search_that_misses_is_one_row_naming_both_queries(crawled: dict[str, Any]) -> None:
    asked = searches_of(crawled, MISSED)
    assert [s[4] for s in asked] == ["missed", "missed"] and asked[0][1] != asked[1][1]
    [row] = site_rows(crawled, MISSED, "搜索功能缺失")
    assert row["指标类别"] == "扣分" and urlsplit(row["问题页面"]).path == "/s/"
    for _, query, article, _, _, detail in asked:
        assert query in row["问题描述"] and article in row["问题描述"] and detail in row["问题描述"]


def test_a_search_that_errs_is_a_row_with_the_status(crawled: dict[str, Any]) -> None:
    assert {s[4] for s in searches_of(crawled, ERROR)} == {"error"}
    assert [p for p in crawled["requested"]["search_ul_error"] if p.startswith("/cms/search?")]
    [row] = site_rows(crawled, ERROR, "搜索功能缺失")
    assert "HTTP 500" in row["问题描述"] and "siteid=42" in row["问题页面"]


def test_the_external_search_host_the_form_names_is_asked(crawled: dict[str, Any]) -> None:
    [(_, query, _, url, outcome, _)] = searches_of(crawled, EXTERNAL)
    assert outcome == "found" and urlsplit(url).hostname == PLATFORM
    [asked] = [p for p in crawled["requested"]["search_platform"] if p != "/robots.txt"]
    assert dict(parse_qsl(urlsplit(asked).query)) == {"webid": EXTERNAL, "tpl": "12", "q": query}
    assert not site_rows(crawled, EXTERNAL, "搜索功能缺失")


def test_a_script_run_box_is_unchecked_and_no_search_at_all_is_a_row(crawled: dict[str, Any]) -> None:
    assert not searches_of(crawled, SCRIPT) and not site_rows(crawled, SCRIPT, "搜索功能缺失")
    assert not searches_of(crawled, NONE)
    [row] = site_rows(crawled, NONE, "搜索功能缺失")
    assert row["问题描述"] == "首页未提供站内搜索功能" and urlsplit(row["问题页面"]).path == "/"


def test_accessibility_rows_where_the_region_checks_it(crawled: dict[str, Any]) -> None:
    entry, share = sorted(site_rows(crawled, MISSED, "适老化与无障碍"), key=lambda r: "入口" not in r["问题描述"])
    assert "适老化或无障碍浏览入口" in entry["问题描述"]
    assert "抽查5个页面，5个（100%）" in share["问题描述"] and "缺少页面语言" in share["问题描述"]
    [at_threshold] = site_rows(crawled, ERROR, "适老化与无障碍")
    assert "抽查5个页面，2个（40%）" in at_threshold["问题描述"] and "图片缺少替代文本1处" in at_threshold["问题描述"]
    assert not site_rows(crawled, FOUND, "适老化与无障碍")      # accessible, toolbar script
    assert not site_rows(crawled, EXTERNAL, "适老化与无障碍")   # 1 of 5 pages: under 0.3
    assert not site_rows(crawled, NONE, "适老化与无障碍")       # no 关怀版 entry, but not checked here
