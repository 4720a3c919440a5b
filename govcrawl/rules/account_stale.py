"""内容不更新 — no post in the weeks before the inspection date (单项否决).

国办秘函〔2019〕19号 vetoes a 政务新媒体 account with no new post in the 2 weeks before the check.
The newest post dated on or before as_of decides; posts dated after as_of are outside the window.
An empty feed (readable, no posts at all) fails too. A feed that could not be read is left to
账号无法访问, and a feed whose posts carry no usable date is not judged: precision first.

Fails: as_of 2026-10-01, GOVCRAWL_FEED_STALE_DAYS 14, newest post 2026-09-10 →
    "账号最近一次发布于2026-09-10（“…”），距检查日2026-10-01已21天，超过2周未更新".
Passes: newest post 2026-09-17 (exactly 14 days before as_of) or later.

Reads: GOVCRAWL_FEED_STALE_DAYS (days without a post before it fails).
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.account_facts import AccountFacts, china_time
from govcrawl.model.findings import VETO, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._account import account_finding
from govcrawl.rules._describe import period

ID = "account_stale"
PROBLEM_TYPE = "内容不更新"
CATEGORY = VETO
SCOPE = "account"
READS: tuple[str, ...] = ("GOVCRAWL_FEED_STALE_DAYS",)
ALSO_YIELDS: tuple[str, ...] = ()


def check(subject: AccountFacts, conf: RuleConf) -> Iterator[Finding]:
    if not subject.outcome.ok:
        return
    limit = int(conf["GOVCRAWL_FEED_STALE_DAYS"])
    feed = subject.outcome.feed_url or subject.account.feed
    if subject.post_count == 0:
        yield account_finding(
            subject, ID, PROBLEM_TYPE, CATEGORY, key="stale",
            description=f"订阅源中没有任何发布内容，检查日{conf.as_of.isoformat()}前{period(limit)}内无更新",
            url=feed, evidence="订阅源条目数为0")
        return
    if subject.newest is None:
        return
    newest = china_time(subject.newest).date()
    age = (conf.as_of - newest).days
    if age <= limit:
        return
    title = f"（“{subject.newest_title}”）" if subject.newest_title else ""
    yield account_finding(
        subject, ID, PROBLEM_TYPE, CATEGORY, key="stale",
        description=(f"账号最近一次发布于{newest.isoformat()}{title}，距检查日{conf.as_of.isoformat()}"
                     f"已{age}天，超过{period(limit)}未更新"),
        url=subject.newest_link or feed, evidence=f"最新发布：{newest.isoformat()} {subject.newest_title}".strip())
