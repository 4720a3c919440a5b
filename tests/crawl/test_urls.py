"""Canonical URL forms (govcrawl.crawl.urls)."""

from __future__ import annotations

import pytest

from govcrawl.crawl.urls import canonical_url, page_key, path_key, url_digest

DROP = ("jsessionid", "sid", "t")


@pytest.mark.parametrize(("raw", "canonical"), [
    ("HTTP://WWW.Example.GOV.cn:80/a/b.html#top", "http://www.example.gov.cn/a/b.html"),
    ("https://x.gov.cn:443", "https://x.gov.cn/"),
    ("http://x.gov.cn:8080/", "http://x.gov.cn:8080/"),
    ("http://x.gov.cn/list.jsp?page=2&cat=5", "http://x.gov.cn/list.jsp?cat=5&page=2"),
    ("http://x.gov.cn/a.jsp;jsessionid=0A1B?id=3&SID=9&t=1700000000", "http://x.gov.cn/a.jsp?id=3"),
    ("http://x.gov.cn/files/通知.pdf", "http://x.gov.cn/files/通知.pdf"),  # stays readable
    ("http://x.gov.cn/search?q=&b=1", "http://x.gov.cn/search?b=1&q="),
])
def test_canonical_url(raw: str, canonical: str) -> None:
    assert canonical_url(raw, DROP) == canonical


def test_canonical_url_keeps_what_it_cannot_parse() -> None:
    assert canonical_url("http://[::1/x") == "http://[::1/x"


def test_page_key_folds_directory_index_files() -> None:
    assert page_key("http://x.gov.cn/xwdt/index.html") == "http://x.gov.cn/xwdt/"
    assert page_key("http://x.gov.cn/default.aspx?a=1") == "http://x.gov.cn/?a=1"
    assert page_key("http://x.gov.cn/xwdt/index_1.html") == "http://x.gov.cn/xwdt/index_1.html"


def test_path_key_and_digest() -> None:
    assert path_key("http://x.gov.cn/calendar?y=2026&m=11") == "http://x.gov.cn/calendar"
    assert url_digest("http://x.gov.cn/") == url_digest("http://x.gov.cn/")
    assert url_digest("http://x.gov.cn/") != url_digest("http://x.gov.cn/a")
    assert len(url_digest("http://x.gov.cn/")) == 12


def test_an_ipv6_literal_keeps_its_brackets() -> None:
    assert canonical_url("http://[::1]:8741/secret") == "http://[::1]:8741/secret"
    assert canonical_url("HTTP://[2001:DB8::1]/a") == "http://[2001:db8::1]/a"
