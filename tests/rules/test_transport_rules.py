"""未支持IPv6 and 未启用HTTPS over TransportFacts built in code: every case the check can report."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from govcrawl.model.facts import TransportFacts
from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import https_enabled, ipv6_support
from tests.rules._site import check, facts

HOST = "www.xuchang.gov.cn"
GOOD = TransportFacts(host=HOST, aaaa=("2001:db8::5",), ipv6_url="http://[2001:db8::5]:80/",
                      ipv6_status=200, ipv6_error="", https_url=f"https://{HOST}/", cert_problem="",
                      https_status=200, https_error="", cert_names=(HOST,),
                      cert_expires=datetime(2027, 6, 30, 12, 0))  # the run looks on 2026-09-30


def seen(**fields: object) -> object:
    return facts(transport=replace(GOOD, **fields))


def test_a_site_with_ipv6_and_a_valid_certificate_passes() -> None:
    assert check(ipv6_support, seen()) == [] and check(https_enabled, seen()) == []
    assert check(ipv6_support, seen(ipv6_status=301)) == []  # a redirect answers


def test_no_aaaa_record_is_a_row() -> None:
    [row] = check(ipv6_support, seen(aaaa=(), ipv6_url="", ipv6_status=None))
    assert (row.problem_type, row.category, row.key) == ("未支持IPv6", DEDUCTION, HOST)
    assert row.description == f"网站域名{HOST}未配置IPv6地址（AAAA记录）"
    assert row.evidence == f"查询{HOST}的AAAA记录：无"


def test_an_aaaa_record_that_does_not_answer_is_a_row() -> None:
    [row] = check(ipv6_support, seen(ipv6_status=None, ipv6_error="连接被拒绝"))
    assert row.description == f"网站域名{HOST}有IPv6地址但通过IPv6无法访问首页"
    assert row.evidence == "AAAA记录 2001:db8::5；通过IPv6请求 http://[2001:db8::5]:80/：连接被拒绝"
    [error] = check(ipv6_support, seen(ipv6_status=502))
    assert error.evidence.endswith("HTTP 502")


def test_what_could_not_be_told_is_not_judged() -> None:
    assert check(ipv6_support, seen(aaaa=(), ipv6_unknown=True, ipv6_error="AAAA查询失败: timeout")) == []
    assert check(ipv6_support, seen(ipv6_status=None, ipv6_unknown=True)) == []
    assert check(https_enabled, seen(cert_problem="unknown", https_status=None, https_error="域名解析失败")) == []


def test_no_https_listener_is_a_row() -> None:
    [row] = check(https_enabled, seen(cert_problem="none", https_status=None, https_error="127.0.1.5:443 连接被拒绝",
                                      cert_names=(), cert_expires=None))
    assert (row.problem_type, row.category, row.url) == ("未启用HTTPS", DEDUCTION, f"https://{HOST}/")
    assert row.description == f"网站未启用HTTPS（https://{HOST}/ 127.0.1.5:443 连接被拒绝）"


def test_an_expired_certificate_is_a_row_with_its_date() -> None:
    [row] = check(https_enabled, seen(cert_problem="expired", https_status=None, cert_expires=datetime(2026, 8, 1),
                                      https_error="证书验证失败: certificate has expired"))
    assert row.description == "网站HTTPS证书已于2026-08-01过期"
    assert row.evidence == (f"以TLS连接 https://{HOST}/：证书验证失败: certificate has expired；"
                            f"证书域名：{HOST}，有效期至2026-08-01")


def test_a_certificate_for_another_name_is_a_row() -> None:
    [row] = check(https_enabled, seen(cert_problem="name", https_status=None, cert_names=("other.gov.cn",),
                                      https_error="证书验证失败: Hostname mismatch"))
    assert row.description == f"网站HTTPS证书不适用于域名{HOST}"
    assert "证书域名：other.gov.cn" in row.evidence


def test_an_untrusted_certificate_is_a_row() -> None:
    [row] = check(https_enabled, seen(cert_problem="untrusted", https_status=None,
                                      https_error="证书验证失败: self-signed certificate"))
    assert row.description == "网站HTTPS证书无法验证" and "self-signed" in row.evidence


def test_a_homepage_failing_over_https_is_a_row() -> None:
    [row] = check(https_enabled, seen(https_status=404))
    assert row.description == "通过HTTPS访问首页未获正常响应（HTTP 404）"


def test_a_certificate_expiring_within_the_warning_days_is_a_warning_row() -> None:
    soon = seen(cert_expires=datetime(2026, 10, 10, 8, 0))
    [row] = check(https_enabled, soon)
    assert row.description == "网站HTTPS证书将于2026-10-10到期（剩余10天），即将过期"
    assert row.category == DEDUCTION
    assert check(https_enabled, soon, cert_warn_days=7) == []
    assert check(https_enabled, seen(cert_expires=datetime(2026, 10, 31))) == []  # 31 days left


def test_the_switch_and_an_unreached_or_unchecked_site() -> None:
    bad = seen(aaaa=(), cert_problem="none", https_status=None)
    assert check(ipv6_support, bad, transport_check=False) == []
    assert check(https_enabled, bad, transport_check=False) == []
    assert check(ipv6_support, replace(bad, home=None)) == [] and check(https_enabled, replace(bad, home=None)) == []
    assert check(ipv6_support, facts()) == [] and check(https_enabled, facts()) == []
