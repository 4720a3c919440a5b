from __future__ import annotations

from datetime import datetime

from govcrawl.model.findings import VETO
from govcrawl.rules import post_serious_wording

from ._helpers import ACCOUNT, FEED_READ, check, post


def test_post_with_a_wrong_term_fails_on_the_account() -> None:
    item = post("<p>关注台湾<b>总统</b>选举动态。</p>", title="每日简讯")
    [finding] = check(post_serious_wording, item)
    assert finding.problem_type == "严重表述错误" and finding.category == VETO
    assert finding.subject == ACCOUNT and finding.url == item.link and finding.seen == FEED_READ.date()
    assert finding.rule == "post_serious_wording" and finding.key == "台湾总统"
    assert finding.description == "发文出现“台湾总统”，应为“台湾地区领导人”"
    assert finding.evidence == "关注台湾总统选举动态。"


def test_correct_post_passes() -> None:
    assert check(post_serious_wording, post("深入学习习近平总书记重要讲话精神。", title="學習動態")) == []


def test_misspelt_leader_in_a_traditional_title_fails() -> None:
    [finding] = check(post_serious_wording, post("正文。", title="習進平總書記考察"))
    assert finding.key == "习进平总书记"


def test_abolished_body_counts_by_the_post_date() -> None:
    text = "国家卫计委发布健康提示。"
    assert [f.key for f in check(post_serious_wording, post(text))] == ["国家卫计委"]
    assert check(post_serious_wording, post(text, published=datetime(2017, 5, 1, 9, 0))) == []
    assert check(post_serious_wording, post(text, published=None)) == []
