"""互动回应差 — no consultation channel, or consultations left unanswered (单项否决; 扣分 for stale
replies).

Vetoes: (1) no page of the site links an online consultation channel (领导信箱, 在线咨询, 留言板 …;
信访 and 纪检举报 channels do not count) — said only when the crawl reached the homepage and at
least GOVCRAWL_INTERACTION_MIN_PAGES pages, so a cut-short crawl never claims an absence;
(2) a message posted in the GOVCRAWL_REPLY_WINDOW_DAYS before as_of that was answered more than
GOVCRAWL_REPLY_MAX_DAYS after posting, or is still unanswered after that long (a status such as
已回复 without a date counts as answered). Each such message is a row.
Deduction, when there is no veto: the newest answer is older than GOVCRAWL_REPLY_STALE_DAYS.

Fails: a message of 2026-03-01 answered 2026-06-15 (106 days); a message of 2026-05-01 still
"办理中" on as_of 2026-09-30.
Passes: answered after exactly 90 days; a message of 2026-08-01 still open on 2026-09-30.

Reads: GOVCRAWL_INTERACTION_MIN_PAGES, GOVCRAWL_REPLY_WINDOW_DAYS, GOVCRAWL_REPLY_MAX_DAYS,
GOVCRAWL_REPLY_STALE_DAYS.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from govcrawl.model.facts import MessageFacts, SiteFacts
from govcrawl.model.findings import DEDUCTION, VETO, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._describe import period
from govcrawl.rules._site import site_finding

ID = "interaction"
PROBLEM_TYPE = "互动回应差"
CATEGORY = VETO
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_INTERACTION_MIN_PAGES", "GOVCRAWL_REPLY_WINDOW_DAYS", "GOVCRAWL_REPLY_MAX_DAYS",
         "GOVCRAWL_REPLY_STALE_DAYS")
ALSO_YIELDS: tuple[str, ...] = (DEDUCTION,)

_ANSWERED_STATUS = re.compile(r"已回复|已答复|已办结|已处理")


def _late(message: MessageFacts, conf: RuleConf) -> str | None:
    """Why ``message`` counts against the site, or None."""
    posted = message.posted
    max_days = int(conf["GOVCRAWL_REPLY_MAX_DAYS"])
    if posted is None or posted < conf.as_of - timedelta(days=conf["GOVCRAWL_REPLY_WINDOW_DAYS"]):
        return None
    if message.answered is not None:
        waited = (message.answered - posted).days
        return f"于{posted}留言，{message.answered}才答复（{waited}天）" if waited > max_days else None
    waited = (conf.as_of - posted).days
    if _ANSWERED_STATUS.search(message.status) or waited <= max_days:
        return None
    status = f"，状态“{message.status}”" if message.status else ""
    return f"于{posted}留言，超过{period(max_days)}未答复（截至{conf.as_of}已{waited}天{status}）"


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    home = facts.home
    if (home is not None and not facts.consultation
            and facts.page_count >= conf["GOVCRAWL_INTERACTION_MIN_PAGES"]):
        yield site_finding(facts, ID, PROBLEM_TYPE, VETO, key="no_channel", url=home.url,
                           description="网站未提供在线咨询渠道（领导信箱、在线咨询、留言板等）",
                           evidence=f"检查{facts.page_count}个页面，均未发现咨询类栏目链接")
    vetoed = False
    for message in sorted(facts.messages, key=lambda m: (m.posted or conf.as_of, m.url)):
        why = _late(message, conf)
        if why is None:
            continue
        vetoed = True
        url = message.url or message.page_url
        yield site_finding(facts, ID, PROBLEM_TYPE, VETO, key=url, url=url,
                           description=f"留言“{message.title}”{why}",
                           evidence=f"列表页{message.page_url}：{message.title}",
                           pages=tuple(dict.fromkeys((url, message.page_url))))
    answered = [m.answered for m in facts.messages if m.answered is not None]
    stale_days = int(conf["GOVCRAWL_REPLY_STALE_DAYS"])
    if not vetoed and answered and max(answered) < conf.as_of - timedelta(days=stale_days):
        page = next(m.page_url for m in facts.messages if m.answered == max(answered))
        yield site_finding(facts, ID, PROBLEM_TYPE, DEDUCTION, key="reply_stale", url=page,
                           description=f"留言答复最近更新于{max(answered)}，超过{period(stale_days)}未更新",
                           evidence=f"{page} 最新答复日期{max(answered)}")
