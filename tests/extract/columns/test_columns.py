from __future__ import annotations

from datetime import date

import pytest

from govcrawl.extract.columns.empty import empty_marker
from govcrawl.extract.columns.info import column_info
from govcrawl.extract.columns.lists import ListEntry, homepage_newest, list_entries
from govcrawl.extract.columns.naming import breadcrumb, classify_column, column_name
from govcrawl.extract.columns.pagination import pager_total, pagination_links, script_pager
from govcrawl.settings import GOVCRAWL_MAX_PAGINATION

from .._helpers import CLASSES, realpage, sel

BASE = "http://www.x.gov.cn/zwgk/tzgg/index.html"
NAV = "<div class='nav'><ul><li><a href='/'>网站首页</a></li><li><a href='/zwgk/'>政务公开栏目</a></li>" \
      "<li><a href='/hdjl/'>互动交流栏目</a></li></ul></div>"

UL = NAV + """<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>
&gt; <a href="./">通知公告</a></div><ul class="list">
<li><a href="./202611/t20261118_1.html" title="关于开展秋季森林防火检查的通知">关于开展秋季森林防火检查的通知</a>
<span>2026-11-18</span></li>
<li><span>[2026-11-10]</span><a href="./202611/t20261110_2.html">关于公布2026年第二批行政许可事项的公告</a></li>
<li><a href="./202610/t20261031_3.html">关于召开全县安全生产工作会议的通知</a><em>(2026年10月31日)</em></li>
</ul>"""

TABLE = """<table><tr><th>标题</th><th>发布日期</th></tr>
<tr><td><a href="/a/1.html">县人民政府关于印发工作要点的通知</a></td><td>2026/11/18</td></tr>
<tr><td><a href="/a/2.html">县政府办公室关于做好节日值班工作的通知</a></td><td>2026/11/02</td></tr>
<tr><td><a href="/a/3.html">关于调整县政府领导工作分工的通知</a></td><td>2026/10/09</td></tr>
<tr><td><a href="/a/4.html">关于进一步加强政务公开工作的意见</a></td><td>2026/09/30</td></tr>
</table>"""

DIV = """<div class="news">
<div class="item"><span class="d">2026.11.18</span><a href="/b/1.html">乡镇动态：某镇开展环境整治</a></div>
<div class="item"><span class="d">2026.11.17</span><a href="/b/2.html">乡镇动态：某乡召开村民代表大会</a></div>
<div class="item"><span class="d">2026.11.15</span><a href="/b/3.html">乡镇动态：某镇推进秋收秋种工作</a></div></div>"""

TRADITIONAL = """<div class="crumb">當前位置：<a href="/">首頁</a> &gt; <a href="./">政府資訊公開</a></div><ul>
<li><a href="/c/1.html">本府發佈最新施政報告</a><span>(2026-11-18)</span></li>
<li><a href="/c/2.html">縣府召開防災應變會議</a><span>(2026-11-08)</span></li>
<li><a href="/c/3.html">公告本年度預算執行情形</a><span>(2026-10-28)</span></li></ul>"""


def test_classify_column() -> None:
    assert classify_column("工作动态", CLASSES) == "news"
    assert classify_column("通知公告", CLASSES) == "notice"
    assert classify_column("人事任免", CLASSES) == "plan"
    assert classify_column("统计公报", CLASSES) == "other"


def test_list_entries_ul_dates_before_and_after() -> None:
    entries = list_entries(sel(UL), BASE)
    assert entries[0] == ListEntry("关于开展秋季森林防火检查的通知",
                                   "http://www.x.gov.cn/zwgk/tzgg/202611/t20261118_1.html", date(2026, 11, 18))
    assert [e.date for e in entries] == [date(2026, 11, 18), date(2026, 11, 10), date(2026, 10, 31)]


def test_list_entries_table() -> None:
    entries = list_entries(sel(TABLE), BASE)
    assert len(entries) == 4 and entries[-1].date == date(2026, 9, 30)


def test_list_entries_div() -> None:
    entries = list_entries(sel(DIV), BASE)
    assert entries[0].title == "乡镇动态：某镇开展环境整治"
    assert len(entries) == 3


def test_list_entries_traditional() -> None:
    assert list_entries(sel(TRADITIONAL), BASE)[0].date == date(2026, 11, 18)


def test_list_entries_url_and_title_attribute_dates() -> None:
    html = """<ul><li><a href="/art/2026-11/18/content_1.htm">国务院常务会议研究部署工作</a></li>
    <li><a href="/art/2026-11/16/content_2.htm">国务院办公厅印发实施方案</a></li>
    <li><a href="/art/x.htm" title="关于印发办法的通知 2026-11-10">关于印发办法的通知</a></li></ul>"""
    entries = list_entries(sel(html), BASE)
    assert [(e.date, e.date_source) for e in entries] == [
        (date(2026, 11, 18), "url"), (date(2026, 11, 16), "url"), (date(2026, 11, 10), "text")]


def test_short_dates_use_url_year() -> None:
    html = """<ul><li><a href="/2026/11/a.html">县领导调研重点项目建设</a>(11-18)</li>
    <li><a href="/2026/11/b.html">全县召开经济运行分析会</a>(11-12)</li>
    <li><a href="/2026/10/c.html">县政府召开常务会议研究</a>(10-30)</li></ul>"""
    assert list_entries(sel(html), BASE)[0].date == date(2026, 11, 18)


@pytest.mark.parametrize("html", [
    # ul/li with bracketed month-day after the title
    """<ul><li><a href="/x/a.html">县领导调研重点项目建设</a>(11-18)</li>
    <li><a href="/x/b.html">全县召开经济运行分析会</a>(11-12)</li>
    <li><a href="/x/c.html">县政府召开常务会议研究部署</a>(12-30)</li></ul>""",
    # table with 月日 cells
    """<table><tr><td><a href="/x/a.html">县领导调研重点项目建设</a></td><td>11月18日</td></tr>
    <tr><td><a href="/x/b.html">全县召开经济运行分析会</a></td><td>11月12日</td></tr>
    <tr><td><a href="/x/c.html">县政府召开常务会议研究部署</a></td><td>12月30日</td></tr></table>""",
    # div items with the date first
    """<div><div><span>11-18</span><a href="/x/a.html">县领导调研重点项目建设</a></div>
    <div><span>11-12</span><a href="/x/b.html">全县召开经济运行分析会</a></div>
    <div><span>12-30</span><a href="/x/c.html">县政府召开常务会议研究部署</a></div></div>""",
])
def test_yearless_dates_count_back_from_as_of(html: str) -> None:
    entries = list_entries(sel(html), BASE, as_of=date(2026, 11, 26))
    # a day after as_of in the calendar year is last year's: lists run newest first
    assert [e.date for e in entries] == [date(2026, 11, 18), date(2026, 11, 12), date(2025, 12, 30)]
    assert list_entries(sel(html), BASE) == []  # without as_of such items stay undated: no list


def test_menus_are_not_lists() -> None:
    assert list_entries(sel(NAV), BASE) == []


def test_column_name_sources() -> None:
    assert column_name(sel(UL)) == "通知公告"
    assert column_name(sel(TRADITIONAL)) == "政府資訊公開"
    assert column_name(sel('<head><meta name="ColumnName" content="工作动态"></head>' + UL)) == "工作动态"
    assert column_name(sel("<title>人事任免_某县人民政府</title>")) == "人事任免"
    assert column_name(sel("<div>您的位置：首页 &gt; 政务公开 &gt; 规划计划</div>")) == "规划计划"


def test_pagination_links() -> None:
    html = """<div class="page"><a href="index.html">首页</a><a href="index_1.html">2</a>
    <a href="index_1.html">下一页</a><a href="index_9.html">尾页</a></div>"""
    assert pagination_links(sel(html), BASE) == [
        "http://www.x.gov.cn/zwgk/tzgg/index_1.html", "http://www.x.gov.cn/zwgk/tzgg/index_9.html"]
    script = '<script>createPageHTML(4, 0, "index", "html");</script>'
    assert pagination_links(sel(script), BASE) == [
        f"http://www.x.gov.cn/zwgk/tzgg/index_{i}.html" for i in (1, 2, 3)]
    table = "<table class='fenye'><tr><td><a href='?page=2'>2</a><a href='?page=3'>3</a></td></tr></table>"
    assert len(pagination_links(sel(table), BASE)) == 2


def test_pagination_links_stop_at_the_sites_cap() -> None:
    script = '<script>createPageHTML(80, 0, "index", "html");</script>'
    assert len(pagination_links(sel(script), BASE)) == GOVCRAWL_MAX_PAGINATION
    assert pagination_links(sel(script), BASE, 2) == [
        "http://www.x.gov.cn/zwgk/tzgg/index_1.html", "http://www.x.gov.cn/zwgk/tzgg/index_2.html"]
    pager = "<div class='page'>" + "".join(f"<a href='?page={i}'>{i}</a>" for i in range(2, 9)) + "</div>"
    info = column_info(sel(UL + pager), BASE, CLASSES, max_pages=3)
    assert info is not None and len(info.next_pages) == 3


def test_empty_marker_main_vs_sidebar_and_template() -> None:
    assert empty_marker(sel("<div class='main'><ul></ul><p>暂无信息</p></div>")) == "暂无信息"
    assert empty_marker(sel("<table><tr><td>没有记录</td></tr></table>")) == "没有记录"
    assert empty_marker(sel("<div class='con'><div>暫無資料</div></div>")) == "暫無資料"
    assert empty_marker(sel("<div class='sidebar'><p>暂无数据</p></div>")) is None
    assert empty_marker(sel("<ul ms-if='list.length==0'><div>暂无数据</div></ul>")) is None
    assert empty_marker(sel("<p>暂无信息的说明文字很长很长，这是一篇文章里的句子而不是空栏目提示。</p>")) is None


def test_column_info_list_and_empty() -> None:
    info = column_info(sel(UL), BASE, CLASSES)
    assert info is not None
    assert (info.name, info.cls, info.item_count, info.newest_date, info.empty) == (
        "通知公告", "notice", 3, date(2026, 11, 18), False)
    empty = column_info(sel(NAV + "<div class='position'>当前位置：<a>首页</a> &gt; <a>工作动态</a></div>"
                            "<div class='main'><ul class='list'></ul><p>暂无信息</p></div>"), BASE, CLASSES)
    assert empty is not None
    assert (empty.name, empty.cls, empty.empty, empty.empty_marker, empty.item_count) == (
        "工作动态", "news", True, "暂无信息", 0)


def test_article_with_sidebar_is_not_a_list() -> None:
    body = "<p>" + "本县召开全县经济工作会议，总结今年工作，部署明年任务。" * 12 + "</p>"
    html = f"<div class='article'><h1>全县经济工作会议召开</h1>{body}{body}</div><div class='side'>{UL}</div>"
    assert column_info(sel(html), BASE, CLASSES) is None


def test_homepage_newest() -> None:
    newest = homepage_newest(sel(UL + DIV + TABLE), "http://www.x.gov.cn/")
    assert newest is not None and newest.date == date(2026, 11, 18)
    assert homepage_newest(sel(NAV), "http://www.x.gov.cn/") is None


PINGTAN = {
    # file: (column name, items on the page, newest date, oldest date, first title)
    "pingtan-gov-cn-list-tjgb.html": ("统计公报", 20, date(2026, 4, 29), date(2022, 10, 31),
                                      "2025年平潭综合实验区国民经济和社会发展统计公报"),
    "pingtan-gov-cn-list-ndjh.html": ("年度计划", 39, date(2025, 9, 30), date(2021, 12, 31),
                                      "平潭综合实验区海坛片区管理局2024年度工作总结及2025年工作思路"),
    "pingtan-gov-cn-list-gzjzqk.html": ("工作进展情况", 75, date(2025, 11, 11), date(2021, 4, 16),
                                        "平潭综合实验区社会事业局关于2025年中小学教育装备产品“双随机、一公开”抽查工作情况的通报"),
}


@pytest.mark.parametrize("name", sorted(PINGTAN))
def test_real_list_pages(name: str) -> None:
    expected_name, count, newest, oldest, first = PINGTAN[name]
    info = column_info(realpage(name), "http://www.pingtan.gov.cn/zwgk/x/index.html", CLASSES)
    assert info is not None
    assert (info.name, info.item_count, info.newest_date, info.empty, info.empty_marker) == (
        expected_name, count, newest, False, None)
    assert info.items[0].title == first and info.items[-1].date == oldest
    assert all(e.date is not None for e in info.items)
    assert info.cls == ("plan" if expected_name == "年度计划" else "other")


@pytest.mark.parametrize("name", [
    "gov-cn-article-tebieguozhai.html", "shanxi-gov-cn-article-pinpaisilu.html",
    "cmse-gov-cn-article-fabuhui.html", "cmse-gov-cn-article-kongjianzhan.html",
    "zj-fgw-article-deqing-touzi.html", "wanzai-gov-cn-article-tjgb2022.html",
    "wanzai-gov-cn-article-tjgb2015.html", "yichun-gov-cn-article-tjgb2022.html",
    "yichun-gov-cn-article-jiangxi-tjgb2022.html",
])
def test_real_articles_are_not_lists(name: str) -> None:
    assert column_info(realpage(name), "http://www.example.gov.cn/a/b/c.html", CLASSES) is None


def test_real_homepage_newest() -> None:
    yichun = homepage_newest(realpage("yichun-gov-cn-home.html"), "https://www.yichun.gov.cn/")
    assert yichun is not None and (yichun.date, yichun.date_source) == (date(2023, 10, 11), "text")
    assert yichun.title == "2023年度全市综合考核工作分析部署会召开"
    assert homepage_newest(realpage("impta-nmg-home-gb2312.html"), "http://www.impta.com/") is None


def test_traditional_column_names_and_unlinked_current_crumb() -> None:
    assert classify_column("工作動態", CLASSES) == "news"
    assert classify_column("發展規劃", CLASSES) == "plan"
    trail = "<div class='weizhi'>當前位置：<a href='/'>首頁</a> &gt; <a href='/zwgk/'>政務公開</a> &gt; 通知公告</div>"
    assert column_name(sel(trail)) == "通知公告"
    assert column_name(sel("<div>当前位置：<a href='/'>首页</a> &gt; <span>政策文件</span></div>")) == "政策文件"
    assert column_name(sel("<title>工作動態_某縣</title><div>當前位置：<a href='/'>首頁</a></div>")) == "工作動態"


def test_breadcrumb_labels_without_colon() -> None:
    bare = "<td><b>您的当前位置</b></td><td>首页 &gt;&gt; 政务公开 &gt;&gt; 政务要闻</td>"
    assert breadcrumb(sel(bare))[-1] == "政务要闻"
    html = "<div>您现在的位置是：<a href='/'>首页</a> &gt;&gt; <a href='./'>信息公开年报</a></div>"
    assert breadcrumb(sel(html)) == ["首页", "信息公开年报"]
    assert breadcrumb(sel("<div><h3>地理位置</h3><p>某县位于 <a href='/a'>东部</a> 平原</p></div>")) == []


def test_empty_lists_without_words() -> None:
    crumb = "<div class='dqwz'>当前位置：<a href='/'>首页</a> &gt; <a href='./'>人事任免</a></div>"
    header_only = crumb + "<table><tr><th>标题</th><th>发布日期</th></tr></table>"
    empty_ol = crumb + "<h3>人事任免</h3><ol class='news'></ol>"
    for html in (header_only, empty_ol):
        info = column_info(sel(html), "http://x.gov.cn/rsrm/", CLASSES)
        assert info is not None and info.empty and info.name == "人事任免", html
    navigation = crumb + ("<table><tr><td><a href='/rsrm/a/'>任职信息</a></td><td><a href='/rsrm/b/'>免职信息</a></td>"
                          "</tr></table>")
    assert column_info(sel(navigation), "http://x.gov.cn/rsrm/", CLASSES) is None
    assert column_info(sel("<table><tr><th>标题</th><th>发布日期</th></tr></table>"), "http://x.gov.cn/a/",
                       CLASSES) is None  # no column names the table


def test_pager_total() -> None:
    assert pager_total(sel("<td>每页<span>20</span>行 共<span>29</span>行 共<span>2</span>页</td>")) == 29
    assert pager_total(sel("<div class='page'>共0条记录</div>")) == 0
    assert pager_total(sel("<div>中华人民共和国</div>")) is None


@pytest.mark.parametrize(("html", "expected"), [
    ("<div class='page'><a href='javascript:void(0)' onclick='goNext()'>下一页</a></div>", True),
    ("<div class='page'><a href='#' onclick='go(2)'>尾页</a></div>", True),
    ("<td>每页20行 共29行 共2页 <a onclick='go(2)'>2</a></td>", True),
    ("<div ms-controller='list_pagebar' ms-include-src='pgTemp'></div>", True),
    ("<div id='pager' v-if='total > 20'></div>", True),
    ("<div class='page'>共1页</div>", False),  # one page: nothing to follow
    ("<div class='pagination'></div>", False),  # an empty pager a CMS prints for one page
    ("<div class='page'><a href='index_1.html'>下一页</a></div>", False),  # followed as a link
])
def test_script_pager(html: str, expected: bool) -> None:
    page = sel(html)
    assert script_pager(page, pagination_links(page, BASE)) is expected
