from __future__ import annotations

import pytest

from govcrawl.extract.accessibility import accessibility

from ._helpers import realpage, sel

TEXT = "<p>" + "本网站为县人民政府门户网站，发布政务信息、政策文件和办事服务。" * 2 + "</p>"


def test_a_page_that_passes() -> None:
    html = (f"<html lang='zh-CN'><body>{TEXT}<img src='/logo.png' alt='县政府'><img src='/line.gif' alt=''>"
            "<label for='kw'>搜索</label><input id='kw' name='q'><select name='s' title='范围'></select>"
            "<label>留言<textarea name='m'></textarea></label><input type='hidden' name='t'></body></html>")
    result = accessibility(sel(html))
    assert result.problems == () and not result.care_entry


def test_each_basic_check_fails_with_its_count() -> None:
    html = ("<html><body><table><tr><td><img src='/a.jpg'><img src='/b.jpg' width='300'>"
            "<img src='/spacer.gif' width='1' height='1'><input name='q' placeholder='请输入'></td></tr></table>"
            "</body></html>")
    assert accessibility(sel(html)).problems == ("缺少页面语言", "图片缺少替代文本2处", "表单控件缺少标签1处",
                                                 "文字仅以图片呈现")


def test_text_only_in_images_needs_images_and_little_text() -> None:
    assert "文字仅以图片呈现" not in accessibility(sel(f"<html lang='zh'><body>{TEXT}<img src='/a.png' alt='图'>"
                                                   "</body></html>")).problems
    assert accessibility(sel("<html lang='zh'><body><p>短</p></body></html>")).problems == ()


@pytest.mark.parametrize("html", [
    "<a href='/ghb/'>关怀版</a>",
    "<div class='tool'><a href='javascript:;' onclick='aria.start()'><img src='/wza.png' alt='无障碍浏览'></a></div>",
    "<span onclick='toOld()' title='长者版'>长者</span>",
    "<script src='https://wza.example.gov.cn/assist.js'></script>",
    "<a href='/jdb/'>適老化</a><a href='/wza/'>無障礙</a>",
])
def test_care_entry(html: str) -> None:
    assert accessibility(sel(f"<html><body>{html}</body></html>")).care_entry


def test_no_care_entry_on_a_page_that_only_mentions_the_word() -> None:
    html = ("<html><body><p>我县推进老年人服务，今年完成适老化改造200户。</p>"
            "<a href='/xw/1.html'>我县完成城区公共场所无障碍设施改造工作</a></body></html>")
    assert not accessibility(sel(html)).care_entry


@pytest.mark.parametrize(("page", "care", "lang"), [
    ("www-gd-gov-cn_article_1.html", True, True),
    ("yichun-gov-cn-home.html", True, False),
    ("gov-cn-home.html", False, False),
])
def test_real_pages(page: str, care: bool, lang: bool) -> None:
    result = accessibility(realpage(page))
    assert result.care_entry is care
    assert ("缺少页面语言" not in result.problems) is lang
