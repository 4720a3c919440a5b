"""Hidden blocks, script-written links, head texts and redirects as facts (never judged here)."""

from __future__ import annotations

import pytest

from govcrawl.extract.hidden import head_texts, hidden_content, hiding_rules, redirects, stylesheets

from ._helpers import sel

BASE = "http://www.x.gov.cn/"
HOSTS = ("www.x.gov.cn",)


def test_inline_offscreen_div_with_external_links() -> None:
    html = """<body><div style="position:absolute; left:-9999px; top:0">
    <a href="http://spam.example.com/">某某娱乐城</a><a href="http://b.example.com/">链接</a></div></body>"""
    [found] = hidden_content(sel(html), BASE, HOSTS)
    assert found.href == "http://spam.example.com/" and found.trick
    assert found.technique == "position off-screen" and found.reason == "inline position off-screen"
    assert found.links == ("http://spam.example.com/", "http://b.example.com/")
    assert found.anchors == ("某某娱乐城", "链接")


def test_style_rule_on_class_in_table() -> None:
    html = """<html><head><style>.lk {display:none}</style></head><body><table><tr>
    <td class="lk"><a href="http://bet.example.com/">百家乐 真人娱乐</a></td></tr></table></body></html>"""
    [found] = hidden_content(sel(html), BASE, HOSTS)
    assert found.href == "http://bet.example.com/" and not found.trick
    assert found.reason == "style rule .lk: display:none" and found.technique == "display:none"


@pytest.mark.parametrize("html, technique", [
    ('<li style="height:0;overflow:hidden"><a href="http://a.example.com/">a站</a></li>', "zero-size box"),
    ('<div style="width:1px;overflow:hidden"><a href="http://a.example.com/">a站</a></div>', "zero-size box"),
    ('<p style="font-size:0"><a href="http://a.example.com/">a站</a></p>', "font-size:0"),
    ('<p style="text-indent:-9999px"><a href="http://a.example.com/">a站</a></p>', "text-indent off-screen"),
    ('<span style="color:#fff;background-color:#fff"><a href="http://a.example.com/">a站</a></span>',
     "text colour equals background"),
    ('<marquee height="1" width="1"><a href="http://a.example.com/">a站</a></marquee>', "tiny marquee"),
    ('<marquee height="5"><a href="http://a.example.com/">a站</a></marquee>', "tiny marquee"),
])
def test_trick_techniques(html: str, technique: str) -> None:
    [found] = hidden_content(sel(f"<body>{html}</body>"), BASE, HOSTS)
    assert found.technique == technique and found.trick and found.links == ("http://a.example.com/",)


def test_marquee_taller_than_five_pixels_is_not_hidden() -> None:
    assert hidden_content(sel('<marquee height="6"><a href="http://a.example.com/">a</a></marquee>'),
                          BASE, HOSTS) == []


def test_script_written_links_are_read_from_string_literals() -> None:
    html = r"""<body><script>
    var s = '<div style="display:none">' + "<a href='http://e.example.com/'>六合彩</a>" + '</div>';
    document.write(s);</script>
    <script>document.getElementById("x").innerHTML = "<a href=\"http://f.example.com/\">\u767e\u5bb6\u4e50</a>";
    </script></body>"""
    found = hidden_content(sel(html), BASE, HOSTS)
    assert [(f.technique, f.links, f.anchors) for f in found] == [
        ("document.write", ("http://e.example.com/",), ("六合彩",)),
        ("innerHTML", ("http://f.example.com/",), ("百家乐",)),
    ]
    assert found[0].trick and not found[1].trick  # the first writes hidden markup


def test_traditional_spam_text_without_links_is_reported_as_text() -> None:
    [found] = hidden_content(sel("<div style='display:none'>博彩 百家樂 娛樂城 开户送彩金</div>"), BASE, HOSTS)
    assert found.text == "博彩 百家樂 娛樂城 开户送彩金" and found.links == ()


def test_hidden_menus_are_facts_too_but_empty_blocks_are_not() -> None:
    html = """<html><head><style>#menu2 {display:none}</style></head><body>
    <ul id="menu2"><li><a href="/zwgk/">政务公开</a></li></ul><div style="display:none"></div></body></html>"""
    [found] = hidden_content(sel(html), BASE, HOSTS)
    assert found.text == "政务公开" and found.links == () and not found.trick


def test_nested_hidden_reported_once() -> None:
    html = """<div style="display:none">赌博网站<div style="font-size:0"><a href="http://z.example.com/">z</a>
    </div></div>"""
    assert len(hidden_content(sel(html), BASE, HOSTS)) == 1


def test_head_texts() -> None:
    html = """<html><head><title>国产精品 一区</title><meta name="Keywords" content="中文字幕">
    <meta name="description" content=""></head><body></body></html>"""
    assert head_texts(sel(html)) == (("title", "国产精品 一区"), ("keywords", "中文字幕"))


def test_redirects_to_other_hosts_only() -> None:
    html = """<html><head><meta http-equiv="Refresh" content="0; URL=http://spam.example.com/">
    <script>if (document.referrer.indexOf("baidu") > -1) { window.location.href = "http://y.example.net/a"; }
    location.replace('/index.html');</script></head></html>"""
    assert redirects(sel(html), BASE, HOSTS) == ("http://spam.example.com/", "http://y.example.net/a")


def test_same_site_stylesheets_and_their_hiding_rules() -> None:
    html = """<head><LINK REL="stylesheet" href="/css/a.css"><link rel='stylesheet' href='http://cdn.example.com/b.css'>
    <link rel="icon" href="/favicon.ico"><link href=main.css rel=stylesheet></head>"""
    assert stylesheets(html, "http://www.x.gov.cn/dir/p.html", HOSTS) == (
        "http://www.x.gov.cn/css/a.css", "http://www.x.gov.cn/dir/main.css")
    css = "body{margin:0}/* .c{display:none} */\n.gg { display : none !important }\n#nav li{float:left}"
    assert hiding_rules(css) == "\n.gg { display : none !important }"
    page = "<div class='gg'><a href='http://spam.example.com/'>百家乐</a></div>"
    assert hidden_content(sel(page), BASE, HOSTS) == []
    [found] = hidden_content(sel(page), BASE, HOSTS, hiding_rules(css))
    assert found.reason == "style rule .gg: display:none"


def test_search_and_menu_jumps_are_no_redirects() -> None:
    html = """<script>function search(){ window.location.href = "http://www.baidu.com/s?wd=" + kw; }
    function go(){ location.href = "http://www.partner.com/"; }</script>
    <script>var u = "x"; location.href = 'http://www.so.com/?q=' + u;</script>"""
    assert redirects(sel(html), BASE, HOSTS) == ()


def test_browser_upgrade_and_mobile_switches_are_no_redirects() -> None:
    html = """<script>if (navigator.appVersion.indexOf("MSIE 6.") > -1) {
    window.location.href = "http://browsehappy.com/"; }</script>
    <script>if (/iPhone|Android/i.test(navigator.userAgent)) location.href = "http://wap.example.cn/";</script>"""
    assert redirects(sel(html), BASE, HOSTS) == ()
