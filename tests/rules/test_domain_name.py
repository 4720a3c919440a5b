from __future__ import annotations

from dataclasses import replace

from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import domain_name
from tests.rules._site import HOME, SITE, check, facts


def at(url: str, final_url: str = "") -> object:
    return facts(site=replace(SITE, url=url), home=replace(HOME, url=url, final_url=final_url or url))


def test_bare_ipv4_and_ipv6_addresses_are_rows() -> None:
    [finding] = check(domain_name, at("http://61.136.10.5/"))
    assert finding.description == "网站使用IP地址61.136.10.5访问，未使用域名"
    assert (finding.category, finding.url, finding.evidence) == (DEDUCTION, "http://61.136.10.5/",
                                                                 "区域文件登记地址 http://61.136.10.5/")
    [v6] = check(domain_name, at("http://[2001:db8::5]:8080/"))
    assert v6.key == "2001:db8::5"


def test_domain_outside_gov_cn_is_a_row() -> None:
    [finding] = check(domain_name, at("http://www.xuchang.com.cn/"))
    assert finding.description == "网站域名www.xuchang.com.cn不以.gov.cn结尾"


def test_the_redirect_target_is_judged_too() -> None:
    [finding] = check(domain_name, at("http://www.xuchang.gov.cn/", "http://10.20.30.40/index.html"))
    assert finding.key == "10.20.30.40" and finding.evidence.startswith("首页跳转后的地址")
    assert check(domain_name, at("http://WWW.Xuchang.gov.cn./", "https://www.xuchang.gov.cn/index.html")) == []


def test_suffixes_and_the_switch_are_settings() -> None:
    assert check(domain_name, at("http://www.xuchang.gov.cn/")) == []
    assert check(domain_name, at("http://www.gov.hk/"), domain_suffixes=[".gov.cn", ".gov.hk"]) == []
    assert check(domain_name, at("http://61.136.10.5/"), domain_check=False) == []
    # a name merely containing gov.cn does not pass
    assert check(domain_name, at("http://xuchang.gov.cn.example.com/"))


def test_a_site_not_reached_is_not_judged() -> None:
    assert check(domain_name, facts(site=replace(SITE, url="http://61.136.10.5/"), home=None)) == []
