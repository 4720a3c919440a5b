from __future__ import annotations

import pytest

from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import typos

from ._helpers import FETCHED, SITE_CODE, check, page


def test_typo_fails_with_the_pair_and_its_sentence() -> None:
    item = page("<p>全体干部要再接再励，推动各项工作落实。</p>")
    [finding] = check(typos, item)
    assert finding.problem_type == "错别字" and finding.category == DEDUCTION
    assert finding.subject == SITE_CODE and finding.url == item.url and finding.seen == FETCHED.date()
    assert finding.key == "再接再励"
    assert finding.description == "错别字“再接再励”应为“再接再厉”"
    assert finding.evidence == "全体干部要再接再励，推动各项工作落实。"


def test_correct_page_passes() -> None:
    item = page("<p>全体干部要再接再厉，按装修标准验收，既使得企业受益，又方便群众。</p>"
                "<p>交通迅速发展，学习贯彻会议精神，严格守法。</p>")
    assert check(typos, item) == []


@pytest.mark.parametrize("body", [
    "<p>我们要再接再勵</p>",                      # 繁體 page
    "<p>我们要再接<span>再</span>励</p>",           # split by a tag
    "<p>我们要再接<font color='red'>再励</font></p>",
    "<p>我们要再接再\n    励</p>",                  # split by a source line break
])
def test_typo_is_found_across_markups(body: str) -> None:
    [finding] = check(typos, page(body))
    assert finding.key == "再接再励"


def test_each_phrase_is_one_finding_and_distinct_phrases_are_several() -> None:
    item = page("<p>按装空调。</p><p>按装热水器。</p><p>迫不急待。</p>", title="按装通知")
    assert sorted(f.key for f in check(typos, item)) == ["按装", "迫不急待"]


def test_quote_is_at_most_the_configured_length() -> None:
    item = page("<p>" + "各地" * 60 + "再接再励" + "推进" * 60 + "。</p>")
    [finding] = check(typos, item, quote_chars=40)
    assert len(finding.evidence) == 40 and "再接再励" in finding.evidence


def test_accepted_phrase_is_not_reported() -> None:
    assert check(typos, page("<p>再接再励</p>"), wording_ignore=["再接再励"]) == []
