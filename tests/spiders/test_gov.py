"""End to end: ``scrapy crawl gov`` over the loopback fixture sites, asserted on the database and
on what the fixture servers saw."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session

from govcrawl.annex.summary import crawl_summary
from govcrawl.devtools.devserver import SiteServer
from govcrawl.storage.models import Column, Link, LinkSeen, Page, Run, Sample
from tests.conftest import FIXTURE_REGION, FIXTURE_REGION_SITES, run_spider, start_spider

AS_OF = "2026-11-20"
A, B, C = "http://127.0.1.1:8701", "http://127.0.1.2:8701", "http://127.0.1.3:8701"
MAX_QUERY_VARIANTS = 5
MAX_PAGINATION = 4
#: fast but still polite: a zero delay here exercises the spider's delay floor
FAST = ('ITEM_PIPELINES={"govcrawl.pipelines.store.StorePipeline": 500}', "GOVCRAWL_ANNEX_ON_CLOSE=False",
        "DOWNLOAD_DELAY=0",
        "AUTOTHROTTLE_ENABLED=False", "GOVCRAWL_RETRY_BACKOFF_BASE=0.1", "DOWNLOAD_MAXSIZE=100000",
        f"GOVCRAWL_MAX_QUERY_VARIANTS={MAX_QUERY_VARIANTS}", f"GOVCRAWL_MAX_PAGINATION={MAX_PAGINATION}")


def _engine(output_dir: Path) -> Engine:
    return create_engine(f"sqlite:///{output_dir / 'fixtures' / 'govcrawl.sqlite'}")


@pytest.fixture(scope="module")
def crawl(fixture_sites: dict[str, SiteServer], tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Engine, dict[str, SiteServer]]]:
    """One crawl of the fixture region; the servers' records cover exactly this crawl."""
    servers = {name: fixture_sites[name] for name in FIXTURE_REGION_SITES}
    for server in servers.values():
        server.reset()
    out = tmp_path_factory.mktemp("crawl")
    result = run_spider("gov", FIXTURE_REGION, AS_OF, out, *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    engine = _engine(out)
    yield engine, servers
    engine.dispose()


def _links(engine: Engine) -> dict[str, Link]:
    with Session(engine) as s:
        return {row.url: row for row in s.scalars(select(Link))}


def test_run_finishes_and_stores_pages_of_every_site(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, _ = crawl
    with Session(engine) as s:
        runs = s.scalars(select(Run)).all()
        pages = {p.url: p for p in s.scalars(select(Page))}
    assert [(r.spider, r.as_of, r.status) for r in runs] == [("gov", date(2026, 11, 20), "finished")]
    for url in (f"{A}/", f"{A}/xwdt/", f"{A}/xwdt/index_1.html", f"{A}/rsrm/", f"{A}/tzgg/art_4.html",
                f"{B}/", f"{B}/zwyw/index_1.html", f"{B}/gsgg/a1.html", f"{C}/xxgk/content_5.html"):
        assert url in pages, url
    assert pages[f"{A}/"].is_home and pages[f"{A}/xwdt/"].depth == 1
    # page one of a column is stored once, not again under its index.html name
    assert f"{A}/xwdt/index.html" not in pages
    # attachments and answers that are not HTML are link checks, not pages
    assert not [u for u in pages if u.endswith((".pdf", ".doc", ".docx")) or "download" in u]


def test_gbk_and_mislabelled_pages_are_decoded(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, _ = crawl
    with Session(engine) as s:
        home = s.scalars(select(Page).where(Page.url == f"{A}/")).one()
        mislabelled = s.scalars(select(Page).where(Page.url == f"{A}/xwdt/art_1.html")).one()
    assert home.title == "长葛市某某县人民政府"
    assert mislabelled.title == "召开全县安全生产工作会议（工作动态1）"  # header says utf-8, bytes are GBK
    assert mislabelled.publish_date == date(2026, 11, 18)


def test_columns_are_merged_over_their_list_pages(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, _ = crawl
    with Session(engine) as s:
        columns = {c.url: c for c in s.scalars(select(Column))}
    news = columns[f"{A}/xwdt/"]
    assert (news.name, news.cls, news.newest_date, news.item_count, news.pages) == (
        "工作动态", "news", date(2026, 11, 18), 17, 2)
    stale = columns[f"{A}/tzgg/"]
    assert (stale.newest_date, stale.item_count, stale.empty) == (date(2026, 3, 2), 4, False)
    empty = columns[f"{A}/rsrm/"]
    assert (empty.empty, empty.item_count, empty.empty_marker) == (True, 0, "暂无信息")
    assert (columns[f"{B}/zwyw/"].item_count, columns[f"{B}/zwyw/"].newest_date) == (16, date(2026, 11, 19))
    assert columns[f"{C}/xxgk/"].newest_date == date(2026, 10, 9)
    assert (news.items_seen, news.pager_total) == (17, 17)  # its pager states 共17条 and both pages were read
    # a column whose pager states no total counts the items seen on its pages
    assert (stale.items_seen, stale.pager_total) == (4, None)
    # the endless column: first page plus MAX_PAGINATION further pages, ten items each seen; its
    # pager states 共500条, which is the count a reader is told
    endless = columns[f"{B}/gsgg/"]
    assert (endless.pages, endless.items_seen) == (1 + MAX_PAGINATION, 10 * (1 + MAX_PAGINATION))
    assert (endless.pager_total, endless.item_count) == (500, 500)


def test_broken_links_with_where_found(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, _ = crawl
    links = _links(engine)
    broken = {url for url, link in links.items() if link.verdict == "broken"}
    assert broken == {f"{A}/xwdt/2025/old.html", f"{A}/files/申报表.doc", "http://127.0.1.1:8799/service/",
                      f"{C}/images/banner.jpg"}
    assert links[f"{A}/xwdt/2025/old.html"].status == 404
    assert links[f"{C}/images/banner.jpg"].kind == "image"
    assert links[f"{A}/files/申报表.doc"].kind == "attachment"
    assert "refused" in links["http://127.0.1.1:8799/service/"].error.lower()
    with Session(engine) as s:
        seen = s.scalars(select(LinkSeen).where(LinkSeen.link_url == f"{A}/xwdt/2025/old.html")).all()
    assert [(r.page_url, r.anchor, r.on_home) for r in seen] == [(f"{A}/", "往年工作动态", True)]


def test_firewall_answers_are_suspected_not_broken(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, servers = crawl
    links = _links(engine)
    assert (links[f"{A}/secure/report.html"].verdict, links[f"{A}/secure/report.html"].status) == ("suspected", 403)
    assert (links[f"{A}/busy/notice.html"].verdict, links[f"{A}/busy/notice.html"].status) == ("suspected", 503)
    assert servers["gbk_table"].stats.paths().count("/busy/notice.html") == 3  # retried twice, Retry-After
    assert links[f"{C}/loop.html"].verdict == "suspected"


def test_links_that_may_not_be_requested_are_unchecked(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, servers = crawl
    links = _links(engine)
    assert links[f"{C}/internal/secret.html"].verdict == "unchecked"
    assert "robots" in links[f"{C}/internal/secret.html"].error
    assert not [p for p in servers["div_robots"].stats.paths() if p.startswith("/internal/")]
    assert links["http://127.0.1.9:8701/oa/"].verdict == "unchecked"  # private, not a region site
    assert links["http://localhost:8701/"].verdict == "unchecked"  # a name that resolves to loopback
    assert "private address" in links["http://localhost:8701/"].error
    assert not [u for u in links if u.startswith(("mailto:", "tel:", "javascript:"))]


def test_each_link_is_requested_once(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, servers = crawl
    links = _links(engine)
    pdf = links[f"{A}/files/2026年工作要点.pdf"]
    assert (pdf.verdict, pdf.method, pdf.kind) == ("ok", "GET", "attachment")  # HEAD answered 405
    pdf_path = quote("/files/2026年工作要点.pdf")
    assert [m for m, p in servers["gbk_table"].stats.requests if p == pdf_path] == ["HEAD", "GET"]
    assert links[f"{B}/"].kind == "external" and links[f"{B}/"].verdict == "ok"
    for server in servers.values():
        requests = server.stats.requests
        once = [r for r in requests if r[1] not in ("/robots.txt", "/busy/notice.html", "/loop.html")]
        assert len(once) == len(set(once)), (server.host, sorted(r for r in set(once) if once.count(r) > 1))
    # session ids are dropped before requesting
    assert not [p for p in servers["ul_trap"].stats.paths() if "jsessionid" in p or "sid=" in p]


def test_traps_stay_under_their_caps(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    _, servers = crawl
    paths = servers["ul_trap"].stats.paths("GET")
    assert 0 < len([p for p in paths if p.startswith("/calendar")]) <= MAX_QUERY_VARIANTS
    assert len([p for p in paths if p.startswith("/gsgg/index_")]) == MAX_PAGINATION


def test_per_host_concurrency_holds(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    _, servers = crawl
    for server in servers.values():
        assert 1 <= server.stats.max_in_flight <= 2, server.host  # CONCURRENT_REQUESTS_PER_DOMAIN


def test_hostile_pages_do_not_stop_the_crawl(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, _ = crawl
    links = _links(engine)
    with Session(engine) as s:
        bad = s.scalars(select(Page).where(Page.url == f"{C}/bad.html")).one()
    assert bad.title == "健康提示"  # invalid bytes decoded with replacements
    assert (links[f"{C}/huge.html"].verdict, links[f"{C}/huge.html"].error) == ("ok", "larger than DOWNLOAD_MAXSIZE")
    assert links[f"{C}/download?id=7"].verdict == "ok"


def test_homepage_attempts_are_samples(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, _ = crawl
    with Session(engine) as s:
        samples = s.scalars(select(Sample)).all()
    assert sorted((x.site, x.ok, x.status, x.source) for x in samples) == [
        ("4110230001", True, 200, "crawl"), ("4110230002", True, 200, "crawl"), ("4110230003", True, 200, "crawl")]


def test_unreachable_homepage_is_a_failed_sample(tmp_path: Path) -> None:
    region = tmp_path / "down.toml"
    region.write_text('[region]\ncode = "down"\nname = "测试"\n\n[[sites]]\nname = "停机站点"\n'
                      'url = "http://127.0.1.8:8702/"\nsite_code = "4110230009"\nowner = "测试单位"\n', "utf-8")
    result = run_spider("gov", region, AS_OF, tmp_path, *FAST, "RETRY_TIMES=1")
    assert result.returncode == 0, result.stderr[-3000:]
    engine = create_engine(f"sqlite:///{tmp_path / 'down' / 'govcrawl.sqlite'}")
    with Session(engine) as s:
        samples = s.scalars(select(Sample)).all()
    assert [(x.ok, x.status) for x in samples] == [(False, None)]
    assert "refused" in samples[0].error.lower()


def test_bad_region_stops_before_any_request(tmp_path: Path, fixture_sites: dict[str, SiteServer]) -> None:
    region = tmp_path / "bad.toml"
    region.write_text('[region]\ncode = "bad"\nname = "测试"\n\n[[sites]]\nname = "x"\n'
                      'url = "http://127.0.1.1:8701/"\nsite_code = "123"\nowner = "y"\n', "utf-8")
    fixture_sites["gbk_table"].reset()
    result = run_spider("gov", region, AS_OF, tmp_path, *FAST)
    assert result.returncode != 0
    assert "网站标识码 must be 10 digits" in result.stderr
    assert fixture_sites["gbk_table"].stats.requests == []
    bad_date = run_spider("gov", FIXTURE_REGION, "2026-13-01", tmp_path, *FAST)
    assert bad_date.returncode != 0 and "as_of must be a date" in bad_date.stderr


def test_interrupted_crawl_resumes_from_jobdir(tmp_path: Path, fixture_sites: dict[str, SiteServer]) -> None:
    servers = [fixture_sites[name] for name in FIXTURE_REGION_SITES]
    for server in servers:
        server.reset()
    jobdir = f"JOBDIR={tmp_path / 'job'}"
    slow = start_spider("gov", FIXTURE_REGION, AS_OF, tmp_path, *FAST, jobdir, "DOWNLOAD_DELAY=0.3")
    deadline = time.monotonic() + 60
    while sum(len(s.stats.requests) for s in servers) < 15 and time.monotonic() < deadline:
        time.sleep(0.1)
    slow.process.send_signal(signal.SIGINT)
    log = slow.ended(timeout=60)
    assert "shutdown" in log
    first = sum(len(s.stats.requests) for s in servers)

    result = run_spider("gov", FIXTURE_REGION, AS_OF, tmp_path, *FAST, jobdir)
    assert result.returncode == 0, result.stderr[-3000:]
    assert sum(len(s.stats.requests) for s in servers) > first
    engine = _engine(tmp_path)
    with Session(engine) as s:
        runs = s.scalars(select(Run)).all()
        columns = {c.url: c for c in s.scalars(select(Column))}
        pages = s.scalars(select(Page.url)).all()
    assert [r.status for r in runs] == ["finished"]
    assert len(pages) == len(set(pages)) >= 60
    assert (columns[f"{A}/xwdt/"].item_count, columns[f"{A}/xwdt/"].pages) == (17, 2)
    for server in servers:  # nothing fetched twice across the two processes
        once = [r for r in server.stats.requests
                if r[1] not in ("/robots.txt", "/busy/notice.html", "/loop.html")]
        assert len(once) == len(set(once)), (server.host, sorted(r for r in set(once) if once.count(r) > 1))


def test_crawl_summary_names_columns_and_broken_links(crawl: tuple[Engine, dict[str, SiteServer]]) -> None:
    engine, _ = crawl
    with Session(engine) as s:
        run_id = s.scalars(select(Run.id)).one()
    summary = crawl_summary(engine, run_id)
    assert "■ 某某县人民政府（4110230001）http://127.0.1.1:8701/" in summary
    assert f"工作动态 [news] 最新 2026-11-18，17 条 / 2 页  {A}/xwdt/" in summary
    assert "人事任免 [plan] 空白栏目（暂无信息），0 条 / 1 页" in summary
    assert f"公示公告 [notice] 最新 2026-01-10，500 条（分页标明，已读 50 条） / 5 页  {B}/gsgg/" in summary
    assert "卫健动态 [news] 最新 2026-11-18，3 条（分页由脚本生成，未能跟进，仅读第1页） / 1 页" in summary
    assert f"{A}/xwdt/2025/old.html（HTTP 404）出现在 {A}/「往年工作动态」" in summary
    assert "http://127.0.1.1:8799/service/（connection refused）" in summary
