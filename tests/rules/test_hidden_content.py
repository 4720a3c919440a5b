from __future__ import annotations

import pytest

from govcrawl.model.findings import VETO
from govcrawl.model.merge import dedup
from govcrawl.rules import hidden_content

from ._helpers import FETCHED, SITE_CODE, check, page

NEWS = "<div class='article'><p>我区召开安全生产工作会议，部署下一阶段重点工作。</p></div>"
SPAM_BLOCK = ("<div style='display:none'><a href='http://bet.invalid/1'>百家乐</a><a href='http://bet.invalid/2'>"
              "真人娱乐</a><a href='http://av.invalid/'>国产精品一区二区</a></div>")


def test_hidden_spam_block_is_one_finding_naming_technique_and_count() -> None:
    item = page(NEWS + SPAM_BLOCK)
    [finding] = check(hidden_content, item)
    assert finding.problem_type == "暗链或违规内容" and finding.category == VETO
    assert finding.subject == SITE_CODE and finding.url == item.url and finding.seen == FETCHED.date()
    assert finding.description == "页面被植入隐藏链接3条（display:none）"
    assert finding.evidence == "百家乐、真人娱乐、国产精品一区二区 → bet.invalid、av.invalid"


def test_same_injection_on_many_pages_is_one_row() -> None:
    findings = [f for n in range(12) for f in check(hidden_content, page(NEWS + SPAM_BLOCK, path=f"/a/{n}.html"))]
    [row] = dedup(findings, max_pages=5)
    assert row.page_count == 12 and len(row.pages) == 5


def test_off_screen_links_to_other_hosts_fail_without_spam_words() -> None:
    item = page(NEWS + "<div style='position:absolute;left:-9999px'>"
                "<a href='http://x.invalid/'>友情</a><a href='http://x.invalid/2'>链接</a></div>")
    [finding] = check(hidden_content, item)
    assert finding.description == "页面被植入隐藏链接2条（position off-screen）"


@pytest.mark.parametrize("body", [
    # hidden drop-down menu with 办证 and a place name
    "<ul style='display:none'><li><a href='/bszn/'>办证指南</a></li><li><a href='/jsx/'>金沙县概况</a></li></ul>",
    # hidden tab panel with an anti-crime notice
    "<div class='tab' style='display:none'><p>严厉打击赌博、高利贷等违法犯罪活动</p></div>",
    # collapsed 友情链接 list of other government sites
    "<div style='display:none'><a href='http://www.gov.cn/'>中国政府网</a>"
    "<a href='http://www.henan.gov.cn/'>河南省人民政府</a><a href='http://www.people.com.cn/'>人民网</a></div>",
    # carousel slide and mobile menu, print-only block
    "<div class='slide' style='visibility:hidden'><a href='/a.html'>澳门特区代表团来我市考察</a></div>",
    "<nav hidden><a href='/'>首页</a><a href='/bsfw/'>办事服务</a></nav>",
    "<div class='print-only' style='display:none'>打印时间：2026-09-30</div>",
    # visible: a community story, an anti-crime notice, a lottery notice
    "<p>社区活动中心设有棋牌室、阅览室。</p><p>公安机关严厉打击“六合彩”“百家乐”、网络赌博等违法犯罪活动。</p>",
    "<p><a href='http://www.cwl.gov.cn/'>中国福利彩票双色球开奖公告</a></p>",
])
def test_legitimate_pages_pass(body: str) -> None:
    assert check(hidden_content, page(NEWS + body, title="关于严厉打击六合彩百家乐等赌博违法犯罪活动的通告")) == []


@pytest.mark.parametrize("title, failing", [
    ("澳门新葡京娱乐城", True),                   # one strong term
    ("国产精品一区二区,中文字幕在线观看,www.abc.com", True),
    ("某县人民政府…高清在线不卡码ⅴ,www.x.com在线观看,一区在线", True),
    ("社区棋牌室开放", False),                    # one weak term
    ("警方破获一起百家乐赌博案", False),           # guard word
    ("金沙县人民政府", False),
])
def test_title_hijack(title: str, failing: bool) -> None:
    findings = check(hidden_content, page(NEWS, title=title))
    assert bool(findings) == failing
    if failing:
        assert findings[0].description == "页面标题被篡改为违规内容（标题劫持）"


def test_meta_keywords_hijack() -> None:
    head = "<meta name='keywords' content='亚洲精品,日韩欧美一区二区,中文字幕'>"
    [finding] = check(hidden_content, page(NEWS, head=head))
    assert finding.description == "页面关键词被篡改为违规内容（标题劫持）"


def test_redirect_to_other_non_government_host() -> None:
    head = "<meta http-equiv='refresh' content='0;url=http://xpj.invalid/'>"
    [finding] = check(hidden_content, page(NEWS, head=head))
    assert finding.description == "页面自动跳转至外部网站xpj.invalid（跳转劫持）"
    gov = "<meta http-equiv='refresh' content='0;url=http://www.x.gov.cn/'>"
    assert check(hidden_content, page(NEWS, head=gov)) == []


def test_script_written_spam_links() -> None:
    body = NEWS + "<script>document.write('<a href=\"http://s.invalid/\">百家乐</a>');</script>"
    [finding] = check(hidden_content, page(body))
    assert finding.description == "页面被脚本写入链接1条（document.write）"
    legit = NEWS + "<script>document.write('<a href=\"http://www.gov.cn/\">中国政府网</a>');</script>"
    assert check(hidden_content, page(legit)) == []


def test_visible_keyword_line_fails_at_the_threshold() -> None:
    line = "<p class='links'>国产 精品 高清</p>"  # three weak terms and their run: 4 points
    [finding] = check(hidden_content, page(NEWS + line))
    assert finding.description == "页面正文含违规内容" and "国产 精品 高清" in finding.evidence
    assert check(hidden_content, page(NEWS + line), spam_score=5) == []


def test_external_link_with_spam_anchor_fails_internal_does_not() -> None:
    item = page(NEWS + "<p><a href='http://spam.invalid/'>真人娱乐</a>"
                "<a href='/bszn/qp.html'>真人娱乐</a><a href='http://www.gov.cn/'>中国政府网</a></p>")
    [finding] = check(hidden_content, item)
    assert finding.description == "页面含指向违规内容外部网站的链接1条"
    assert hidden_content.evidence_links(item.facts, 3) == {"http://spam.invalid/"}
