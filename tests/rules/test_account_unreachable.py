from __future__ import annotations

from datetime import date, datetime

from govcrawl.model.account_facts import AccountFacts
from govcrawl.model.findings import VETO, Finding
from govcrawl.model.items import AccountItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.regions import Account
from govcrawl.rules import account_unreachable

AS_OF = date(2026, 10, 1)
ACCOUNT = Account(name="魏都发布", platform="微博", owner="魏都区委宣传部",
                  feed="http://127.0.1.20/weidu.xml", interaction=True)


def check(ok: bool, problem: str = "") -> list[Finding]:
    outcome = AccountItem(account=ACCOUNT.name, platform=ACCOUNT.platform, feed_url=ACCOUNT.feed, ok=ok,
                          problem=problem, checked_at=datetime(2026, 10, 1, 8, 0))
    facts = AccountFacts.from_posts(ACCOUNT, outcome, [], AS_OF)
    return list(account_unreachable.check(facts, RuleConf(AS_OF, {})))


def test_failed_feed_fails_and_says_why() -> None:
    [finding] = check(False, "HTTP 404")
    assert finding.problem_type == "账号无法访问" and finding.category == VETO
    assert finding.subject == "魏都发布"
    assert "HTTP 404" in finding.description and finding.evidence == "HTTP 404"
    assert finding.url == ACCOUNT.feed


def test_readable_feed_passes_even_when_empty() -> None:
    assert check(True) == []


def test_every_failure_kind_is_one_row_per_account() -> None:
    for problem in ("订阅地址拒绝连接（已重试2次）", "返回的是HTML网页，不是订阅源（RSS/Atom/JSON Feed）",
                    "JSON格式错误"):
        [finding] = check(False, problem)
        assert problem in finding.description
        assert finding.dedup_key == ("魏都发布", "账号无法访问", "feed")
