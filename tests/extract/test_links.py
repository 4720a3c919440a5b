from __future__ import annotations

from govcrawl.extract.links import Link, page_links

from ._helpers import realpage, sel

BASE = "http://www.x.gov.cn/zwgk/tzgg/index.html"
HOSTS = ("www.x.gov.cn", "x.gov.cn")


def test_page_links_ul_kinds_and_skips() -> None:
    html = """<ul><li><a href="./202611/t20261118_1.html#top">通知一</a></li>
    <li><a href="/files/a.PDF">附件</a></li><li><a href="https://www.other.com/">外站</a></li>
    <li><a href="mailto:a@b.cn">邮件</a><a href="javascript:void(0)">x</a><a href="#">顶</a><a href="">空</a>
    <a href="tel:123">电话</a><a href=" data:text/html,1">d</a></li>
    <li><a href="./202611/t20261118_1.html">重复</a></li></ul>"""
    assert page_links(sel(html), BASE, HOSTS) == [
        Link("http://www.x.gov.cn/zwgk/tzgg/202611/t20261118_1.html", "通知一", "page"),
        Link("http://www.x.gov.cn/files/a.PDF", "附件", "attachment"),
        Link("https://www.other.com/", "外站", "external"),
    ]


def test_page_links_table_images_iframes_areas_and_base() -> None:
    html = """<html><head><base href="http://x.gov.cn/root/"></head><body><table><tr>
    <td><img src="logo.png" alt="标志"></td><td><iframe src="//www.x.gov.cn/frame.html"></iframe></td>
    <td><map><area href="map/1.html" title="地图"></map></td><td><a href="a.docx" title="下载文件"></a></td>
    </tr></table></body></html>"""
    assert page_links(sel(html), BASE, HOSTS) == [
        Link("http://x.gov.cn/root/logo.png", "标志", "image"),
        Link("http://www.x.gov.cn/frame.html", "", "page"),
        Link("http://x.gov.cn/root/map/1.html", "地图", "page"),
        Link("http://x.gov.cn/root/a.docx", "下载文件", "attachment"),
    ]


def test_page_links_div_defaults_to_page_host() -> None:
    html = "<div><a href='http://www.x.gov.cn/a.html'>頁面</a><a href='http://cdn.y.com/a.zip'>壓縮</a></div>"
    links = page_links(sel(html), BASE, ())
    assert [link.kind for link in links] == ["page", "external"]


def test_real_page_links() -> None:
    links = page_links(realpage("pingtan-gov-cn-list-tjgb.html"), "http://www.pingtan.gov.cn/zwgk/tjxx/tjgb/",
                       ["www.pingtan.gov.cn"])
    attachments = [link for link in links if link.kind == "attachment"]
    assert len(attachments) == 9
    assert all(link.url.startswith("http") and "#" not in link.url for link in links)


def test_a_page_with_more_links_than_the_limit_is_read_up_to_it() -> None:
    html = "".join(f"<a href='/a/{n}.html'>条目{n}</a><a href='/a/{n}.html'>重复</a>" for n in range(50))
    links = page_links(sel(html), BASE, HOSTS, limit=10)
    assert [link.url for link in links] == [f"http://www.x.gov.cn/a/{n}.html" for n in range(10)]
    assert len(page_links(sel(html), BASE, HOSTS)) == 50
