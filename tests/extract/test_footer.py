from __future__ import annotations

from govcrawl.extract.footer import Footer, footer_ids

from ._helpers import realpage, sel


def test_footer_div() -> None:
    html = """<body><div class="main">正文</div><div class="footer">
    <a href="https://bszs.conac.cn/sitename?method=show&id=1"><img src="/red.png"></a>
    <p>网站标识码：3609000002 <a href="https://beian.miit.gov.cn/">赣ICP备06000141号</a>
    <a>赣公网安备 36090202000004号</a></p></div></body>"""
    assert footer_ids(sel(html)) == Footer("3609000002", "赣ICP备06000141号", "赣公网安备 36090202000004号", True)


def test_footer_table_bm_code_and_image_alt() -> None:
    html = """<body><table id="bottom"><tr><td>网站标识码bm01000001</td><td>京ICP备05070218号</td>
    <td>京公网安备11010202000001号</td><td><img src="/dzjg.png" alt="党政机关"></td></tr></table></body>"""
    assert footer_ids(sel(html)) == Footer("bm01000001", "京ICP备05070218号", "京公网安备11010202000001号", True)


def test_footer_tag_missing_parts() -> None:
    html = "<body><footer><p>版权所有 某县人民政府 蒙ICP备09003817号-1</p></footer></body>"
    assert footer_ids(sel(html)) == Footer(None, "蒙ICP备09003817号-1", None, False)


def test_identifier_outside_the_footer_and_traditional_label() -> None:
    html = ("<body><div id='head'>網站標識碼：3300000020</div>"
            "<div class='copyright'>公安备案号：35012899001-19002</div></body>")
    result = footer_ids(sel(html))
    assert result.police == "公安备案号：35012899001-19002"
    assert result.site_id_code == "3300000020"


def test_site_code_label_needed_and_digits_exact() -> None:
    html = "<footer>电话 0591-12345678901 标识码：12345</footer>"
    assert footer_ids(sel(html)).site_id_code is None


def test_script_badge() -> None:
    html = """<div class="foot"><script>document.write(unescape("%3Cspan id='_ideConac'%3E%3C/span%3E%3Cscript
    src='http://dcs.conac.cn/js/07/000/0000/60700663/CA070000000607006630004.js'%3E%3C/script%3E"));</script></div>"""
    assert footer_ids(sel(html)).dzjg is True


def test_real_pages() -> None:
    assert footer_ids(realpage("gov-cn-home.html")) == Footer(
        "bm01000001", "京ICP备05070218号", "京公网安备11010202000001号", True
    )
    assert footer_ids(realpage("pingtan-gov-cn-list-ndjh.html")) == Footer(
        "3590000001", "闽ICP备09032658号", "公安备案号：35012899001-19002", True
    )
    assert footer_ids(realpage("impta-nmg-home-gb2312.html")) == Footer(None, "蒙ICP备09003817号", None, True)
    cmse = footer_ids(realpage("cmse-gov-cn-article-kongjianzhan.html"))
    assert cmse == Footer(None, "京ICP备20027467号-1", None, False)
    assert footer_ids(realpage("zj-fgw-article-deqing-touzi.html")).site_id_code == "3300000020"


def test_traditional_footer() -> None:
    html = ("<body><div id='bottom'><img src='/dzjg.gif' alt='黨政機關網站標識'>"
            "<span>網站標識碼：4110230004</span>"
            "<span>豫ICP備06088888號-2　豫公網安備 41100202000789號</span></div></body>")
    assert footer_ids(sel(html)) == Footer("4110230004", "豫ICP備06088888號-2", "豫公網安備 41100202000789號", True)
