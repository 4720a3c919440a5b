from __future__ import annotations

from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import post_typos

from ._helpers import ACCOUNT, FEED_READ, check, post


def test_post_with_a_typo_fails_on_the_account() -> None:
    item = post("各单位要迫不急待地<span>按装</span>设备。")
    findings = check(post_typos, item)
    assert [f.key for f in findings] == ["迫不急待", "按装"]
    first = findings[0]
    assert first.problem_type == "错别字" and first.category == DEDUCTION and first.rule == "post_typos"
    assert first.subject == ACCOUNT and first.url == item.link and first.seen == FEED_READ.date()
    assert first.description == "错别字“迫不急待”应为“迫不及待”"
    assert first.evidence == "各单位要迫不急待地按装设备。"


def test_correct_post_passes() -> None:
    assert check(post_typos, post("按装修标准验收，再接再厉。", title="工作动态")) == []


def test_full_width_and_traditional_text_is_matched() -> None:
    assert [f.key for f in check(post_typos, post("ＯＫ，再接再勵！"))] == ["再接再励"]


def test_an_accepted_phrase_is_left_out() -> None:
    assert check(post_typos, post("再接再励"), wording_ignore=["再接再励"]) == []
