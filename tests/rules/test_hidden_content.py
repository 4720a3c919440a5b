from __future__ import annotations

import pytest

from govcrawl.findings import VETO
from govcrawl.rules import hidden_content

from ._helpers import FETCHED, SITE_CODE, check, page

NEWS = "<div class='article'><p>我区召开安全生产工作会议，部署下一阶段重点工作。</p></div>"


def test_hidden_spam_link_fails_quoting_text_and_target() -> None:
    item = page(NEWS + "<div style='display:none'><a href='http://bet.example.com/'>百家乐 真人娱乐</a></div>")
    [finding] = check(hidden_content, item)
    assert finding.problem_type == "暗链或违规内容" and finding.category == VETO
    assert finding.subject == SITE_CODE and finding.url == item.url and finding.seen == FETCHED.date()
    assert finding.key == "http://bet.example.com/"
    assert "百家乐 真人娱乐" in finding.description and "http://bet.example.com/" in finding.description
    assert finding.evidence == "百家乐 真人娱乐 → http://bet.example.com/"


def test_off_screen_link_block_fails() -> None:
    item = page(NEWS + "<div style='position:absolute;left:-9999px'>"
                "<a href='http://x.example.net/'>澳门<b>赌场</b></a><a href='http://x.example.net/2'>体育投注</a></div>")
    findings = check(hidden_content, item)
    assert [f.key for f in findings] == ["http://x.example.net/"]


def test_legitimate_page_passes() -> None:
    item = page(NEWS + "<p>社区活动中心设有棋牌室、阅览室。</p>"
                "<p>公安机关严厉打击“六合彩”“百家乐”、网络赌博等违法犯罪活动。</p>"
                "<ul style='display:none'><li><a href='/zwgk/'>政务公开</a></li></ul>",
                title="关于严厉打击六合彩百家乐等赌博违法犯罪活动的通告")
    assert check(hidden_content, item) == []


def test_keyword_block_in_visible_text_fails_at_the_threshold() -> None:
    block = "<p class='links'>百家乐 六合彩 体育投注</p>"
    [finding] = check(hidden_content, page(NEWS + block))
    assert "百家乐、六合彩、体育投注" in finding.description and "百家乐" in finding.evidence
    assert check(hidden_content, page(NEWS + block), spam_block_terms=4) == []
    assert check(hidden_content, page(NEWS + "<p>百家乐 六合彩</p>")) == []


def test_terms_farther_apart_than_the_span_are_no_block() -> None:
    spread = "<p>百家乐" + "，" + "会议" * 30 + "六合彩" + "会议" * 30 + "体育投注</p>"
    assert check(hidden_content, page(NEWS + spread)) == []
    assert len(check(hidden_content, page(NEWS + spread), spam_block_span=200)) == 1


@pytest.mark.parametrize("title, failing", [
    ("澳门新葡京娱乐城", True),                   # one strong term
    ("棋牌 在线观看", True),                      # two weak terms
    ("社区棋牌室开放", False),                    # one weak term
    ("警方破获一起百家乐赌博案", False),           # guard word
    ("ＡＶ在线观看", True),                       # full-width
])
def test_spam_title(title: str, failing: bool) -> None:
    findings = check(hidden_content, page(NEWS, title=title))
    assert bool(findings) == failing
    if failing:
        assert findings[0].key == title and "页面标题" in findings[0].description


def test_external_link_with_spam_anchor_fails_internal_does_not() -> None:
    item = page(NEWS + "<p><a href='http://spam.example.org/'>真人娱乐</a>"
                "<a href='/bszn/qp.html'>真人娱乐</a><a href='http://www.gov.cn/'>中国政府网</a></p>")
    findings = check(hidden_content, item)
    assert [f.key for f in findings] == ["http://spam.example.org/"]
    assert "外部网站" in findings[0].description
