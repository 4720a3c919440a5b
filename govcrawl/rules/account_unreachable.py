"""账号无法访问 — the account's feed cannot be read (单项否决).

An inspector who cannot open an account cannot check it; circulars list such accounts (closed,
banned, or gone) as 账号无法访问. The spider tries the feed with retries and records why it failed:
DNS failure, connection refused, timeout, an HTTP error status, or a body that is not a feed (an HTML
page, XML so broken that no entry can be read, invalid JSON).

Fails: the feed of 许昌发布 answers HTTP 404 →
    "账号订阅源无法读取，内容无法检查：订阅地址返回HTTP 404错误".
Passes: the feed answers 200 with an RSS document, even an empty one (that is 内容不更新's business).

Reads: nothing (retries are the downloader's RETRY_TIMES).
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.account_facts import AccountFacts
from govcrawl.model.findings import VETO, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._account import account_finding

ID = "account_unreachable"
PROBLEM_TYPE = "账号无法访问"
CATEGORY = VETO
SCOPE = "account"
READS: tuple[str, ...] = ()
ALSO_YIELDS: tuple[str, ...] = ()


def check(subject: AccountFacts, conf: RuleConf) -> Iterator[Finding]:
    outcome = subject.outcome
    if outcome.ok:
        return
    yield account_finding(subject, ID, PROBLEM_TYPE, CATEGORY, key="feed",
                          description=f"账号订阅源无法读取，内容无法检查：{outcome.problem or '原因未记录'}",
                          url=outcome.feed_url or subject.account.feed, evidence=outcome.problem)
