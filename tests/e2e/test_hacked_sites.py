"""Hacked sites crawled end to end (tests/sites/hacked/, served on 127.0.1.21 … 127.0.1.26): every
injection technique found, one 暗链或违规内容 row per site and injection, no request (not even a DNS
lookup) to any spam host, no 不可用链接 row for a spam link, and no row at all for the legitimate
hidden menus, tabs, 友情链接, carousels, mobile menus and print blocks. Also: the real government
pages of ../shared/realpages give no 暗链或违规内容 and no 严重表述错误 finding."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from govcrawl.config import threshold_defaults
from govcrawl.devtools.devserver import SiteServer
from govcrawl.extract.charset import decode_html
from govcrawl.extract.page import extract_page
from govcrawl.model.items import PageItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules import hidden_content, serious_wording
from govcrawl.settings import GOVCRAWL_COLUMN_CLASSES
from tests.conftest import PORT, REPO, run_spider
from tests.extract._helpers import REALPAGES, manifest
from tests.resolver_stub import LOG_VARIABLE

HACKED = REPO / "tests" / "sites" / "hacked"
SITES = {"a": "127.0.1.21", "b": "127.0.1.22", "c": "127.0.1.23", "d": "127.0.1.24", "e": "127.0.1.25",
         "f": "127.0.1.26"}
CODE = {name: f"4199{host.rsplit('.', 1)[1]}0001" for name, host in SITES.items()}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str], dict[str, list[str]]]]:
    """Crawl the hacked region once: (database, host names looked up, paths each server answered)."""
    out = tmp_path_factory.mktemp("hacked")
    lookups = out / "lookups.txt"
    lookups.touch()
    servers = [SiteServer(HACKED / name, host, PORT) for name, host in SITES.items()]
    os.environ[LOG_VARIABLE] = str(lookups)
    try:
        for server in servers:
            server.start()
        result = run_spider("gov", HACKED / "region.toml", "2026-11-20", out, "DOWNLOAD_DELAY=0",
                            "AUTOTHROTTLE_ENABLED=False", "GOVCRAWL_RETRY_BACKOFF_BASE=0.1",
                            "DNS_RESOLVER=tests.resolver_stub.RecordingResolver")
        assert result.returncode == 0, result.stderr[-3000:]
        paths = {name: server.stats.paths() for name, server in zip(SITES, servers, strict=True)}
    finally:
        os.environ.pop(LOG_VARIABLE, None)
        for server in servers:
            server.stop()
    yield out / "hacked" / "govcrawl.sqlite", lookups.read_text(encoding="utf-8").split(), paths


def _rows(db: Path, problem_type: str) -> list[tuple[str, str, str, int, list[str]]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select subject, description, evidence, page_count, pages from findings "
                            "where problem_type = ? order by subject, description", (problem_type,)).fetchall()
    return [(s, d, e, c, json.loads(p) if isinstance(p, str) else p) for s, d, e, c, p in rows]


def test_every_injection_is_one_row(crawl: tuple[Path, list[str], dict[str, list[str]]]) -> None:
    db, _, _ = crawl
    rows = _rows(db, "暗链或违规内容")
    by_site = {code: sorted(d for s, d, *_ in rows if s == code) for code in CODE.values()}
    assert by_site[CODE["a"]] == sorted(["页面被植入隐藏链接2条（text-indent off-screen）",
                                         "页面被植入隐藏链接6条（display:none）",
                                         "页面含指向违规内容外部网站的链接1条"])
    assert by_site[CODE["b"]] == sorted([
        "页面被植入隐藏链接2条（position off-screen）", "页面被植入隐藏链接1条（font-size:0）",
        "页面被植入隐藏链接2条（tiny marquee）", "页面被植入隐藏链接2条（visibility:hidden）",
        "页面被植入隐藏链接2条（zero-size box）", "页面被植入隐藏链接3条（display:none）"])  # the last: linked CSS
    assert by_site[CODE["c"]] == sorted([
        "页面被脚本写入链接2条（document.write）", "页面被脚本写入链接1条（innerHTML）",
        "页面标题被篡改为违规内容（标题劫持）", "页面关键词被篡改为违规内容（标题劫持）"])
    assert by_site[CODE["d"]] == ["页面自动跳转至外部网站www.dubo.invalid（跳转劫持）",
                                  "页面自动跳转至外部网站www.yl.invalid（跳转劫持）"]
    assert by_site[CODE["e"]] == [] and by_site[CODE["f"]] == []


def test_a_hacked_template_is_one_row_listing_its_pages(crawl: tuple[Path, list[str], dict[str, list[str]]]) -> None:
    db, _, _ = crawl
    [row] = [r for r in _rows(db, "暗链或违规内容") if r[0] == CODE["a"] and "display:none" in r[1]]
    _, _, evidence, count, pages = row
    assert count == 4 and len(pages) == 4  # the homepage and its three articles
    assert evidence.startswith("国产精品一区二区、中文字幕在线观看、日韩欧美高清不卡 → www.av0.invalid")


def test_no_spam_host_is_ever_requested_or_blamed(crawl: tuple[Path, list[str], dict[str, list[str]]]) -> None:
    db, lookups, paths = crawl
    assert lookups, "the resolver stub recorded nothing: is it installed?"
    assert not [name for name in lookups if name.endswith(".invalid")]
    assert "/xw/1.html" in paths["a"] and "/" in paths["f"]  # the crawl ran, the 友情链接 was checked
    # each stylesheet read once by the crawl, before the page that links it is judged (the evidence
    # screenshots, taken in Chromium after the crawl, load it again)
    for site, sheet, page in (("b", "/skin/main.css", "/gzdt/3.html"), ("e", "/css/site.css", "/")):
        first = paths[site].index(sheet)
        assert paths[site][first + 1:].count(page) >= 1 and paths[site][:first].count(page) == 1
    with sqlite3.connect(db) as conn:
        checked = [url for (url,) in conn.execute("select url from links")]
    assert not [u for u in checked if ".invalid" in u]
    assert not [r for r in _rows(db, "不可用链接") if ".invalid" in r[1] + r[2]]


def test_legitimate_sites_give_no_content_row(crawl: tuple[Path, list[str], dict[str, list[str]]]) -> None:
    db, _, _ = crawl
    for problem in ("暗链或违规内容", "严重表述错误", "不可用链接"):
        assert [r for r in _rows(db, problem) if r[0] in (CODE["e"], CODE["f"])] == [], problem


@pytest.mark.parametrize("row", manifest(), ids=lambda row: row["file"])
def test_real_pages_give_no_spam_and_no_serious_wording(row: dict[str, str]) -> None:
    html, _ = decode_html((REALPAGES / row["file"]).read_bytes())
    home = row["kind"] == "home"
    url = f"http://{row['site']}/" if home else f"http://{row['site']}/a/b/c.html"
    facts = extract_page(html, url, is_home=home, site_hosts=[row["site"]], classes=GOVCRAWL_COLUMN_CLASSES)
    item = PageItem(site="4100000000", url=url, final_url=url, status=200, depth=0, is_home=home,
                    fetched_at=datetime(2026, 9, 30), facts=facts)
    conf = RuleConf(item.fetched_at.date(), threshold_defaults())
    assert list(hidden_content.check(item, conf)) == []
    assert list(serious_wording.check(item, conf)) == []
