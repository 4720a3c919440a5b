from __future__ import annotations

import pytest

from govcrawl.crawl.column_urls import column_page


@pytest.mark.parametrize("url, key, page, pager", [
    ("http://x.gov.cn/tzgg/", "http://x.gov.cn/tzgg/", None, "none"),
    ("http://x.gov.cn/tzgg/index.html", "http://x.gov.cn/tzgg/", None, "none"),
    ("http://x.gov.cn/tzgg/index_3.html", "http://x.gov.cn/tzgg/", 4, "file"),
    ("http://x.gov.cn/tzgg/list_2.shtml", "http://x.gov.cn/tzgg/", 2, "file"),
    ("http://x.gov.cn/tzgg/tzgg_4.html", "http://x.gov.cn/tzgg/", 4, "file"),
    ("http://x.gov.cn/tzgg/?page=3", "http://x.gov.cn/tzgg/", 3, "query"),
    ("http://x.gov.cn/list.jsp?cat=5&pageNo=2", "http://x.gov.cn/list.jsp?cat=5", 2, "query"),
    ("http://x.gov.cn/col/col12/index.html?uid=45&pageNum=2", "http://x.gov.cn/col/col12/", 2, "query"),
    ("http://x.gov.cn/col/col12/index.html?uid=45", "http://x.gov.cn/col/col12/index.html?uid=45", None, "none"),
])
def test_pager_pages_name_their_first_page(url: str, key: str, page: int | None, pager: str) -> None:
    assert column_page(url) == (column_page(url).__class__(key, page, pager))


@pytest.mark.parametrize("url", ["http://x.gov.cn/art/2024/1/2/art_1_2.html", "http://x.gov.cn/a/t20240101_1.html",
                                 "http://x.gov.cn/news/show.php?id=7"])
def test_articles_are_their_own_page(url: str) -> None:
    assert column_page(url).key == url and column_page(url).page is None
