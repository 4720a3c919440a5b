"""找错入口缺失 — the homepage lacks the 我为政府网站找错 entry for this site (扣分).

Every government site must link, from its homepage, the national 我为政府网站找错 page with its own
网站标识码 in the link: the text or image link ``…/exposure/jiucuo.html?site_code=CODE``, the official
``<script id="_jiucuo_" sitecode="CODE">`` or the badge it draws (``Link('CODE')``). The link is read,
never followed. No entry at all is a row; entries that all carry another site's code are a row naming
the codes found. A homepage govcrawl did not fetch is not judged.

Fails: a footer with the ICP and 公安 numbers and no 找错 badge → "首页未提供“我为政府网站找错”入口";
a badge with sitecode="4110000002" on site 4110000001.
Passes: ``<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4110000001">``, or the
official script with sitecode="4110000001".

Reads: nothing (the registered code is the site's site_code).
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._site import site_finding

ID = "jiucuo_entry"
PROBLEM_TYPE = "找错入口缺失"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ()
ALSO_YIELDS: tuple[str, ...] = ()


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    home = facts.home
    if home is None:
        return
    codes = home.footer.jiucuo_codes
    registered = facts.site.site_code.lower()
    if not codes:
        yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key="缺失", url=home.url,
                           description="首页未提供“我为政府网站找错”入口",
                           evidence=f"{home.url} 页面中未找到指向全国政府网站找错平台的链接")
    elif registered not in (code.lower() for code in codes):
        shown = "、".join(codes)
        yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key="标识码不符", url=home.url,
                           description=f"首页“我为政府网站找错”入口的网站标识码{shown}不是本网站的{facts.site.site_code}",
                           evidence=f"找错入口 site_code={shown}")
