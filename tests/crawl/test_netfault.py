"""Network faults are not findings: the canary's verdict and incomplete link checks (govcrawl.crawl.netfault)."""

from __future__ import annotations

from govcrawl.crawl.netfault import NETWORK_FAULT, canary_verdict, incomplete_link_checks, unconfirmed_error

GOV = "https://www.gov.cn/"
HOME = "http://www.xuchang.gov.cn/"


def test_any_public_answer_confirms_the_network() -> None:
    assert canary_verdict([(GOV, False), ("https://www.qq.com/", True)], [(HOME, False)]) == (
        True, "canary answered: https://www.qq.com/")


def test_public_hosts_decide_over_the_region_s_own_servers() -> None:
    # an office network that reaches the region's servers but not the outside world
    assert canary_verdict([(GOV, False)], [(HOME, True)]) == (False, f"canary failed: {GOV}")


def test_without_public_hosts_the_homepages_decide() -> None:
    assert canary_verdict([], [(HOME, True)])[0] is True
    assert canary_verdict([], [(HOME, False)]) == (False, f"canary failed: {HOME}")
    assert canary_verdict([], []) == (True, "no canary configured")


def test_incomplete_link_checks_name_each_site_and_why() -> None:
    down = unconfirmed_error("DNS lookup failed", f"canary failed: {GOV}")
    assert down.startswith(NETWORK_FAULT)
    links = [("A", "unchecked", down), ("A", "unchecked", down), ("A", "broken", "HTTP 404"),
             ("B", "unchecked", "Forbidden by robots.txt"), ("B", "ok", ""), ("C", "broken", "DNS lookup failed")]
    assert incomplete_link_checks(links) == {"A": f"网络故障：2个链接未能确认（canary failed: {GOV}）"}
    assert incomplete_link_checks([]) == {}
