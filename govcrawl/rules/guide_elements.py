"""办事指南要素缺失 — service guides that lack key elements (扣分; 单项否决 at the veto line).

A guide must give 事项名称, 设定依据, 申请条件, 办理材料, 办理地点, 办理时间, 联系电话 and 办理流程
(extraction reads which are there). Each incomplete guide is a row naming what it lacks. When
GOVCRAWL_GUIDE_VETO_COUNT guides each lack at least GOVCRAWL_GUIDE_VETO_MISSING elements, those
rows are 单项否决. A site without any guide page is not judged here: whether it should offer
services online is for an inspector to say.

Fails: ‘户籍迁移办事指南’ without 设定依据 and 办理地点 → "办事指南‘户籍迁移’缺少设定依据、办理地点
（共2项要素）".
Passes: a guide with all eight elements.

Reads: GOVCRAWL_GUIDE_VETO_COUNT, GOVCRAWL_GUIDE_VETO_MISSING.
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import DEDUCTION, VETO, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._describe import joined
from govcrawl.rules._site import site_finding

ID = "guide_elements"
PROBLEM_TYPE = "办事指南要素缺失"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_GUIDE_VETO_COUNT", "GOVCRAWL_GUIDE_VETO_MISSING")
ALSO_YIELDS: tuple[str, ...] = (VETO,)


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    incomplete = [g for g in facts.guides if g.missing]
    many = conf["GOVCRAWL_GUIDE_VETO_MISSING"]
    veto = sum(len(g.missing) >= many for g in incomplete) >= conf["GOVCRAWL_GUIDE_VETO_COUNT"]
    for guide in incomplete:
        name = f"办事指南‘{guide.name}’" if guide.name else f"办事指南{guide.url}"
        yield site_finding(
            facts, ID, PROBLEM_TYPE, VETO if veto and len(guide.missing) >= many else DEDUCTION,
            key=guide.url, url=guide.url,
            description=f"{name}缺少{joined(guide.missing)}（共{len(guide.missing)}项要素）",
            evidence=f"{guide.url} 缺少：{joined(guide.missing)}")
