from __future__ import annotations

import pytest

from govcrawl.model.findings import VETO
from govcrawl.rules import serious_wording

from ._helpers import FETCHED, SITE_CODE, check, page


def test_misspelt_leader_name_fails_with_the_phrase_and_its_sentence() -> None:
    item = page("<p>会议指出，要深入学习国家主席习进平重要讲话精神。</p>")
    [finding] = check(serious_wording, item)
    assert finding.problem_type == "严重表述错误" and finding.category == VETO
    assert finding.subject == SITE_CODE and finding.url == item.url and finding.seen == FETCHED.date()
    assert finding.key == "国家主席习进平"
    assert finding.description == "页面出现“国家主席习进平”，应为“国家主席习近平”"
    assert finding.evidence == "会议指出，要深入学习国家主席习进平重要讲话精神。"


def test_correct_page_passes() -> None:
    item = page("<p>国家主席习近平出席会议。中华人民共和国国务院。海峡两岸暨香港、澳门。</p>"
                "<p>中华民国时期的老建筑得到修缮。原国家工商总局旧址。</p>", published="2024-03-01")
    assert check(serious_wording, item) == []


@pytest.mark.parametrize("body, key", [
    ("<p>中華人民共合國成立七十五周年</p>", "中华人民共合国"),  # 繁體 page
    ("<p>台湾<span>总统</span>选举</p>", "台湾总统"),           # split by a tag
    ("<p>两岸\n三地同胞</p>", "两岸三地"),                     # split by a line break
    ("<p>ＸＸ中华民国政府发言人表示</p>", "中华民国"),          # present-day use, full-width text
])
def test_wrong_state_and_taiwan_terms_fail_across_markups(body: str, key: str) -> None:
    [finding] = check(serious_wording, page(body))
    assert finding.key == key


def test_same_phrase_twice_on_a_page_is_one_finding_the_title_included() -> None:
    item = page("<p>两岸三地交流。</p><p>两岸三地合作。</p>", title="两岸三地论坛")
    [finding] = check(serious_wording, item)
    assert finding.key == "两岸三地"


def test_abolished_body_fails_only_after_the_reform_date() -> None:
    body = "<p>国家卫生和计划生育委员会要求各地做好防控工作。</p>"
    [finding] = check(serious_wording, page(body, published="2018-03-18"))
    assert finding.key == "国家卫生和计划生育委员会"
    assert "国家卫生健康委员会" in finding.description and "2018-03-18" in finding.description
    assert check(serious_wording, page(body, published="2018-03-17")) == []  # on the reform date
    assert check(serious_wording, page(body)) == []  # no publish date: not judged
    assert check(serious_wording, page(body, published="2020-01-01"), reform_date="2021-01-01") == []


@pytest.mark.parametrize("sentence", [
    "原国家工商行政管理总局的职责划入新组建的部门。",
    "依据《国家工商行政管理总局关于商标注册的规定》办理。",
    "张三曾任国土资源部副部长。",
    "2016年环境保护部印发了通知。",
    "根据国家工商行政管理总局令第58号。",
])
def test_historical_mentions_of_abolished_bodies_pass(sentence: str) -> None:
    assert check(serious_wording, page(f"<p>{sentence}</p>", published="2021-06-01")) == []


def test_accepted_phrase_is_not_reported() -> None:
    item = page("<p>台湾总统选举。</p>")
    assert check(serious_wording, item, wording_ignore=["台湾总统"]) == []


@pytest.mark.parametrize("sentence, wrong", [
    ("许昌市卫生和计划生育委员会召开全市卫生工作会议。", "卫生和计划生育委员会"),
    ("XX县安全生产监督管理局开展节前检查。", "安全生产监督管理局"),
    ("区环保局督办一批信访件。", "环保局"),
    ("市食品药品监督管理局发布抽检公告。", "食品药品监督管理局"),
    ("卫计委提醒市民接种疫苗。", "卫计委"),  # without a place prefix
    ("省国土资源厅批复用地。", "国土资源厅"),
    ("XX市文化广电新闻出版局举办读书月活动。", "文化广电新闻出版局"),
])
def test_local_abolished_bodies_fail_with_or_without_a_place(sentence: str, wrong: str) -> None:
    [finding] = check(serious_wording, page(f"<p>{sentence}</p>", published="2021-06-01"))
    assert finding.key == wrong and "已撤销机构名称" in finding.description


@pytest.mark.parametrize("sentence, published", [
    ("原许昌市卫生和计划生育委员会的职责划入市卫生健康委员会。", "2021-06-01"),
    ("原XX县安全生产监督管理局办公楼改作应急指挥中心。", "2021-06-01"),
    ("县环保局更名为市生态环境局XX分局。", "2021-06-01"),
    ("许昌市卫生和计划生育委员会召开全市卫生工作会议。", "2017-05-02"),  # a dated article before the reform
    ("县安全生产监督管理局开展节前检查。", "2018-12-20"),  # before the local reforms ended
])
def test_local_abolished_bodies_in_history_pass(sentence: str, published: str) -> None:
    assert check(serious_wording, page(f"<p>{sentence}</p>", published=published)) == []
