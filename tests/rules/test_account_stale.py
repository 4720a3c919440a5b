from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from govcrawl.model.account_facts import CHINA_TZ, AccountFacts, FeedPost
from govcrawl.model.findings import VETO, Finding
from govcrawl.model.items import AccountItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.regions import Account
from govcrawl.rules import account_stale

AS_OF = date(2026, 10, 1)
ACCOUNT = Account(name="许昌发布", platform="微信", owner="许昌市委宣传部",
                  feed="http://127.0.1.20/feed.xml", interaction=True)


def post(day: date | None, title: str = "一条动态") -> FeedPost:
    when = None if day is None else datetime(day.year, day.month, day.day, 9, 30, tzinfo=CHINA_TZ)
    return FeedPost(title=title, text="正文", link=f"http://127.0.1.20/{title}", published=when)


def check(*posts: FeedPost, ok: bool = True, days: int = 14) -> list[Finding]:
    outcome = AccountItem(account=ACCOUNT.name, platform=ACCOUNT.platform, feed_url=ACCOUNT.feed, ok=ok,
                          checked_at=datetime(2026, 10, 1, 8, 0))
    facts = AccountFacts.from_posts(ACCOUNT, outcome, posts, AS_OF)
    return list(account_stale.check(facts, RuleConf(AS_OF, {"GOVCRAWL_FEED_STALE_DAYS": days})))


def test_old_newest_post_fails_with_its_date_and_title() -> None:
    [finding] = check(post(date(2026, 9, 10), "中秋通知"), post(date(2026, 8, 1)))
    assert finding.category == VETO and finding.problem_type == "内容不更新"
    assert finding.subject == "许昌发布"
    assert "2026-09-10" in finding.description and "“中秋通知”" in finding.description
    assert "21天" in finding.description and "超过2周" in finding.description
    assert finding.url == "http://127.0.1.20/中秋通知"
    assert finding.seen == date(2026, 10, 1)


def test_recent_post_passes() -> None:
    assert check(post(date(2026, 9, 30)), post(date(2026, 6, 1))) == []


def test_exactly_the_threshold_passes_one_day_more_fails() -> None:
    assert check(post(AS_OF - timedelta(days=14))) == []
    assert len(check(post(AS_OF - timedelta(days=15)))) == 1
    assert check(post(AS_OF - timedelta(days=15)), days=15) == []


def test_empty_feed_fails_and_says_so() -> None:
    [finding] = check()
    assert "没有任何发布内容" in finding.description
    assert finding.url == ACCOUNT.feed


def test_posts_after_as_of_do_not_make_it_fresh() -> None:
    [finding] = check(post(date(2026, 10, 5)), post(date(2026, 9, 1), "旧文"))
    assert "2026-09-01" in finding.description


def test_a_utc_date_counts_on_its_china_day() -> None:
    # 2026-09-16 20:00 UTC is 2026-09-17 04:00 in China: 14 days before as_of; 15:00 UTC is still the 16th.
    assert check(FeedPost(title="夜间", text="", link="", published=datetime(2026, 9, 16, 20, tzinfo=UTC))) == []
    assert len(check(FeedPost(title="傍晚", text="", link="",
                              published=datetime(2026, 9, 16, 15, tzinfo=UTC)))) == 1


def test_undated_posts_are_not_judged() -> None:
    assert check(post(None), post(None)) == []


def test_unreadable_feed_is_left_to_account_unreachable() -> None:
    assert check(ok=False) == []
