from __future__ import annotations

from datetime import date

from govcrawl.extract.dates import PublishDate, article_url_date, find_dates, publish_date

from ._helpers import realpage, sel

D = date(2026, 11, 18)


def test_find_dates_formats() -> None:
    text = "2026-11-18 2026/11/18 2026.11.18 2026年11月18日 [2026-11-18] ２０２６－１１－１８ 2026年 11 月 18 日"
    assert find_dates(text) == [D] * 7


def test_find_dates_order_and_validity() -> None:
    assert find_dates("更新 2025-01-02，发布 2026-11-18") == [date(2025, 1, 2), D]
    assert find_dates("2026-13-01 2026-02-30 1989-01-01 2101-01-01 电话 0795-8819792") == []
    assert find_dates("发布时间：2026-11-18 10:00") == [D]


def test_short_dates_need_a_year() -> None:
    assert find_dates("(11-18) 标题") == []
    assert find_dates("(11-18) 标题 11月19日", default_year=2026) == [D, date(2026, 11, 19)]
    # a full date is not read a second time as MM-DD
    assert find_dates("2026-11-18", default_year=2025) == [D]


def test_url_date() -> None:
    assert article_url_date("https://www.gov.cn/xinwen/2026-11/18/content_1.htm") == D
    assert article_url_date("http://x.gov.cn/zwgk/202611/t20261118_123.html") == D
    assert article_url_date("http://x.gov.cn/art/20261118/1.html") == D
    assert article_url_date("http://x.gov.cn/zwgk/202611/abc.shtml") == date(2026, 11, 1)
    assert article_url_date("http://x.gov.cn/zwgk/index.html") is None


def test_publish_date_label_div() -> None:
    html = "<div class='info'><span>发布时间：2026-11-18 10:00</span><span>来源：办公室</span></div>"
    assert publish_date(sel(html)) == PublishDate(D, "label", None)


def test_publish_date_label_table_cells_and_meta_conflict() -> None:
    html = """<html><head><meta name="PubDate" content="2026-11-10 09:00:00"></head><body>
    <table><tr><td>发文日期：</td><td>2026年11月18日</td></tr></table></body></html>"""
    result = publish_date(sel(html))
    assert result.date == D and result.source == "label"
    assert result.conflict == "meta PubDate 2026-11-10 differs from visible 2026-11-18"


def test_publish_date_bracket_form_in_list() -> None:
    html = "<ul><li>【发布时间：2026/11/18】</li><li>【字体：大 中 小】</li></ul>"
    assert publish_date(sel(html)).date == D


def test_publish_date_traditional() -> None:
    html = "<div><p>發佈時間：2026年11月18日</p></div>"
    assert publish_date(sel(html)).date == D


def test_publish_date_meta_only() -> None:
    for meta in ('<meta name="publishdate" content="2026-11-18">',
                 '<meta property="article:published_time" content="2026-11-18T10:00:00+08:00">',
                 '<meta name="PubDate" content="2026-11-18 10:00">'):
        result = publish_date(sel(f"<html><head>{meta}</head><body><p>正文</p></body></html>"))
        assert result == PublishDate(D, "meta", None)


def test_publish_date_none() -> None:
    assert publish_date(sel("<p>没有日期的页面</p>")) == PublishDate(None, "none", None)


REAL = {
    "shanxi-gov-cn-article-pinpaisilu.html": (date(2019, 9, 18), "label", None),
    "cmse-gov-cn-article-fabuhui.html": (date(2012, 6, 24), "label", None),
    "cmse-gov-cn-article-kongjianzhan.html": (date(2021, 1, 5), "label", None),
    "zj-fgw-article-deqing-touzi.html": (date(2016, 11, 22), "label", None),
    "gov-cn-article-tebieguozhai.html": (date(2007, 8, 20), "meta", None),
    "wanzai-gov-cn-article-tjgb2015.html": (date(2017, 5, 15), "label", "2022-04-24"),
    "wanzai-gov-cn-article-tjgb2022.html": (date(2023, 5, 11), "label", "2023-08-16"),
    "yichun-gov-cn-article-tjgb2022.html": (date(2023, 4, 18), "label", "2023-05-16"),
    "yichun-gov-cn-article-jiangxi-tjgb2022.html": (date(2023, 3, 31), "label", "2023-05-16"),
}


def test_publish_date_real_pages() -> None:
    for name, (expected, source, conflict_meta) in REAL.items():
        result = publish_date(realpage(name))
        assert (result.date, result.source) == (expected, source), name
        if conflict_meta is None:
            assert result.conflict is None, name
        else:
            assert result.conflict is not None and conflict_meta in result.conflict, name


def test_publish_date_unlabelled_under_heading() -> None:
    html = "<div><h1>全县召开经济工作会议</h1><div class='info'>2026-11-18 10:00 县政府办</div><p>正文</p></div>"
    assert publish_date(sel(html)) == PublishDate(D, "text", None)


def test_publish_label_beats_generated_and_signed_dates() -> None:
    """生成日期/成文日期 come first on the page but say when it was generated or signed."""
    html = """<div>生成日期：2024-06-20</div><div>成文日期：2024-06-01</div><h1>关于某事的通知</h1>
    <div>发布日期：2024-06-13　来源：某部</div>"""
    assert publish_date(sel(html)) == PublishDate(date(2024, 6, 13), "label", None)
    assert publish_date(sel("<h1>关于某事的通知</h1><div>成文日期：2024-06-01</div>")).date == date(2024, 6, 1)


def test_event_times_are_no_publish_label() -> None:
    html = """<head><meta name="PubDate" content="2024-03-01 16:39"></head><h1>某展会</h1>
    <div>展会时间：2024年5月8日至2024年5月10日</div><div>开始时间：2024-05-08</div>"""
    assert publish_date(sel(html)) == PublishDate(date(2024, 3, 1), "meta", None)
