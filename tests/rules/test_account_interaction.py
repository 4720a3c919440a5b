from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from govcrawl.model.account_facts import AccountFacts
from govcrawl.model.findings import VETO, Finding
from govcrawl.model.items import AccountItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.regions import Account
from govcrawl.rules import account_interaction

AS_OF = date(2026, 10, 1)
ACCOUNT = Account(name="许昌政务", platform="抖音", owner="许昌市政府办公室",
                  feed="http://127.0.1.20/douyin.json", interaction=True)


def check(interaction: bool, ok: bool = True) -> list[Finding]:
    account = replace(ACCOUNT, interaction=interaction)
    outcome = AccountItem(account=account.name, platform=account.platform, feed_url=account.feed, ok=ok,
                          checked_at=datetime(2026, 9, 30, 8, 0))
    facts = AccountFacts.from_posts(account, outcome, [], AS_OF)
    return list(account_interaction.check(facts, RuleConf(AS_OF, {})))


def test_no_interaction_channel_fails_citing_the_registry() -> None:
    [finding] = check(False)
    assert finding.problem_type == "互动回应差" and finding.category == VETO
    assert finding.subject == "许昌政务"
    assert "互动功能" in finding.description and "interaction = false" in finding.evidence
    assert finding.seen == date(2026, 9, 30)


def test_interaction_channel_passes() -> None:
    assert check(True) == []


def test_registry_decides_even_when_the_feed_is_unreadable() -> None:
    # The threshold here is the registry flag itself: it alone decides, whatever the feed did.
    assert len(check(False, ok=False)) == 1
    assert check(True, ok=False) == []
