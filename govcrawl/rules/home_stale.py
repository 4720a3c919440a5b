"""首页不更新 — nothing new on the homepage in the 2 weeks before as_of (单项否决).

The homepage's newest dated item decides. A homepage that is only a navigation hub (no dated item
at all) is judged by its second-level column pages (columns linked from the homepage): their
newest date decides. When nothing dated is found anywhere, nothing is reported — an undated page
proves nothing — and neither is a homepage whose lists are built by scripts that no browser ran
(its raw HTML does not show what a visitor sees).

Fails: as_of 2026-09-30, newest homepage item dated 2026-09-15 (15 days).
Passes: newest item dated 2026-09-16 (14 days, the limit itself); or a hub homepage whose column
‘通知公告’ was updated 2026-09-28.

Reads: GOVCRAWL_HOME_STALE_DAYS.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import VETO, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._describe import column_label, period
from govcrawl.rules._site import site_finding

ID = "home_stale"
PROBLEM_TYPE = "首页不更新"
CATEGORY = VETO
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_HOME_STALE_DAYS",)
ALSO_YIELDS: tuple[str, ...] = ()


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    home = facts.home
    if home is None or home.needs_rendering:
        return  # unseen, or its lists are built by scripts no browser ran: nothing to judge by
    days = int(conf["GOVCRAWL_HOME_STALE_DAYS"])
    limit = conf.as_of - timedelta(days=days)
    newest = home.newest
    if newest is not None and newest.date is not None:
        if newest.date < limit:
            yield site_finding(
                facts, ID, PROBLEM_TYPE, CATEGORY, key="home", url=home.url,
                description=f"首页最近更新于{newest.date}（“{newest.title}”），超过{period(days)}未更新",
                evidence=f"{newest.title} {newest.url} {newest.date}")
        return
    second = [(c.newest_date, c.url, c) for c in facts.columns if c.depth == 1 and c.newest_date is not None]
    if not second:
        return
    newest_date, _, latest = max(second, key=lambda entry: entry[:2])
    if newest_date < limit:
        yield site_finding(
            facts, ID, PROBLEM_TYPE, CATEGORY, key="home", url=home.url,
            description=(f"首页无带日期的信息，其二级栏目最近更新于{newest_date}"
                         f"（{column_label(latest.name, latest.url)}），超过{period(days)}未更新"),
            evidence=f"{len(second)}个二级栏目中最新：{latest.url} {newest_date}",
            pages=(home.url, latest.url))
