from __future__ import annotations

from datetime import date

from govcrawl.model.facts import MessageFacts
from govcrawl.model.findings import DEDUCTION, VETO
from govcrawl.rules import interaction
from tests.rules._site import check, facts

CHANNEL = ("http://127.0.1.1/xx/",)
LIST = "http://127.0.1.1/xx/list.html"


def message(n: int, posted: date | None, answered: date | None, status: str = "") -> MessageFacts:
    return MessageFacts(LIST, f"咨询{n}", f"http://127.0.1.1/xx/{n}.html", posted, answered, status)


def test_no_consultation_channel_is_a_veto_when_the_crawl_covered_the_site() -> None:
    [finding] = check(interaction, facts(consultation=()))
    assert finding.category == VETO and finding.problem_type == "互动回应差"
    assert "未提供在线咨询渠道" in finding.description
    assert check(interaction, facts(consultation=CHANNEL)) == []
    assert check(interaction, facts(consultation=(), page_count=19)) == []   # too little seen to say
    assert check(interaction, facts(consultation=(), home=None)) == []


def test_late_and_unanswered_messages_are_vetoes() -> None:
    msgs = (message(1, date(2026, 3, 1), date(2026, 6, 15)),        # 106 days
            message(2, date(2026, 5, 1), None, "办理中"),            # open for 152 days
            message(3, date(2026, 3, 1), date(2026, 5, 30)),        # exactly 90 days
            message(4, date(2026, 8, 1), None),                     # open 60 days: not yet late
            message(5, date(2025, 1, 1), None),                     # outside the year
            message(6, date(2026, 2, 1), None, "已回复"))            # answered, date not shown
    found = check(interaction, facts(consultation=CHANNEL, messages=msgs))
    assert [f.key for f in found] == ["http://127.0.1.1/xx/1.html", "http://127.0.1.1/xx/2.html"]
    assert found[0].description == "留言“咨询1”于2026-03-01留言，2026-06-15才答复（106天）"
    assert "超过3个月未答复（截至2026-09-30已152天，状态“办理中”）" in found[1].description
    assert {f.category for f in found} == {VETO}


def test_stale_replies_are_a_deduction() -> None:
    old = (message(1, date(2026, 7, 1), date(2026, 7, 31)),)
    [finding] = check(interaction, facts(consultation=CHANNEL, messages=old))
    assert finding.category == DEDUCTION
    assert finding.description == "留言答复最近更新于2026-07-31，超过2个月未更新"
    recent = (message(1, date(2026, 7, 1), date(2026, 8, 1)),)   # 60 days: at the limit
    assert check(interaction, facts(consultation=CHANNEL, messages=recent)) == []
