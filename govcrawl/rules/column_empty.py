"""空白栏目 — columns with no content at all (扣分; 单项否决 at GOVCRAWL_EMPTY_VETO_COUNT).

A column page that says "暂无信息", or whose list container lists nothing, is empty (extraction
decides and records the marker it saw). A column whose list needed a browser that was not
available is not judged. Each empty column is a row; when GOVCRAWL_EMPTY_VETO_COUNT columns are
empty every row is 单项否决.

Fails: ‘政策解读’ shows "暂无信息" → "‘政策解读’栏目无内容（页面显示“暂无信息”）".
Passes: a column listing one item, however old (that is 栏目不更新's business).

Reads: GOVCRAWL_EMPTY_VETO_COUNT.
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import DEDUCTION, VETO, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._describe import column_label
from govcrawl.rules._site import site_finding

ID = "column_empty"
PROBLEM_TYPE = "空白栏目"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_EMPTY_VETO_COUNT",)
ALSO_YIELDS: tuple[str, ...] = (VETO,)


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    empty = [c for c in facts.columns if c.empty and not c.needs_rendering]
    category = VETO if len(empty) >= conf["GOVCRAWL_EMPTY_VETO_COUNT"] else DEDUCTION
    for column in empty:
        shown = f"（页面显示“{column.empty_marker}”）" if column.empty_marker else "（列表无任何信息）"
        yield site_finding(facts, ID, PROBLEM_TYPE, category, key=column.url,
                           description=f"{column_label(column.name, column.url)}无内容{shown}",
                           url=column.url, evidence=column.empty_marker or f"{column.url} 列表为空")
