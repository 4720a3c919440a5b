from __future__ import annotations

import csv

import pytest

from govcrawl.extract.hidden import spam_words_in
from govcrawl.extract.links import hidden_content

from ._helpers import REALPAGES, realpage, sel

BASE = "http://www.x.gov.cn/"
HOSTS = ("www.x.gov.cn",)


def test_inline_offscreen_div_with_external_links() -> None:
    html = """<body><div style="position:absolute; left:-9999px; top:0">
    <a href="http://spam.example.com/">某某娱乐城</a><a href="http://b.example.com/">链接</a></div></body>"""
    found = hidden_content(sel(html), BASE, HOSTS)
    assert len(found) == 1
    assert found[0].href == "http://spam.example.com/"
    assert "position off-screen" in found[0].reason and "娱乐城" in found[0].reason
    # every link of the block is named, so the crawl can leave them all alone
    assert found[0].links == ("http://spam.example.com/", "http://b.example.com/")


def test_style_rule_on_class_in_table() -> None:
    html = """<html><head><style>.lk {display:none}</style></head><body><table><tr>
    <td class="lk"><a href="http://bet.example.com/">百家乐 真人娱乐</a></td></tr></table></body></html>"""
    found = hidden_content(sel(html), BASE, HOSTS)
    assert [f.href for f in found] == ["http://bet.example.com/"]
    assert found[0].reason.startswith("style rule .lk: display:none")


def test_zero_size_font_colour_marquee_and_script() -> None:
    html = """<body><ul><li style="height:0;overflow:hidden"><a href="http://a.example.com/">a站</a></li></ul>
    <p style="font-size:0"><a href="http://b.example.com/">b站</a></p>
    <span style="color:#fff;background-color:#fff"><a href="http://c.example.com/">c站</a></span>
    <marquee height="1" width="1"><a href="http://d.example.com/">d站</a></marquee>
    <script>document.write('<div style="display:none"><a href="http://e.example.com/">六合彩</a></div>');</script>
    </body>"""
    hrefs = [f.href for f in hidden_content(sel(html), BASE, HOSTS)]
    assert hrefs == [f"http://{c}.example.com/" for c in "abcde"]


def test_traditional_spam_text_without_links() -> None:
    html = "<div style='display:none'>博彩 百家樂 娛樂城 开户送彩金</div>"
    assert len(hidden_content(sel(html), BASE, HOSTS)) == 1


def test_legitimate_hidden_things_are_not_reported() -> None:
    html = """<html><head><style>#menu2 {display:none} .logo {text-indent:-9999px}</style></head><body>
    <a class="skip" href="#main" style="position:absolute;left:-9999px">跳转到主要内容</a>
    <a class="logo" href="/">某市人民政府</a>
    <ul id="menu2"><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li></ul>
    <div class="tab" style="display:none"><a href="http://www.people.com.cn/">人民网</a>
    <a href="http://www.gov.cn/">中国政府网</a></div>
    <div style="visibility:hidden"><a href="http://www.x.gov.cn/a.html">本站</a></div>
    <script>document.write('<a href="http://www.gov.cn/">中国政府网</a>');</script>
    </body></html>"""
    assert hidden_content(sel(html), BASE, HOSTS) == []


def test_nested_hidden_reported_once() -> None:
    html = """<div style="display:none">赌博网站<div style="font-size:0"><a href="http://z.example.com/">z</a>
    </div></div>"""
    assert len(hidden_content(sel(html), BASE, HOSTS)) == 1


def _manifest() -> list[dict[str, str]]:
    path = REALPAGES / "MANIFEST.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize("row", _manifest(), ids=lambda row: row["file"])
def test_no_hidden_content_on_real_pages(row: dict[str, str]) -> None:
    page = realpage(row["file"])
    assert hidden_content(page, f"http://{row['site']}/", [row["site"]]) == []


def test_spam_words_in_traditional_characters() -> None:
    assert spam_words_in("百家樂線上 時時彩計劃") == ["百家乐", "时时彩"]
