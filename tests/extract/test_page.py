from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from govcrawl.extract.charset import decode_html
from govcrawl.extract.page import extract_page, facts_to_json, is_home_url, page_title, visible_text

from ._helpers import CLASSES, REALPAGES, manifest, sel


def test_visible_text_blocks_and_skips() -> None:
    html = """<html><head><title>T</title><style>p{}</style></head><body><div>甲<b>乙</b></div>
    <script>var x;</script><noscript>开启脚本</noscript><template><p>模板</p></template><ul><li>丙</li>
    <li>丁　戊</li></ul><table><tr><td>己</td><td>庚</td></tr></table></body></html>"""
    assert visible_text(sel(html)) == "甲乙\n丙\n丁 戊\n己\n庚"


def test_visible_text_after_closing_html() -> None:
    assert visible_text(sel("<html><body><p>头部</p></body></html><div>正文在后面</div>")).endswith("正文在后面")


def test_page_title_sources() -> None:
    meta = '<head><meta name="ArticleTitle" content="文章标题"><title>x_站</title></head>'
    assert page_title(sel(meta)) == "文章标题"
    assert page_title(sel("<title>通知_某县</title><div class='c'><h1>关于某事的通知</h1></div>")) == "关于某事的通知"
    assert page_title(sel("<title>统计公报_平潭综合实验区</title><h1><img src='l.png'>平潭</h1>")) == "统计公报"
    assert page_title(sel("<title>某县人民政府</title>")) == "某县人民政府"


def test_is_home_url() -> None:
    assert is_home_url("http://www.x.gov.cn") and is_home_url("http://www.x.gov.cn/")
    assert is_home_url("http://www.x.gov.cn/index.html") and is_home_url("http://www.x.gov.cn/index.htm")
    assert not is_home_url("http://www.x.gov.cn/zwgk/index.html")


def test_extract_page_article_to_json() -> None:
    html = """<html><head><meta name="SiteName" content="某县"><title>关于某事的通知_某县</title></head><body>
    <h1>关于某事的通知</h1><div>发布时间：2026-11-18</div><p>""" + "正文内容。" * 60 + """</p>
    <div class="footer">网站标识码：3609220011</div></body></html>"""
    facts = extract_page(html, "http://www.x.gov.cn/a/1.html", is_home=False, site_hosts=["www.x.gov.cn"],
                         classes=CLASSES)
    assert (facts.kind, facts.title, facts.publish_date.date) == ("article", "关于某事的通知", date(2026, 11, 18))
    data = facts_to_json(facts)
    assert data["publish_date"]["date"] == "2026-11-18"
    assert data["footer"]["site_id_code"] == "3609220011"
    json.dumps(data, ensure_ascii=False)


TITLES = {
    "gov-cn-home.html": "中国政府网",
    "yichun-gov-cn-home.html": "中国宜春",
    "impta-nmg-home-gb2312.html": "内蒙古人事考试信息网",
    "pingtan-gov-cn-list-gzjzqk.html": "工作进展情况",
    "pingtan-gov-cn-list-tjgb.html": "统计公报",
    "pingtan-gov-cn-list-ndjh.html": "年度计划",
    "gov-cn-article-tebieguozhai.html":
        "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007 年末国债余额限额的决议",
    "shanxi-gov-cn-article-pinpaisilu.html": "山西品牌丝路行（南美站）正式启动",
    "cmse-gov-cn-article-fabuhui.html": "天宫一号与神舟九号载人交会对接任务第二场新闻发布会",
    "cmse-gov-cn-article-kongjianzhan.html": "载人航天工程全线备战空间站建造任务",
    "zj-fgw-article-deqing-touzi.html": "1-10月德清县固定资产投资结构趋稳趋优",
    "wanzai-gov-cn-article-tjgb2022.html": "万载县2022年国民经济和社会发展统计公报",
    "wanzai-gov-cn-article-tjgb2015.html": "万载县2015年国民经济和社会发展统计公报",
    "yichun-gov-cn-article-tjgb2022.html": "宜春市2022年国民经济和社会发展统计公报",
    "yichun-gov-cn-article-jiangxi-tjgb2022.html": "江西省2022年国民经济和社会发展统计公报",
}


@pytest.mark.parametrize("row", manifest(), ids=lambda row: row["file"])
def test_real_page_facts(row: dict[str, str]) -> None:
    html, _ = decode_html((REALPAGES / row["file"]).read_bytes())
    url = f"http://{row['site']}/" if row["kind"] == "home" else f"http://{row['site']}/a/b/c.html"
    facts = extract_page(html, url, is_home=row["kind"] == "home", site_hosts=[row["site"]], classes=CLASSES)
    assert facts.kind == row["kind"]
    assert facts.title == TITLES[row["file"]]
    assert not [h for h in facts.hidden if h.trick and h.links]  # judged in tests/test_hacked_sites.py
    assert (facts.column is not None) == (row["kind"] == "list")
    assert (row["has_meta"] == "yes") == ("SiteName" in facts.metadata or "ColumnName" in facts.metadata
                                          or "ArticleTitle" in facts.metadata)
    data: dict[str, Any] = facts_to_json(facts)
    json.dumps(data, ensure_ascii=False)
    if row["kind"] == "article":
        assert facts.publish_date.date is not None
