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
    # A list page's title is its column as the breadcrumb or the heading over the list names it.
    "yzq-gov-cn_list_1.html": "政务要闻",
    "sousuo-gov-cn_list_1.html": "中国政府网站内搜索",
    "ordos-egb_list_1.html": "信息公开年报",
    "xinghl-taiyuan_list_1.html": "政策法规",
    "zhangshu-gov-cn_list_1.html": "综合信息",
    "yichun-gov-cn_list_1.html": "政务要闻",
    "www-gz-gov-cn_article_1.html": "广州美妆产业依靠自主创新持续发力",
    "www-jiangsu-gov-cn_article_1.html": "“奋进新征程——庆祝中华人民共和国成立75周年江苏省美术书法展”开幕",
    "www-moe-gov-cn_article_1.html": "教育部办公厅关于举办2024年高校“礼敬中华优秀传统文化”宣传教育活动的通知",
    "www-sc-gov-cn_article_1.html": "绵阳开展“服务企业活动月”系列活动",
    "www-gd-gov-cn_article_1.html": "黄坤明会见香港传媒高层人士大湾区参访团",
    "www-shanghai-gov-cn_article_1.html": "共论出版传媒业高质量发展 第十届上海民进出版传媒论坛在沪召开",
    "www-gxzf-gov-cn_article_1.html": "下六甲灌区工程重要节点全面开工",
    "www-shaanxi-gov-cn_article_1.html": "陕西城市经济文化发展高峰论坛在西安举行",
    "www-henan-gov-cn_article_1.html": "在省第十届青年戏剧演员大赛中 许昌市喜获佳绩",
    "www-suibin-gov-cn_article_1.html": "县人大常委会召开人大代表约见国家机关负责人会议",
    "www-honghu-gov-cn_article_1.html": "《洪湖英雄传》开机 再造红色IP经典佳作",
    "www-cac-gov-cn_article_1.html": "从信息社会迈向智能社会",
    "www-beijing-gov-cn_article_1.html": "第八届VBEF未来医疗生态展会",
    "wsjkw-sh-gov-cn_article_1.html": "关于开展2024年“世界家庭医生日”主题宣传活动的通知",
}

# MANIFEST says "?" where its author did not decide; read from each page's <meta> tags: the
# site copies carry ArticleTitle/ColumnName except cac (Description/Keywords only), and the
# yzq page and the search results page carry only Description/Keywords.
HAS_META = {name: "yes" for name in TITLES if name.endswith("_article_1.html")} | {
    "www-cac-gov-cn_article_1.html": "no", "yzq-gov-cn_list_1.html": "no", "sousuo-gov-cn_list_1.html": "no"}

# Pages whose list prints dates without a year, read against the day the page shows as today
# (xinghl: "2018年7月7日 星期六" in its head); the inspection date of a crawl plays this part.
SNAPSHOT = {"xinghl-taiyuan_list_1.html": date(2018, 7, 7)}


@pytest.mark.parametrize("row", manifest(), ids=lambda row: row["file"])
def test_real_page_facts(row: dict[str, str]) -> None:
    html, _ = decode_html((REALPAGES / row["file"]).read_bytes())
    url = f"http://{row['site']}/" if row["kind"] == "home" else f"http://{row['site']}/a/b/c.html"
    facts = extract_page(html, url, is_home=row["kind"] == "home", site_hosts=[row["site"]], classes=CLASSES,
                         as_of=SNAPSHOT.get(row["file"]))
    assert facts.kind == row["kind"]
    assert facts.title == TITLES[row["file"]]
    assert not [h for h in facts.hidden if h.trick and h.links]  # judged in tests/e2e/test_hacked_sites.py
    assert (facts.column is not None) == (row["kind"] == "list")
    has_meta = HAS_META.get(row["file"], row["has_meta"])
    assert (has_meta == "yes") == ("SiteName" in facts.metadata or "ColumnName" in facts.metadata
                                          or "ArticleTitle" in facts.metadata)
    data: dict[str, Any] = facts_to_json(facts)
    json.dumps(data, ensure_ascii=False)
    if row["kind"] == "article":
        assert facts.publish_date.date is not None


def test_publish_date_after_as_of_is_recorded() -> None:
    html = """<html><head><meta name="PubDate" content="2026-10-02"><title>通知_某县</title></head><body>
    <h1>关于某事的通知</h1><div>发布日期：2026-12-01</div><p>""" + "正文内容。" * 60 + "</p></body></html>"
    facts = extract_page(html, "http://www.x.gov.cn/a/1.html", is_home=False, site_hosts=["www.x.gov.cn"],
                         classes=CLASSES, as_of=date(2026, 11, 20))
    assert facts.publish_date.date == date(2026, 12, 1)
    assert facts.publish_date.conflict == ("meta PubDate 2026-10-02 differs from visible 2026-12-01; "
                                           "label date 2026-12-01 is after as_of 2026-11-20")
