"""What the account-scope rules (附件2) judge: one 政务新媒体 account after its feed was read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from govcrawl.model.items import AccountItem
from govcrawl.regions import Account

__all__ = ["CHINA_TZ", "AccountFacts", "FeedPost", "china_time"]

#: China has kept UTC+8 without daylight saving since 1991; a fixed offset needs no tz database.
CHINA_TZ = timezone(timedelta(hours=8), "CST")


@dataclass(frozen=True)
class FeedPost:
    """One post as the feed tells it; ``published`` is None when the feed gives no readable date."""

    title: str
    text: str
    link: str
    published: datetime | None


def china_time(value: datetime) -> datetime:
    """``value`` as an aware China Standard Time datetime (a naive value is China time already)."""
    return value.replace(tzinfo=CHINA_TZ) if value.tzinfo is None else value.astimezone(CHINA_TZ)


@dataclass(frozen=True)
class AccountFacts:
    """One account: its registry entry, how reading its feed went, and its newest post.

    ``newest`` is the newest post dated on or before the inspection date (aware, China time); posts
    dated later and undated posts do not count for it, but do for ``post_count``.
    """

    account: Account
    outcome: AccountItem
    newest: datetime | None
    post_count: int
    newest_title: str = ""
    newest_link: str = ""

    @property
    def checked_on(self) -> date:
        """发现时间: the day the feed was read."""
        return self.outcome.checked_at.date()

    @classmethod
    def from_posts(cls, account: Account, outcome: AccountItem, posts: Iterable[FeedPost],
                   as_of: date) -> AccountFacts:
        """Facts of ``account`` from every post read from its feed, judged on ``as_of``."""
        posts = list(posts)
        dated = [(when, post) for post in posts if post.published is not None
                 and (when := china_time(post.published)).date() <= as_of]
        if not dated:
            return cls(account=account, outcome=outcome, newest=None, post_count=len(posts))
        when, top = max(dated, key=lambda pair: pair[0])
        return cls(account=account, outcome=outcome, newest=when, post_count=len(posts),
                   newest_title=top.title, newest_link=top.link)
