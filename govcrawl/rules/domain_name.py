"""域名不规范 — the site is reached by a bare IP address or by a domain outside .gov.cn (扣分).

A 政府网站 is reached by a domain name, and a government portal's domain ends in .gov.cn (部门 sites sit
under their government's .gov.cn domain). Two addresses are judged: the one the region file
registers and the one the homepage's redirects end at (when its host differs). Each offending host
is one row: a bare IPv4/IPv6 address, or a name that ends with none of the allowed suffixes. The
host is compared without its port; letter case does not matter. A site the crawl did not reach
(no homepage) is not judged, like every site-scope rule.

Fails: the region file registers http://61.136.10.5/ → "网站使用IP地址61.136.10.5访问，未使用域名";
http://www.xuchang.com.cn/ → "网站域名www.xuchang.com.cn不以.gov.cn结尾".
Passes: http://www.xuchang.gov.cn/ (and its redirect to https://www.xuchang.gov.cn/index.html); any
site whose GOVCRAWL_DOMAIN_CHECK is false.

Reads: GOVCRAWL_DOMAIN_SUFFIXES, GOVCRAWL_DOMAIN_CHECK (false: the site's address is not judged).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from govcrawl.crawl.urls import is_ip_address
from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._site import site_finding

ID = "domain_name"
PROBLEM_TYPE = "域名不规范"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_DOMAIN_SUFFIXES", "GOVCRAWL_DOMAIN_CHECK")
ALSO_YIELDS: tuple[str, ...] = ()


def _addresses(facts: SiteFacts) -> dict[str, tuple[str, str]]:
    """host → (how it was reached, the address): the region file's first, each host once."""
    seen = [("区域文件登记地址", facts.site.url)]
    if facts.home is not None and facts.home.final_url:
        seen.append(("首页跳转后的地址", facts.home.final_url))
    hosts: dict[str, tuple[str, str]] = {}
    for how, url in seen:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        if host and host not in hosts:
            hosts[host] = (how, url)
    return hosts


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    if not conf["GOVCRAWL_DOMAIN_CHECK"] or facts.home is None:
        return
    suffixes = tuple(s.lower() for s in conf["GOVCRAWL_DOMAIN_SUFFIXES"])
    for host, (how, url) in _addresses(facts).items():
        if is_ip_address(host):
            description = f"网站使用IP地址{host}访问，未使用域名"
        elif not host.endswith(suffixes):
            description = f"网站域名{host}不以{'或'.join(suffixes)}结尾"
        else:
            continue
        yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key=host, url=url, description=description,
                           evidence=f"{how} {url}")
