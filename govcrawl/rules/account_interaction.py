"""互动回应差 — the account offers no interaction channel (单项否决).

国办秘函〔2019〕19号 vetoes a 政务新媒体 account without a working interaction function (留言,
评论, 私信 or a consultation entry). A feed cannot show that, so the region file's registry says it:
``interaction = false`` on the account is the office's own finding, reported here with that source.

Fails: ``interaction = false`` → "登记信息显示账号未开通留言、评论等互动功能".
Passes: ``interaction = true``.

Reads: nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.account_facts import AccountFacts
from govcrawl.model.findings import VETO, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._account import account_finding

ID = "account_interaction"
PROBLEM_TYPE = "互动回应差"
CATEGORY = VETO
SCOPE = "account"
READS: tuple[str, ...] = ()
ALSO_YIELDS: tuple[str, ...] = ()


def check(subject: AccountFacts, conf: RuleConf) -> Iterator[Finding]:
    if subject.account.interaction:
        return
    yield account_finding(subject, ID, PROBLEM_TYPE, CATEGORY, key="interaction",
                          description="登记信息显示账号未开通留言、评论等互动功能",
                          url="", evidence="地区登记表：interaction = false")
