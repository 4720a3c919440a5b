"""``scrapy explain``: the command class run directly, and through the scrapy CLI."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from scrapy.settings import Settings

from govcrawl.commands.explain import Command

REPO = Path(__file__).parents[2]
REALPAGES = REPO.parent / "shared" / "realpages"
CLASSES = {
    "news": ["动态", "要闻", "新闻", "工作信息", "政务信息", "部门信息", "乡镇", "图片"],
    "notice": ["通知公告", "公告", "公示", "政策文件", "文件", "政策", "规范性文件", "法规"],
    "plan": ["人事", "任免", "规划", "计划"],
}


def explain(path: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    command = Command()
    command.settings = Settings({"GOVCRAWL_COLUMN_CLASSES": CLASSES, "USER_AGENT": "govcrawl-test"})
    parser = argparse.ArgumentParser()
    command.add_options(parser)
    opts = parser.parse_args(list(argv))
    command.process_options([], opts)
    command.run([str(path)], opts)
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def _page(name: str) -> Path:
    path = REALPAGES / name
    if not path.is_file():
        pytest.skip(f"real pages not available: {REALPAGES}")
    return path


def test_gbk_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = """<html><head><meta charset="gb2312"><title>通知公告_某县人民政府</title></head><body>
    <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="./">通知公告</a></div><ul>
    <li><a href="1.html">关于开展森林防火检查的通知</a><span>2026-11-18</span></li>
    <li><a href="2.html">关于公布行政许可事项的公告</a><span>2026-11-10</span></li>
    <li><a href="3.html">关于召开安全生产会议的通知</a><span>2026-10-31</span></li></ul>
    <div class="footer">网站标识码：3609220011 赣ICP备11002306号</div></body></html>"""
    page = tmp_path / "list.html"
    page.write_bytes(html.encode("gbk"))
    data = explain(page, "--url", "http://www.x.gov.cn/zwgk/tzgg/", "-a", "region=demo", capsys=capsys)
    assert data["encoding"] == "gb18030"
    assert data["kind"] == "list" and data["title"] == "通知公告"
    assert data["column"]["name"] == "通知公告" and data["column"]["class"] == "notice"
    assert data["column"]["item_count"] == 3 and data["column"]["newest_date"] == "2026-11-18"
    assert data["column"]["items"][0] == {"title": "关于开展森林防火检查的通知",
                                         "url": "http://www.x.gov.cn/zwgk/tzgg/1.html", "date": "2026-11-18"}
    assert data["footer"]["site_id_code"] == "3609220011"
    assert data["args"] == {"region": "demo"}
    assert data["links"] == {"page": 5}


def test_bad_argument() -> None:
    from scrapy.exceptions import UsageError

    command = Command()
    command.settings = Settings()
    parser = argparse.ArgumentParser()
    command.add_options(parser)
    opts = parser.parse_args(["-a", "novalue"])
    with pytest.raises(UsageError):
        command.process_options([], opts)


REAL = [
    # file, URL it was saved from, kind, title, publish date, date source, (column name, count, newest)
    ("gov-cn-home.html", "https://www.gov.cn/", "home", "中国政府网", None, "none", None),
    ("yichun-gov-cn-home.html", "https://www.yichun.gov.cn/", "home", "中国宜春", None, "none", None),
    ("impta-nmg-home-gb2312.html", "http://www.impta.com/", "home", "内蒙古人事考试信息网", None, "none", None),
    ("pingtan-gov-cn-list-tjgb.html", "http://www.pingtan.gov.cn/zwgk/tjxx/tjgb/", "list", "统计公报",
     None, "none", ("统计公报", 20, "2026-04-29")),
    ("pingtan-gov-cn-list-ndjh.html", "http://www.pingtan.gov.cn/zwgk/ghxx/ndjh/", "list", "年度计划",
     None, "none", ("年度计划", 39, "2025-09-30")),
    ("pingtan-gov-cn-list-gzjzqk.html", "http://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/", "list", "工作进展情况",
     None, "none", ("工作进展情况", 75, "2025-11-11")),
    ("gov-cn-article-tebieguozhai.html", "https://www.gov.cn/gongbao/content/2007/content_1.htm", "article",
     "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007 年末国债余额限额的决议",
     "2007-08-20", "meta", None),
    ("shanxi-gov-cn-article-pinpaisilu.html", "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_1.shtml",
     "article", "山西品牌丝路行（南美站）正式启动", "2019-09-18", "label", None),
    ("cmse-gov-cn-article-fabuhui.html", "http://www.cmse.gov.cn/ztbd/xwfbh/201206/t20120624_43188.html",
     "article", "天宫一号与神舟九号载人交会对接任务第二场新闻发布会", "2012-06-24", "label", None),
    ("cmse-gov-cn-article-kongjianzhan.html", "http://www.cmse.gov.cn/xwzx/zhxw/202101/t20210106_47506.html",
     "article", "载人航天工程全线备战空间站建造任务", "2021-01-05", "label", None),
    ("zj-fgw-article-deqing-touzi.html", "http://fgw.zj.gov.cn/art/2016/11/22/art_1.html", "article",
     "1-10月德清县固定资产投资结构趋稳趋优", "2016-11-22", "label", None),
    ("wanzai-gov-cn-article-tjgb2022.html",
     "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml", "article",
     "万载县2022年国民经济和社会发展统计公报", "2023-05-11", "label", None),
    ("wanzai-gov-cn-article-tjgb2015.html",
     "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c059bf058ef4db8b3c8f920e22186fe.shtml", "article",
     "万载县2015年国民经济和社会发展统计公报", "2017-05-15", "label", None),
    ("yichun-gov-cn-article-tjgb2022.html",
     "https://www.yichun.gov.cn/ycsrmzf/tjgb/202305/36796cdc82d04268913f2884cf2fe579.shtml", "article",
     "宜春市2022年国民经济和社会发展统计公报", "2023-04-18", "label", None),
    ("yichun-gov-cn-article-jiangxi-tjgb2022.html",
     "https://www.yichun.gov.cn/ycsrmzf/tjgb/202304/3f093ec317ba4609b241d0c79175c7cd.shtml", "article",
     "江西省2022年国民经济和社会发展统计公报", "2023-03-31", "label", None),
]


# The list pages added with the pages of 2017–2020: every one is a column of its own URL family.
REAL += [
    ("yzq-gov-cn_list_1.html", "http://www.yzq.gov.cn/zwgk/zwdt/zwyw/", "list", "政务要闻", None, "none",
     ("政务要闻", 25, "2017-10-20")),
    ("sousuo-gov-cn_list_1.html", "http://sousuo.gov.cn/s.htm?t=zhengce&q=疫情", "list", "中国政府网站内搜索",
     None, "none", ("中国政府网站内搜索", 11, "2020-04-22")),
    ("ordos-egb_list_1.html", "http://egb.ordos.gov.cn/xxgk/xxgknb/", "list", "信息公开年报", None, "none",
     ("信息公开年报", 10, "2020-09-03")),
    ("zhangshu-gov-cn_list_1.html", "http://www.zhangshu.gov.cn/zwgk/zhxx/", "list", "综合信息", None, "none",
     ("综合信息", 24, "2017-10-19")),
    ("yichun-gov-cn_list_1.html", "http://www.yichun.gov.cn/gk/zwdt/zwyw/", "list", "政务要闻", None, "none",
     ("政务要闻", 20, "2017-10-14")),
    ("www-moe-gov-cn_article_1.html", "http://www.moe.gov.cn/srcsite/A13/moe_772/202406/t20240613_1.html",
     "article", "教育部办公厅关于举办2024年高校“礼敬中华优秀传统文化”宣传教育活动的通知", "2024-06-13", "label", None),
    ("www-beijing-gov-cn_article_1.html", "https://www.beijing.gov.cn/renwen/csdt/202403/t20240301_1.html",
     "article", "第八届VBEF未来医疗生态展会", "2024-03-01", "meta", None),
]


def test_yearless_list_read_against_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    """xinghl prints "07-04"; on the day its head shows (2018-07-07) that is 2018-07-04."""
    data = explain(_page("xinghl-taiyuan_list_1.html"), "--url", "http://www.sxtyxhl.gov.cn/zwgk/zcfg/index.html",
                   "--as-of", "2018-07-07", capsys=capsys)
    assert (data["kind"], data["title"]) == ("list", "政策法规")
    assert (data["column"]["item_count"], data["column"]["newest_date"]) == (20, "2018-07-04")
    assert data["column"]["pager_total"] == 29  # "每页20行 共29行 共2页"
    assert data["column"]["script_pager"] is True  # its 下一页 runs goNext(): only page 1 is read
    assert data["column"]["identity"] == {"column_url": "http://www.sxtyxhl.gov.cn/zwgk/zcfg/", "page": 1,
                                          "pager": "none"}


def test_pager_page_names_its_column(capsys: pytest.CaptureFixture[str]) -> None:
    data = explain(_page("pingtan-gov-cn-list-tjgb.html"), "--url", "http://www.pingtan.gov.cn/zwgk/tjxx/tjgb/index_2.html",
                   capsys=capsys)
    assert data["column"]["identity"] == {"column_url": "http://www.pingtan.gov.cn/zwgk/tjxx/tjgb/", "page": 3,
                                          "pager": "file"}
    assert data["column"]["script_pager"] is True  # an avalon template (ms-include-src) builds the pager


@pytest.mark.parametrize("row", REAL, ids=lambda row: row[0])
def test_real_pages(row: tuple[Any, ...], capsys: pytest.CaptureFixture[str]) -> None:
    name, url, kind, title, published, source, column = row
    data = explain(_page(name), "--url", url, capsys=capsys)
    assert (data["kind"], data["title"], data["publish_date"], data["date_source"]) == (
        kind, title, published, source)
    if column is None:
        assert data["column"] is None
    else:
        assert (data["column"]["name"], data["column"]["item_count"], data["column"]["newest_date"]) == column
        assert data["column"]["empty"] is False
        # pingtan's pager is an avalon template; the others print links or a createPageHTML call
        assert data["column"]["script_pager"] is name.startswith("pingtan")
    if name == "yichun-gov-cn-home.html":
        assert data["homepage_newest"]["date"] == "2023-10-11"


def test_scrapy_cli() -> None:
    page = _page("pingtan-gov-cn-list-tjgb.html")
    scrapy = Path(sys.executable).with_name("scrapy")
    proc = subprocess.run(
        [str(scrapy), "explain", str(page), "--url", "http://www.pingtan.gov.cn/zwgk/tjxx/tjgb/"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )
    if proc.returncode != 0 and "explain" not in proc.stdout and "Error" in proc.stderr and (
        "ModuleNotFoundError" in proc.stderr or "Unknown command" in proc.stdout
    ):
        pytest.skip(f"project settings do not load yet: {proc.stderr.strip().splitlines()[-1]}")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["kind"] == "list"
    assert data["column"]["name"] == "统计公报" and data["column"]["class"] in ("other", "notice")
    assert data["column"]["item_count"] == 20 and data["column"]["newest_date"] == "2026-04-29"
