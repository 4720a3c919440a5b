"""End to end: ``scrapy crawl newmedia`` over the fixture feeds (tests/feeds/, served on 127.0.1.20),
then the 附件2 workbook and the database it leaves behind."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError

from govcrawl.devtools.devserver import SiteServer
from govcrawl.rules import RULES
from govcrawl.spiders.newmedia import failure_reason
from govcrawl.storage.models import AccountCheck, Post

ROOT = Path(__file__).resolve().parents[2]
FEEDS = Path(__file__).parents[1] / "feeds"
HOST = "127.0.1.20"
AS_OF = "2026-10-01"
HEADER = ["序号", "主办单位", "账号名称", "平台", "指标类别", "问题类型", "问题描述", "问题页面", "发现时间"]

# name, platform, feed path (None: a port nothing listens on), interaction
ACCOUNTS = [
    ("许昌发布", "微信", "/rss_clean.xml", True),
    ("魏都发布", "微博", "/atom_stale.xml", True),
    ("许昌政务", "抖音", "/json_page1.json", False),
    ("禹州发布", "快手", "/atom_paged_1.xml", True),
    ("建安发布", "头条", "/moved.xml", True),
    ("襄城发布", "百家号", "/rss_empty.xml", True),
    ("鄢陵发布", "头条", "/not_a_feed.html", True),
    ("长葛发布", "微信", "/malformed.xml", True),
    ("许昌文旅", "客户端", "/invalid.json", True),
    ("许昌交通", "微博", "/gone.xml", True),
    ("许昌关闭号", "微博", None, True),
    ("许昌教育", "百家号", "/rss_wording.xml", True),
]


def _registered(rule_id: str) -> bool:
    return any(rule_id == rule.ID for rule in RULES)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _region(port: int, closed_port: int) -> str:
    lines = ['[region]', 'code = "nmtest"', 'name = "测试市"', ""]
    for name, platform, path, interaction in ACCOUNTS:
        feed = f"http://{HOST}:{port}{path}" if path else f"http://{HOST}:{closed_port}/feed.xml"
        lines += ["[[accounts]]", f'name = "{name}"', f'platform = "{platform}"', f'owner = "{name}主办单位"',
                  f'feed = "{feed}"', f"interaction = {'true' if interaction else 'false'}", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("newmedia")
    closed_port = _free_port()  # bound once and released: nothing listens there, the connection is refused
    with SiteServer(FEEDS, HOST, _free_port()) as server:
        region = tmp / "nmtest.toml"
        region.write_text(_region(server.port, closed_port), encoding="utf-8")
        out = tmp / "out"
        done = subprocess.run(
            [str(Path(sys.executable).parent / "scrapy"), "crawl", "newmedia", "-a", f"region={region}",
             "-a", f"as_of={AS_OF}", "-s", f"OUTPUT_DIR={out}", "-s", "GOVCRAWL_RETRY_BACKOFF_BASE=0.05",
             "-s", "LOG_LEVEL=INFO"],
            cwd=ROOT, capture_output=True, text=True, timeout=180)
        requested = server.stats.paths()
    assert done.returncode == 0, done.stderr[-4000:]
    yield {"out": out, "log": done.stderr, "requested": requested}


def _sheet(crawl: dict[str, Any], title: str) -> list[list[Any]]:
    path = crawl["out"] / "nmtest" / f"附件2-测试市政务新媒体问题情况-{AS_OF}.xlsx"
    assert path.exists(), f"no annex at {path}; log:\n{crawl['log'][-3000:]}"
    return [list(row) for row in load_workbook(path)[title].iter_rows(values_only=True)]


def _problems(crawl: dict[str, Any]) -> dict[str, list[tuple[str, str, str, str]]]:
    rows = _sheet(crawl, "附件2")
    assert rows[0][:len(HEADER)] == HEADER
    by_account: dict[str, list[tuple[str, str, str, str]]] = {}
    for row in rows[1:]:
        by_account.setdefault(row[2], []).append((row[4], row[5], row[6], row[7] or ""))
    return by_account


def _verdicts(crawl: dict[str, Any]) -> dict[str, str]:
    rows = _sheet(crawl, "检查结果")
    header = rows[0]
    name, verdict = header.index("账号名称"), header.index("检查结论")
    return {row[name]: row[verdict] for row in rows[1:] if row[name]}


def test_every_account_gets_a_verdict(crawl: dict[str, Any]) -> None:
    verdicts = _verdicts(crawl)
    wording = "不合格" if _registered("post_serious_wording") else "合格"
    assert verdicts == {
        "许昌发布": "合格", "魏都发布": "不合格", "许昌政务": "不合格", "禹州发布": "合格", "建安发布": "合格",
        "襄城发布": "不合格", "鄢陵发布": "不合格", "长葛发布": "不合格", "许昌文旅": "不合格",
        "许昌交通": "不合格", "许昌关闭号": "不合格", "许昌教育": wording,
    }
    passed = list(verdicts.values()).count("合格")
    [summary] = [row[0] for row in _sheet(crawl, "检查结果") if row[0] and "合格率" in str(row[0])]
    assert f"共检查12个政务新媒体账号，合格{passed}个，不合格{12 - passed}个，合格率{passed / 12:.1%}" == summary


def test_a_post_with_a_serious_wrong_expression_is_a_row(crawl: dict[str, Any]) -> None:
    if not _registered("post_serious_wording"):
        pytest.skip("the post-scope rule post_serious_wording is not written yet")
    [(category, kind, description, url)] = _problems(crawl)["许昌教育"]
    assert (category, kind) == ("单项否决", "严重表述错误")
    assert "台湾总统" in description
    assert url == "https://baijiahao.baidu.com/s?id=1800000000000000001"


def test_stale_and_empty_feeds_are_content_not_updated(crawl: dict[str, Any]) -> None:
    problems = _problems(crawl)
    [(category, kind, description, url)] = problems["魏都发布"]
    assert (category, kind) == ("单项否决", "内容不更新")
    assert "2026-08-15" in description and "魏都区开展夏季防汛演练" in description
    assert url == "https://weibo.com/1234567890/Nx2"
    [(_, kind, description, _)] = problems["襄城发布"]
    assert kind == "内容不更新" and "没有任何发布内容" in description


def test_registry_without_interaction_is_interaction_poor(crawl: dict[str, Any]) -> None:
    assert [(k, c) for c, k, _, _ in _problems(crawl)["许昌政务"]] == [("互动回应差", "单项否决")]


def test_unreadable_feeds_say_why(crawl: dict[str, Any]) -> None:
    problems = _problems(crawl)
    expected = {"鄢陵发布": "HTML网页", "长葛发布": "XML格式错误", "许昌文旅": "JSON格式错误",
                "许昌交通": "HTTP 410", "许昌关闭号": "拒绝连接"}
    for account, says in expected.items():
        [(category, kind, description, url)] = problems[account]
        assert (category, kind) == ("单项否决", "账号无法访问"), account
        assert says in description, (account, description)
        assert url.startswith(f"http://{HOST}:")


def test_fresh_feeds_have_no_rows(crawl: dict[str, Any]) -> None:
    problems = _problems(crawl)
    for account in ("许昌发布", "禹州发布", "建安发布"):
        assert account not in problems


def test_posts_are_stored_once_with_paging_followed_and_loops_cut(crawl: dict[str, Any]) -> None:
    engine = create_engine(f"sqlite:///{crawl['out'] / 'nmtest' / 'govcrawl.sqlite'}")
    with Session(engine) as session:
        posts = session.scalars(select(Post)).all()
        checks = {c.account: c for c in session.scalars(select(AccountCheck))}
    engine.dispose()
    counts: dict[str, int] = {}
    for post in posts:
        counts[post.account] = counts.get(post.account, 0) + 1
    assert counts == {"许昌发布": 3, "魏都发布": 2, "许昌政务": 3, "禹州发布": 2, "建安发布": 3, "许昌教育": 2}
    assert checks["许昌政务"].post_count == 3 and checks["许昌政务"].ok
    assert not checks["许昌关闭号"].ok and checks["襄城发布"].ok and checks["襄城发布"].post_count == 0
    # Stored as China local time: 02:30 GMT is 10:30 in Xuchang.
    newest = max(p.published for p in posts if p.account == "许昌发布" and p.published)
    assert newest.isoformat() == "2026-09-28T10:30:00"
    # The paged Atom feed points back to its first page: each page was fetched once.
    assert crawl["requested"].count("/atom_paged_1.xml") == 1
    assert crawl["requested"].count("/atom_paged_2.xml") == 1
    assert "loops back" in crawl["log"]


@pytest.mark.parametrize(("exc", "retries", "says"), [
    (HttpError(Response("http://127.0.1.20/feed.xml", status=503)), 2, "订阅地址返回HTTP 503错误（已重试2次）"),
    (DNSLookupError("no such host"), 2, "订阅地址的域名无法解析（已重试2次）"),
    (ConnectionRefusedError(), 0, "订阅地址拒绝连接"),
    (TCPTimedOutError(), 1, "订阅地址连接超时（已重试1次）"),
    (IgnoreRequest("resolves to private address 10.0.0.1"), 0, "订阅地址无法公开访问（IgnoreRequest: resolves"),
])
def test_failure_reason_names_the_failure(exc: BaseException, retries: int, says: str) -> None:
    assert failure_reason(exc, retries).startswith(says)
