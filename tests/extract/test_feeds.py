"""govcrawl.extract.feeds on fixture feeds of every format (tests/feeds/) and a generated 2,000-item feed."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from govcrawl.extract.feeds import ParsedFeed, parse_feed
from govcrawl.model.account_facts import CHINA_TZ

FEEDS = Path(__file__).parents[1] / "feeds"
BASE = "http://127.0.1.20/"


def parse(name: str, content_type: str = "") -> ParsedFeed:
    return parse_feed((FEEDS / name).read_bytes(), content_type, BASE + name)


def cst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CHINA_TZ)


def test_rss_posts_with_html_stripped_and_dates_in_china_time() -> None:
    feed = parse("rss_clean.xml", "application/rss+xml; charset=utf-8")
    assert feed.ok and feed.kind == "rss" and feed.next_url == ""
    first, second, third = feed.posts
    assert first.title == "我市召开秋季安全生产工作会议"
    assert first.text == "9月28日上午，全市秋季安全生产工作会议召开。\n会议强调压实责任。"
    assert "track()" not in first.text
    assert first.published == cst(2026, 9, 28, 10, 30)  # 02:30 GMT
    assert second.text == "请市民合理安排出行。"
    assert second.published == cst(2026, 9, 25, 18, 0)
    # "CST" in a Chinese feed is China Standard Time, not US Central.
    assert third.published == cst(2026, 9, 15, 9, 0)
    assert third.link == "http://127.0.1.20/posts/3.html"


def test_atom_title_markup_and_updated_when_published_is_missing() -> None:
    feed = parse("atom_stale.xml", "application/atom+xml")
    assert feed.ok and feed.kind == "atom"
    newer, older = feed.posts
    assert newer.title == "魏都区开展夏季防汛演练"
    assert newer.text == "演练覆盖全区\n12个街道。"
    assert newer.published == cst(2026, 8, 15, 10, 0)  # published wins over updated
    assert newer.link == "https://weibo.com/1234567890/Nx2"
    assert older.published == datetime(2026, 7, 30, 2, 0, tzinfo=UTC)
    assert older.text == "部署防汛工作。"


def test_json_feed_items_and_next_url() -> None:
    feed = parse("json_page1.json", "application/feed+json")
    assert feed.ok and feed.kind == "json"
    assert feed.next_url == BASE + "json_page2.json"
    assert [p.title for p in feed.posts] == ["重阳节敬老活动", "政务服务“一网通办”操作演示"]
    assert feed.posts[0].text == "社区志愿者走访独居老人。"
    assert feed.posts[1].text == "演示如何在线办理营业执照。"
    assert feed.posts[1].published == cst(2026, 9, 20, 19, 0)


def test_json_feed_1_0_uses_external_url_summary_and_date_modified() -> None:
    feed = parse("json_page2.json", "application/json")
    [post] = feed.posts
    assert feed.next_url == "" and post.title == ""
    assert post.link == "https://www.douyin.com/video/7300000000000000001"
    assert post.text == "早期视频，没有标题。"
    assert post.published == cst(2026, 8, 1, 8, 0)


def test_json_is_recognised_without_a_json_content_type() -> None:
    assert parse("json_page1.json", "text/plain").kind == "json"


def test_dates_without_a_zone_are_china_time() -> None:
    feed = parse("rss_naive_dates.xml", "text/xml")
    assert [p.published for p in feed.posts] == [
        cst(2026, 9, 30, 23, 30), cst(2026, 9, 21, 8, 15), cst(2026, 9, 10, 10, 5)]


def test_empty_feed_is_a_feed_without_posts() -> None:
    feed = parse("rss_empty.xml", "application/rss+xml")
    assert feed.ok and feed.kind == "rss" and feed.posts == ()


@pytest.mark.parametrize(("name", "content_type", "says"), [
    ("malformed.xml", "application/xml", "XML格式错误"),
    ("invalid.json", "application/feed+json", "JSON格式错误"),
    ("not_a_feed.html", "text/html; charset=utf-8", "HTML网页"),
    ("not_a_feed.html", "application/octet-stream", "HTML网页"),
])
def test_what_is_not_a_feed_says_why(name: str, content_type: str, says: str) -> None:
    feed = parse(name, content_type)
    assert not feed.ok and feed.kind == "" and feed.posts == ()
    assert says in feed.error


def test_json_without_version_is_not_a_json_feed() -> None:
    feed = parse_feed(b'{"items": []}', "application/json", BASE)
    assert not feed.ok and "version" in feed.error


def test_broken_xml_that_still_yields_entries_is_read_with_a_warning() -> None:
    body = (FEEDS / "rss_clean.xml").read_bytes().split(b"</item>")[0] + b"</item><item><title>"
    feed = parse_feed(body, "application/rss+xml", BASE)
    assert feed.ok and feed.warning.startswith("XML格式有误")
    assert feed.posts[0].title == "我市召开秋季安全生产工作会议"


def test_atom_next_link() -> None:
    assert parse("atom_paged_1.xml").next_url == BASE + "atom_paged_2.xml"
    assert parse("atom_paged_2.xml").next_url == BASE + "atom_paged_1.xml"


def test_rss_next_link_from_atom_link_element() -> None:
    body = (FEEDS / "rss_clean.xml").read_bytes().replace(
        b'rel="self" type="application/rss+xml"/>', b'rel="self"/><atom:link href="?page=2" rel="next"/>')
    assert parse_feed(body, "application/rss+xml", BASE + "feed").next_url == BASE + "feed?page=2"


@pytest.fixture(scope="module")
def big_feed() -> bytes:
    start = datetime(2026, 9, 30, 12, 0, tzinfo=CHINA_TZ)
    items = "".join(
        f"<item><title>第{n}条动态</title><link>https://example.invalid/{n}</link>"
        f"<pubDate>{(start - timedelta(hours=n)).strftime('%a, %d %b %Y %H:%M:%S +0800')}</pubDate>"
        f"<description>&lt;p&gt;正文{n}&lt;/p&gt;</description></item>"
        for n in range(2000))
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>大号</title>{items}' \
           "</channel></rss>".encode()


def test_two_thousand_items_parse_in_order_and_quickly(big_feed: bytes) -> None:
    began = time.perf_counter()
    feed = parse_feed(big_feed, "application/rss+xml", BASE)
    elapsed = time.perf_counter() - began
    assert len(feed.posts) == 2000
    assert feed.posts[1999].title == "第1999条动态" and feed.posts[1999].text == "正文1999"
    assert feed.posts[1999].published == cst(2026, 9, 30, 12, 0) - timedelta(hours=1999)
    assert elapsed < 10, f"2,000 items took {elapsed:.1f}s"


def test_bridge_style_atom_content_with_src_and_millisecond_utc_dates() -> None:
    # RSSHub's Atom view puts the post link in content/@src and writes UTC with milliseconds.
    body = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>许昌发布的微博</title><id>https://weibo.com/1</id><updated>2026-11-18T02:20:00.000Z</updated>"
            '<entry><title>标题</title><content type="html" src="https://weibo.com/1/abc">&lt;p&gt;正文&lt;/p&gt;'
            '</content><link href="https://weibo.com/1/abc"/><id>https://weibo.com/1/abc</id>'
            "<published>2026-11-18T02:20:00.000Z</published></entry></feed>").encode()
    [post] = parse_feed(body, "application/atom+xml", BASE).posts
    assert (post.text, post.link) == ("正文", "https://weibo.com/1/abc")
    assert post.published == cst(2026, 11, 18, 10, 20)
