"""Site-scope rule tests: SiteFacts built in code and the rule's one-line check."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from govcrawl.config import threshold_defaults
from govcrawl.model.facts import ColumnFacts, FooterIds, HomePage, SiteFacts
from govcrawl.model.findings import Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.regions import Site
from govcrawl.rules.base import RuleModule

AS_OF = date(2026, 9, 30)
SITE = Site(name="许昌市人民政府", url="http://127.0.1.1/", site_code="4110000001", owner="许昌市人民政府办公室")
HOME = HomePage(url="http://127.0.1.1/", newest=None,
                footer=FooterIds(site_id_code="4110000001", icp="豫ICP备05002432号",
                                 police="豫公网安备41100202000101号", dzjg=True))


def facts(**fields: Any) -> SiteFacts:
    base = SiteFacts(site=SITE, checked_on=AS_OF, page_count=50, home=HOME)
    return replace(base, **fields)


def column(name: str, cls: str, newest: date | None, *, url: str = "", empty: bool = False,
           depth: int | None = 1, items: int = 20, marker: str = "", rendering: bool = False) -> ColumnFacts:
    return ColumnFacts(url=url or f"http://127.0.1.1/{name}/", name=name, cls=cls, newest_date=newest,
                       item_count=0 if empty else items, empty=empty, empty_marker=marker, depth=depth,
                       needs_rendering=rendering)


def check(rule: RuleModule, subject: SiteFacts, **overrides: Any) -> list[Finding]:
    """Run ``rule`` with the settings' defaults, ``overrides`` given by short name (stale_days=…)."""
    values = threshold_defaults()
    values.update({f"GOVCRAWL_{k.upper()}": v for k, v in overrides.items()})
    return list(rule.check(subject, RuleConf(AS_OF, values)))
