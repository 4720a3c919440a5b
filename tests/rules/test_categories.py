"""Each rule yields the 指标类别 it declares: driven with its own failing examples, a rule yields
``CATEGORY`` and each of its ``ALSO_YIELDS`` (one example per declared category), and nothing else.

A rule declaring ``CATEGORY = DEDUCTION`` that yields a 单项否决 row (or the reverse) without
declaring it in ``ALSO_YIELDS`` fails here, as does a declared category no example produces. A new
rule needs its examples in EXAMPLES (test_every_rule_has_examples).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest

from govcrawl.config import threshold_defaults
from govcrawl.extract.feeds import CHINA_TZ, FeedPost
from govcrawl.model.account_facts import AccountFacts
from govcrawl.model.facts import (
    Availability,
    BrokenLink,
    DatedArticle,
    DatedEntry,
    FooterIds,
    GuideFacts,
    HomePage,
    LinkPlace,
    MessageFacts,
    MetadataGap,
    TransportFacts,
)
from govcrawl.model.findings import DEDUCTION, VETO, Finding
from govcrawl.model.items import AccountItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.regions import Account
from govcrawl.rules import RULES
from govcrawl.rules.base import RuleModule
from tests.rules import _helpers, _site

OLD = date(2025, 1, 1)
AS_OF = date(2026, 10, 1)
ACCOUNT = Account(name="许昌发布", platform="微信", owner="许昌市委宣传部", feed="http://127.0.1.20/feed.xml",
                  interaction=True)
Example = Callable[[], list[Finding]]
RULE = {rule.ID: rule for rule in RULES}


def account(rule_id: str, *, ok: bool = True, problem: str = "", interacts: bool = True,
            posts: Iterable[FeedPost] = ()) -> list[Finding]:
    registered = Account(ACCOUNT.name, ACCOUNT.platform, ACCOUNT.owner, ACCOUNT.feed, interacts)
    outcome = AccountItem(account=ACCOUNT.name, platform=ACCOUNT.platform, feed_url=ACCOUNT.feed, ok=ok,
                          problem=problem, checked_at=datetime(2026, 10, 1, 8, 0))
    facts = AccountFacts.from_posts(registered, outcome, list(posts), AS_OF)
    return list(RULE[rule_id].check(facts, RuleConf(AS_OF, threshold_defaults())))


def site(rule_id: str, **fields: Any) -> list[Finding]:
    return _site.check(RULE[rule_id], _site.facts(**fields))


def page(rule_id: str, body: str) -> list[Finding]:
    return _helpers.check(RULE[rule_id], _helpers.page(body))


def post(rule_id: str, text: str) -> list[Finding]:
    return _helpers.check(RULE[rule_id], _helpers.post(text))


def stale_columns(n: int) -> tuple[Any, ...]:
    return tuple(_site.column(f"动态{i}", "news", OLD) for i in range(n))


def empty_columns(n: int) -> tuple[Any, ...]:
    return tuple(_site.column(f"空{i}", "other", None, empty=True) for i in range(n))


def guides(n: int, missing: tuple[str, ...]) -> tuple[GuideFacts, ...]:
    return tuple(GuideFacts(f"http://127.0.1.1/bs/{i}.html", f"事项{i}", missing) for i in range(n))


def probes(failed: int) -> tuple[Availability, ...]:
    return tuple(Availability(at=datetime(2026, 9, 23 + n // 24, n % 24), ok=n >= failed,
                              status=200 if n >= failed else None, error="" if n >= failed else "timeout",
                              elapsed=0.4, source="probe") for n in range(24 * 7))


def message(posted: date, answered: date | None) -> MessageFacts:
    return MessageFacts("http://127.0.1.1/xx/list.html", "咨询", "http://127.0.1.1/xx/1.html", posted, answered, "")


FOUR = ("设定依据", "申请条件", "办理地点", "联系电话")
CHANNEL = ("http://127.0.1.1/xx/",)
SPAM = "<div style='display:none'><a href='http://bet.invalid/1'>百家乐</a><a href='http://bet.invalid/2'>真人娱乐</a></div>"
STALE_HOME = HomePage(url=_site.HOME.url, footer=_site.HOME.footer,
                      newest=DatedEntry("关于秋季防火的通知", "http://127.0.1.1/a/1.html", date(2026, 9, 1)))
NO_IDS = HomePage(url=_site.HOME.url, newest=None, footer=FooterIds(site_id_code=None, icp=None, police=None,
                                                                     dzjg=False))
BROKEN = BrokenLink(url="http://127.0.1.1/old.html", kind="page", status=404, error="",
                    places=(LinkPlace("http://127.0.1.1/", "旧栏目", True),))

NO_TRANSPORT = TransportFacts(host="www.xuchang.gov.cn", aaaa=(), ipv6_url="", ipv6_status=None, ipv6_error="",
                              https_url="https://www.xuchang.gov.cn/", cert_problem="none", https_status=None,
                              https_error="连接被拒绝")

EXAMPLES: dict[str, list[Example]] = {
    "serious_wording": [lambda: page("serious_wording", "<p>国家主席习进平出席会议。</p>")],
    "hidden_content": [lambda: page("hidden_content", "<p>正文。</p>" + SPAM)],
    "typos": [lambda: page("typos", "<p>我们要再接再励。</p>")],
    "site_unreachable": [lambda: site("site_unreachable", samples=probes(9))],
    "home_stale": [lambda: site("home_stale", home=STALE_HOME)],
    "column_stale": [lambda: site("column_stale", columns=stale_columns(1)),
                     lambda: site("column_stale", columns=stale_columns(12))],
    "column_empty": [lambda: site("column_empty", columns=empty_columns(1)),
                     lambda: site("column_empty", columns=empty_columns(12))],
    "site_identifiers": [lambda: site("site_identifiers", home=NO_IDS)],
    "jiucuo_entry": [lambda: site("jiucuo_entry", home=NO_IDS)],
    "domain_name": [lambda: site("domain_name")],
    "ipv6_support": [lambda: site("ipv6_support", transport=NO_TRANSPORT)],
    "https_enabled": [lambda: site("https_enabled", transport=NO_TRANSPORT)],
    "republished": [lambda: site("republished", articles=(
        DatedArticle("关于开展农村人居环境整治工作的通知", "http://127.0.1.1/a2.html", date(2026, 9, 25),
                     date(2026, 9, 30)),),
        earlier_articles=(DatedArticle("关于开展农村人居环境整治工作的通知", "http://127.0.1.1/a1.html",
                                       date(2025, 3, 10), date(2026, 8, 20)),))],
    "annual_report": [lambda: site("annual_report", disclosure=("http://127.0.1.1/gkml/",))],
    "backdated": [lambda: page("backdated", "<p>发布日期：2027-01-01</p>")],
    "search_function": [lambda: site("search_function", home=replace(_site.HOME, search="none"))],
    "accessibility": [lambda: _site.check(RULE["accessibility"],
                                          _site.facts(home=replace(_site.HOME, care_entry=False)),
                                          accessibility_check=True)],
    "metadata_missing": [lambda: site("metadata_missing",
                                      metadata_gaps=(MetadataGap("http://127.0.1.1/a.html", ("SiteIDCode",)),))],
    "broken_links": [lambda: site("broken_links", broken_links=(BROKEN,))],
    "guide_elements": [lambda: site("guide_elements", guides=guides(1, FOUR[:2])),
                       lambda: site("guide_elements", guides=guides(12, FOUR))],
    "interaction": [lambda: site("interaction", consultation=()),
                    lambda: site("interaction", consultation=CHANNEL,
                                 messages=(message(date(2026, 3, 1), date(2026, 6, 15)),)),
                    lambda: site("interaction", consultation=CHANNEL,
                                 messages=(message(date(2026, 7, 1), date(2026, 7, 10)),))],
    "post_serious_wording": [lambda: post("post_serious_wording", "关注台湾总统选举。")],
    "post_typos": [lambda: post("post_typos", "各单位要再接再励。")],
    "account_unreachable": [lambda: account("account_unreachable", ok=False, problem="HTTP 404")],
    "account_stale": [lambda: account("account_stale", posts=(
        FeedPost(title="旧文", text="正文", link="http://127.0.1.20/1", published=datetime(2026, 8, 1, 9, 0,
                                                                                  tzinfo=CHINA_TZ)),))],
    "account_interaction": [lambda: account("account_interaction", interacts=False)],
}


def test_every_rule_has_examples() -> None:
    assert set(EXAMPLES) == {rule.ID for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_rule_yields_exactly_the_categories_it_declares(rule: RuleModule) -> None:
    yielded: set[str] = set()
    for example in EXAMPLES[rule.ID]:
        findings = example()
        assert findings, f"a failing example of {rule.ID} yields nothing"
        assert {f.problem_type for f in findings} == {rule.PROBLEM_TYPE}
        yielded |= {f.category for f in findings}
    assert yielded == {rule.CATEGORY, *rule.ALSO_YIELDS}
    assert set(rule.ALSO_YIELDS) <= {VETO, DEDUCTION} - {rule.CATEGORY}
