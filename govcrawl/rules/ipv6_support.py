"""未支持IPv6 — the homepage host has no AAAA record, or does not answer over IPv6 (扣分).

Sites must be reachable over IPv6 (IPv6 规模部署 for 政府网站): the host of the region file's homepage
address needs an AAAA record, and the homepage fetched over that IPv6 address must answer with an HTTP
status below 400. Checked once per site by crawl/transport.py against that one host (never per page;
links to other hosts are not judged). A bare-IP address is not checked (域名不规范 covers it); neither
is a check that could not tell (an AAAA lookup that timed out, a checking machine without an IPv6
route), nor a site the crawl did not reach.

Fails: www.xuchang.gov.cn has no AAAA record → "网站域名www.xuchang.gov.cn未配置IPv6地址（AAAA记录）";
an AAAA record 2001:db8::5 whose address refuses the connection → "…有IPv6地址但通过IPv6无法访问首页".
Passes: an AAAA record and the homepage answering 200 (or a redirect) over it; any site whose
GOVCRAWL_TRANSPORT_CHECK is false.

Reads: GOVCRAWL_TRANSPORT_CHECK (false: the site's transport is not judged).
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._site import site_finding

ID = "ipv6_support"
PROBLEM_TYPE = "未支持IPv6"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_TRANSPORT_CHECK",)
ALSO_YIELDS: tuple[str, ...] = ()


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    seen = facts.transport
    if not conf["GOVCRAWL_TRANSPORT_CHECK"] or facts.home is None or seen is None or seen.ipv6_unknown:
        return
    if not seen.aaaa:
        description = f"网站域名{seen.host}未配置IPv6地址（AAAA记录）"
        evidence = f"查询{seen.host}的AAAA记录：无"
    elif seen.ipv6_status is None or seen.ipv6_status >= 400:
        description = f"网站域名{seen.host}有IPv6地址但通过IPv6无法访问首页"
        answer = seen.ipv6_error if seen.ipv6_status is None else f"HTTP {seen.ipv6_status}"
        evidence = f"AAAA记录 {'、'.join(seen.aaaa)}；通过IPv6请求 {seen.ipv6_url}：{answer or '无HTTP应答'}"
    else:
        return
    yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key=seen.host, url=facts.site.url,
                       description=description, evidence=evidence)
