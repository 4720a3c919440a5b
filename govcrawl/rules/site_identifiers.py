"""网站标识缺失 — the homepage lacks an identifier every government site must show (扣分).

The homepage (footer first, then the whole page, as extraction reads it) must show the 网站标识码,
the ICP备案编号, the 公安机关备案号 and the 党政机关网站标识. Each missing identifier is a row of
its own; a 网站标识码 that differs from the one the region file registers is a row too.

Fails: a footer with only "京ICP备05070218号" → rows for 网站标识码, 公安机关备案号 and 党政机关网站标识.
Passes: "网站标识码4110000001 豫ICP备05002432号 豫公网安备41100202000101号" and the conac badge.

Reads: nothing (the registered code is the site's site_code).
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.facts import FooterIds, SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._site import site_finding

ID = "site_identifiers"
PROBLEM_TYPE = "网站标识缺失"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ()
ALSO_YIELDS: tuple[str, ...] = ()


def _missing(footer: FooterIds) -> list[str]:
    present = {"网站标识码": footer.site_id_code, "ICP备案编号": footer.icp, "公安机关备案号": footer.police,
               "党政机关网站标识": footer.dzjg}
    return [name for name, value in present.items() if not value]


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    home = facts.home
    if home is None:
        return
    for name in _missing(home.footer):
        yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key=name, url=home.url,
                           description=f"首页未标注{name}", evidence=f"{home.url} 页面中未找到{name}")
    shown = home.footer.site_id_code
    registered = facts.site.site_code
    if shown and shown.lower() != registered.lower():
        yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key="网站标识码不符", url=home.url,
                           description=f"首页标注的网站标识码{shown}与登记的{registered}不一致",
                           evidence=f"网站标识码：{shown}")
