from __future__ import annotations

import pytest

from govcrawl.extract.search import SUBMITTABLE, UNSUBMITTABLE, search_offer, search_results

from ._helpers import realpage, sel

HOME = "http://127.0.1.41/index.html"


def test_get_form_with_hidden_fields_and_a_select() -> None:
    html = ("<table><tr><td><form name='search' action='/was5/web/search' method='get'>"
            "<input type='hidden' name='channelid' value='2001'><select name='sort'><option value='time'>时间</option>"
            "</select><input type='text' name='searchword' value='请输入关键字'><input type='submit' value='搜索'>"
            "</form></td></tr></table>")
    offer = search_offer(sel(html), HOME)
    assert offer is not None and offer.kind == SUBMITTABLE
    assert (offer.action, offer.param) == ("http://127.0.1.41/was5/web/search", "searchword")
    assert offer.fields == (("channelid", "2001"), ("sort", "time"))


def test_external_search_host_and_accept_charset() -> None:
    html = ("<div class='ss'><form action='https://search.example.gov.cn/s' accept-charset='gbk'>"
            "<input type='hidden' name='siteCode' value='4110000001'><input name='q' placeholder='搜索'></form></div>")
    offer = search_offer(sel(html), HOME)
    assert offer is not None and (offer.action, offer.param, offer.charset) == ("https://search.example.gov.cn/s",
                                                                             "q", "gbk")


def test_login_and_page_jump_boxes_are_not_searches() -> None:
    html = ("<form action='/login' method='get'><input name='user'><input type='password' name='pw'></form>"
            "<form action='/list.html'><input name='page' size='3'><input type='submit' value='跳转'></form>")
    assert search_offer(sel(html), HOME) is None


def test_script_built_address_is_submittable() -> None:
    html = ("<div class='search'><input id='kw' name='kw' placeholder='请输入关键词'>"
            "<a onclick=\"window.location.href='/search/index.html?siteid=12&q='+encodeURI($('#kw').val())\">"
            "搜索</a></div>")
    offer = search_offer(sel(html), HOME)
    assert offer is not None and offer.kind == SUBMITTABLE
    assert (offer.action, offer.param) == ("http://127.0.1.41/search/index.html", "q")
    assert offer.fields == (("siteid", "12"),)


@pytest.mark.parametrize("html", [
    "<div class='search'><input name='kw' placeholder='搜索'><button onclick='goSearch(this)'>搜索</button></div>",
    "<form action='/search.asp' method='post'><input name='ttt'><input type='submit' value='搜 索'></form>",
    "<form ms-attr-action='searchAction'><input name='key' placeholder='请输入搜索内容'></form>",
    "<ul><li><a href='/ss/'>站内搜索</a></li></ul>",
    "<div id='sousuo'></div><script src='/js/s.js'></script>",
])
def test_searches_the_crawler_cannot_submit_are_still_offers(html: str) -> None:
    offer = search_offer(sel(html), HOME)
    assert offer is not None and offer.kind == UNSUBMITTABLE


def test_no_search_at_all() -> None:
    assert search_offer(sel("<div class='nav'><a href='/xwdt/'>新闻动态</a><input name='x'></div>"), HOME) is None


@pytest.mark.parametrize(("page", "kind", "param"), [
    ("cmse-gov-cn-article-fabuhui.html", SUBMITTABLE, "searchword"),
    ("zj-fgw-article-deqing-touzi.html", SUBMITTABLE, "q"),
    ("www-moe-gov-cn_article_1.html", SUBMITTABLE, "qt"),
    ("www-shaanxi-gov-cn_article_1.html", SUBMITTABLE, "keyWord"),   # location.href = '/site/…/search.html?keyWord='+…
    ("yichun-gov-cn-home.html", SUBMITTABLE, "searchWord"),
    ("shanxi-gov-cn-article-pinpaisilu.html", UNSUBMITTABLE, "sword"),  # a POST form
    ("www-gxzf-gov-cn_article_1.html", UNSUBMITTABLE, ""),  # doSearchGxzf(this) in an external script
])
def test_real_pages(page: str, kind: str, param: str) -> None:
    offer = search_offer(realpage(page), "http://www.example.gov.cn/")
    assert offer is not None and (offer.kind, offer.param) == (kind, param)


ARTICLE = "http://127.0.1.41/xwdt/202611/t20261102_1.html"
QUERY = "关于开展2026年秋季森林防火检查的通知"


def test_results_list_the_article_by_address_or_highlighted_title() -> None:
    by_url = f"<ul><li><a href='{ARTICLE}'>秋季森林防火</a></li></ul>"
    by_title = "<div class='res'><a href='/x/1.html'>关于开展2026年秋季<em>森林防火</em>检查的通知</a></div>"
    cut = "<div><a href='/x/1.html' title=''>关于开展2026年秋季森林防火检…</a></div>"
    cut_plain = "<div><a href='/r.jsp?id=1'>关于开展2026年秋季</a><span>2026-11-02</span></div>"
    tracked = f"<li><a href='{ARTICLE}?from=search' title='秋季防火'>秋季防火</a></li>"
    for html in (by_url, by_title, cut, cut_plain, tracked):
        assert search_results(sel(html), "http://127.0.1.41/search/?q=x", ARTICLE, QUERY).found


def test_results_without_the_article_and_the_echoed_query() -> None:
    html = (f"<p>您搜索的“{QUERY}”共找到2条结果</p><a href='/search/?q={QUERY}&p=2'>{QUERY}</a>"
            "<ul><li><a href='/x/1.html'>关于秋季防火的通知</a></li><li><a href='/x/2.html'>工作动态</a></li></ul>")
    results = search_results(sel(html), "http://127.0.1.41/search/?q=x", ARTICLE, QUERY)
    assert (results.found, results.links) == (False, 2)
    other_path = search_results(sel(f"<a href='{ARTICLE}x'>森林防火</a><a href='/'>首页</a>"), "http://127.0.1.41/s",
                                ARTICLE, QUERY)
    assert not other_path.found


def test_empty_results_page() -> None:
    results = search_results(sel("<html><body> </body></html>"), "http://127.0.1.41/search/", ARTICLE, QUERY)
    assert (results.found, results.links, results.text_chars) == (False, 0, 0)
