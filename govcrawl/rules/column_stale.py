"""栏目不更新 — columns not updated for too long (扣分; 单项否决 at the veto line).

A column is judged by its class (GOVCRAWL_COLUMN_CLASSES names the classes): 动态/要闻 (news)
after 2 weeks, 通知公告/政策文件 (notice) after 6 months, 人事/规划计划 (plan) after 1 year
(GOVCRAWL_STALE_DAYS). Columns of other classes are not judged; a column with items but no date
at all counts as not updated. Empty columns are 空白栏目's, and a column whose list needed a browser
that was not available is not judged (its items were never seen).

Each stale column is a row. The rows become 单项否决 when GOVCRAWL_STALE_VETO_COUNT columns of the
GOVCRAWL_STALE_VETO_CLASSES are stale (those rows), or GOVCRAWL_STALE_ANY_VETO_COUNT columns of
any judged class are (all rows).

Fails: as_of 2026-09-30, ‘工作动态’ newest item 2026-09-01 → "‘工作动态’栏目最近更新于2026-09-01，
超过2周未更新".
Passes: ‘工作动态’ newest item 2026-09-16 (the limit itself); ‘领导之窗’ (other) of 2019.

Reads: GOVCRAWL_STALE_DAYS, GOVCRAWL_STALE_VETO_CLASSES, GOVCRAWL_STALE_VETO_COUNT,
GOVCRAWL_STALE_ANY_VETO_COUNT.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from govcrawl.model.facts import ColumnFacts, SiteFacts
from govcrawl.model.findings import DEDUCTION, VETO, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._describe import column_label, period
from govcrawl.rules._site import site_finding

ID = "column_stale"
PROBLEM_TYPE = "栏目不更新"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_STALE_DAYS", "GOVCRAWL_STALE_VETO_CLASSES", "GOVCRAWL_STALE_VETO_COUNT",
         "GOVCRAWL_STALE_ANY_VETO_COUNT")
ALSO_YIELDS: tuple[str, ...] = (VETO,)


def _stale(facts: SiteFacts, conf: RuleConf) -> list[tuple[ColumnFacts, int]]:
    limits: dict[str, int] = conf["GOVCRAWL_STALE_DAYS"]
    stale = []
    for column in facts.columns:
        days = limits.get(column.cls)
        if days is None or column.empty or column.needs_rendering:
            continue
        if column.newest_date is None or column.newest_date < conf.as_of - timedelta(days=days):
            stale.append((column, days))
    return stale


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    stale = _stale(facts, conf)
    veto_classes = set(conf["GOVCRAWL_STALE_VETO_CLASSES"])
    veto_any = len(stale) >= conf["GOVCRAWL_STALE_ANY_VETO_COUNT"]
    veto_main = sum(c.cls in veto_classes for c, _ in stale) >= conf["GOVCRAWL_STALE_VETO_COUNT"]
    for column, days in stale:
        label = column_label(column.name, column.url)
        if column.newest_date is None:
            description = f"{label}共{column.item_count}条信息均无发布日期，无法确认{period(days)}内有更新"
            evidence = f"{column.url} 无日期"
        else:
            description = f"{label}最近更新于{column.newest_date}，超过{period(days)}未更新"
            evidence = f"{column.url} 最新信息日期{column.newest_date}"
        veto = veto_any or (veto_main and column.cls in veto_classes)
        yield site_finding(facts, ID, PROBLEM_TYPE, VETO if veto else DEDUCTION, key=column.url,
                           description=description, url=column.url, evidence=evidence)
