from __future__ import annotations

import pytest

from govcrawl.extract.guides import GUIDE_ELEMENTS, Guide, service_guide

from ._helpers import realpage, sel


def test_table_guide_with_synonyms_and_time_limit() -> None:
    html = """<title>户外广告设置许可办事指南</title><table>
    <tr><th>事项名称</th><td>户外广告设置许可</td></tr><tr><th>法律依据</th><td>《城市市容和环境卫生管理条例》</td></tr>
    <tr><th>受理条件</th><td>…</td></tr><tr><th>申请材料</th><td>…</td></tr>
    <tr><th>办理时限</th><td>20个工作日</td></tr><tr><th>咨询电话</th><td>0795-1234567</td></tr></table>"""
    guide = service_guide(sel(html))
    assert guide == Guide("户外广告设置许可办事指南", ("事项名称", "设定依据", "申请条件", "办理材料", "联系电话"),
                          ("办理地点", "办理时间", "办理流程"))


def test_dl_and_colon_labels() -> None:
    html = """<h1>个体工商户登记服务指南</h1><dl><dt>办理地点</dt><dd>政务服务中心</dd>
    <dt>办理时间：</dt><dd>工作日</dd></dl><div><p>一、办事流程：受理、审核、办结</p><p>联系方式：12345</p></div>"""
    guide = service_guide(sel(html))
    assert guide is not None
    assert guide.present == ("办理地点", "办理时间", "联系电话", "办理流程")
    assert guide.name == "个体工商户登记服务指南"


def test_traditional_guide() -> None:
    html = ("<div><strong>事項名稱</strong><strong>辦理地點</strong><strong>辦理時間</strong>"
            "<strong>聯繫電話</strong></div>")
    guide = service_guide(sel(html))
    assert guide is not None and guide.present == ("事项名称", "办理地点", "办理时间", "联系电话")


def test_not_a_guide() -> None:
    assert service_guide(sel("<h1>办事指南</h1><ul><li><a href='/1'>某某事项办事指南</a></li></ul>")) is None
    assert service_guide(sel("<p>联系电话：123</p>")) is None
    assert len(GUIDE_ELEMENTS) == 8


@pytest.mark.parametrize("name", ["pingtan-gov-cn-list-tjgb.html", "yichun-gov-cn-home.html",
                                  "shanxi-gov-cn-article-pinpaisilu.html", "gov-cn-home.html"])
def test_real_pages_are_not_guides(name: str) -> None:
    assert service_guide(realpage(name)) is None


def test_guide_is_named_by_its_own_heading_not_the_site() -> None:
    html = """<head><title>社会团体登记办事指南_某某县民政局</title><meta name="SiteName" content="某某县民政局"></head>
    <h1><img src="logo.png">某某县民政局</h1><h2>社会团体登记办事指南</h2><table>
    <tr><th>事项名称</th><td>社会团体登记</td></tr><tr><th>办理地点</th><td>政务服务中心</td></tr><tr><th>联系电话</th><td>0374-1234567</td></tr></table>"""
    guide = service_guide(sel(html))
    assert guide is not None and guide.name == "社会团体登记办事指南"
