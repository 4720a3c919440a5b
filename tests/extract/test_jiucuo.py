from __future__ import annotations

import pytest

from govcrawl.extract.jiucuo import jiucuo_codes

from ._helpers import realpage, sel


def test_text_link_with_the_site_code() -> None:
    html = ('<div class="foot"><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=5100000062'
            '&amp;url=http%3A%2F%2Fwww.sc.gov.cn%2F"><img src="/jc.png" alt=""></a></div>')
    assert jiucuo_codes(sel(html)) == ("5100000062",)


def test_official_script_and_the_badge_it_draws_count_once() -> None:
    html = ("<table><tr><td><script id='_jiucuo_' sitecode='BM12000001' src='/js/jiucuo.js'></script>"
            "<span id='_span_jiucuo'><img onclick=\"Link('bm12000001')\" src='/jiucuo.png'></span></td></tr></table>")
    assert jiucuo_codes(sel(html)) == ("bm12000001",)


def test_no_entry_and_lookalikes() -> None:
    assert jiucuo_codes(sel("<ul><li><a href='/hdjl/jyjc/message.shtml'>纠错</a></li></ul>")) == ()
    # a link to some other page with a site_code parameter, and a malformed code, are not entries
    html = ("<a href='/search?site_code=4110000001'>搜索</a>"
            "<a href='https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=41100'>找错</a>")
    assert jiucuo_codes(sel(html)) == ()


@pytest.mark.parametrize(("page", "code"), [
    ("www-sc-gov-cn_article_1.html", "5100000062"),
    ("www-honghu-gov-cn_article_1.html", "4210830008"),
    ("yichun-gov-cn-article-jiangxi-tjgb2022.html", "3609000002"),
    ("zj-fgw-article-deqing-touzi.html", "3300000020"),
])
def test_real_pages(page: str, code: str) -> None:
    assert jiucuo_codes(realpage(page)) == (code,)
