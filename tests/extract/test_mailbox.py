from __future__ import annotations

from datetime import date

from govcrawl.extract.mailbox import Message, is_mailbox_page, mailbox_entries

from ._helpers import realpage, sel

BASE = "http://www.x.gov.cn/hdjl/xzxx/"

TABLE = """<title>县长信箱</title><table><tr><th>信件标题</th><th>来信时间</th><th>答复时间</th><th>状态</th></tr>
<tr><td><a href="1.html">关于小区路灯不亮的问题</a></td><td>2026-08-01</td><td>2026-08-05</td><td>已回复</td></tr>
<tr><td><a href="2.html">咨询社保缴费事宜</a></td><td>2026-11-10</td><td></td><td>办理中</td></tr></table>"""

UL = """<h2>留言选登</h2><ul><li><a href="/m/1.html">咨询公积金提取</a><span>留言时间：2026-10-01</span>
<span>回复时间：2026-10-09</span></li><li><a href="/m/2.html">道路施工噪音扰民</a><span>留言时间：2026-11-01</span>
<span>状态：未回复</span></li></ul>"""

DIV = """<h1>在線諮詢</h1><div class="row"><a href="/q/1.html">辦理居住證需要哪些材料</a>
<span>提問時間：2026年9月1日</span><span>回覆時間：2026年9月3日</span></div>"""


def test_table_mailbox() -> None:
    assert mailbox_entries(sel(TABLE), BASE) == [
        Message("关于小区路灯不亮的问题", BASE + "1.html", date(2026, 8, 1), date(2026, 8, 5), "已回复"),
        Message("咨询社保缴费事宜", BASE + "2.html", date(2026, 11, 10), None, "办理中"),
    ]
    assert is_mailbox_page(sel(TABLE))


def test_list_mailbox() -> None:
    messages = mailbox_entries(sel(UL), BASE)
    assert [(m.posted, m.answered, m.status) for m in messages] == [
        (date(2026, 10, 1), date(2026, 10, 9), "已回复"), (date(2026, 11, 1), None, "未回复")]
    assert is_mailbox_page(sel(UL))


def test_div_traditional_mailbox() -> None:
    messages = mailbox_entries(sel(DIV), BASE)
    assert [(m.posted, m.answered) for m in messages] == [(date(2026, 9, 1), date(2026, 9, 3))]


def test_news_list_is_not_a_mailbox() -> None:
    html = "<ul><li><a href='/1'>全县召开经济工作会议</a><span>发布时间：2026-11-01</span></li></ul>"
    assert mailbox_entries(sel(html), BASE) == [] and not is_mailbox_page(sel(html))
    assert not is_mailbox_page(realpage("pingtan-gov-cn-list-tjgb.html"))
