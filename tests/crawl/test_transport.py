"""crawl/transport.py against loopback servers: a test CA made now, names from the stub resolver.

Starts servers (127.0.1.122–128 on the HTTPS port, ::1 on the HTTP port): run under the tests lock.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
import trustme

from govcrawl.config import ConfigError, setting_defaults
from govcrawl.crawl.transport import TransportConfig, check_transport, system_resolver
from govcrawl.model.facts import TransportFacts
from tests.transport_servers import DEAD_PORT, HTTP_PORT, HTTPS_PORT, NAMES, V6, HomeServer, resolve


def _now() -> datetime:
    return datetime.now()


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TransportConfig]:
    ca, stranger = trustme.CA(), trustme.CA()
    certs = {
        "www.ok.test": ca.issue_cert("www.ok.test", not_after=_now() + timedelta(days=365)),
        "www.expired.test": ca.issue_cert("www.expired.test", not_before=_now() - timedelta(days=90),
                                          not_after=_now() - timedelta(days=2)),
        "www.wrongname.test": ca.issue_cert("other.test"),
        "www.soon.test": ca.issue_cert("www.soon.test", not_after=_now() + timedelta(days=10)),
        "www.v6dead.test": ca.issue_cert("www.v6dead.test"),
        "www.untrusted.test": stranger.issue_cert("www.untrusted.test"),
    }
    servers = [HomeServer(NAMES[name][0][0], HTTPS_PORT, cert).start() for name, cert in certs.items()]
    servers.append(HomeServer(V6, HTTP_PORT).start())
    bundle = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    settings = {**setting_defaults(), "GOVCRAWL_CA_BUNDLE": str(bundle), "GOVCRAWL_HTTPS_PORT": HTTPS_PORT,
                "GOVCRAWL_TRANSPORT_TIMEOUT": 5, "GOVCRAWL_TRANSPORT_RESOLVER": "tests.transport_servers:resolve"}
    try:
        yield TransportConfig.from_settings(settings)
    finally:
        for server in servers:
            server.stop()


def at(name: str, config: TransportConfig, port: int = HTTP_PORT) -> TransportFacts:
    return check_transport(f"http://{name}:{port}/", config)


def test_ipv6_and_a_valid_certificate(config: TransportConfig) -> None:
    seen = at("www.ok.test", config)
    assert (seen.host, seen.aaaa, seen.ipv6_status, seen.ipv6_unknown) == ("www.ok.test", (V6,), 200, False)
    assert seen.ipv6_url == f"http://[::1]:{HTTP_PORT}/"
    assert (seen.cert_problem, seen.https_status, seen.cert_names) == ("", 200, ("www.ok.test",))
    assert seen.https_url == f"https://www.ok.test:{HTTPS_PORT}/"
    assert seen.cert_expires is not None and seen.cert_expires > _now() + timedelta(days=360)


def test_no_aaaa_record(config: TransportConfig) -> None:
    seen = at("www.soon.test", config)
    assert (seen.aaaa, seen.ipv6_url, seen.ipv6_status, seen.ipv6_unknown) == ((), "", None, False)


def test_an_aaaa_record_nobody_answers_on(config: TransportConfig) -> None:
    seen = at("www.v6dead.test", config, DEAD_PORT)
    assert (seen.aaaa, seen.ipv6_status, seen.ipv6_error, seen.ipv6_unknown) == ((V6,), None, "连接被拒绝", False)
    assert seen.cert_problem == ""  # its HTTPS is fine


def test_an_expired_certificate(config: TransportConfig) -> None:
    seen = at("www.expired.test", config)
    assert seen.cert_problem == "expired" and "certificate has expired" in seen.https_error
    assert seen.cert_names == ("www.expired.test",) and seen.https_status is None
    assert seen.cert_expires is not None and seen.cert_expires < _now()


def test_a_certificate_for_another_name(config: TransportConfig) -> None:
    seen = at("www.wrongname.test", config)
    assert (seen.cert_problem, seen.cert_names) == ("name", ("other.test",))
    assert "www.wrongname.test" in seen.https_error


def test_a_certificate_expiring_soon_verifies(config: TransportConfig) -> None:
    seen = at("www.soon.test", config)
    assert (seen.cert_problem, seen.https_status) == ("", 200)
    assert seen.cert_expires is not None and timedelta(days=9) < seen.cert_expires - _now() < timedelta(days=11)


def test_an_issuer_outside_the_bundle(config: TransportConfig) -> None:
    seen = at("www.untrusted.test", config)
    assert seen.cert_problem == "untrusted" and seen.cert_names == ("www.untrusted.test",)


def test_no_https_listener(config: TransportConfig) -> None:
    seen = at("www.plain.test", config)
    assert (seen.cert_problem, seen.https_status, seen.cert_names) == ("none", None, ())
    assert seen.https_error == f"127.0.1.126:{HTTPS_PORT} 连接被拒绝"


def test_an_https_address_is_tried_on_its_own_port(config: TransportConfig) -> None:
    seen = check_transport(f"https://www.ok.test:{HTTPS_PORT}/index.html", config)
    assert seen.https_url == f"https://www.ok.test:{HTTPS_PORT}/index.html" and seen.cert_problem == ""
    assert seen.ipv6_url == f"https://[::1]:{HTTPS_PORT}/index.html" and seen.ipv6_status is None  # no TLS on ::1


def test_a_lookup_that_cannot_tell_is_unknown(config: TransportConfig) -> None:
    def failing(host: str, family: int) -> list[str]:
        if family == socket.AF_INET6:
            raise socket.gaierror(socket.EAI_AGAIN, "temporary failure")
        return resolve(host, family)

    seen = check_transport(f"http://www.ok.test:{HTTP_PORT}/", TransportConfig(
        config.ca_bundle, config.https_port, config.timeout, config.user_agent, failing))
    assert seen.ipv6_unknown and seen.aaaa == () and seen.ipv6_error.startswith("AAAA查询失败")
    assert seen.cert_problem == ""


def test_a_host_that_cannot_be_looked_up_is_not_tried(config: TransportConfig) -> None:
    def failing(host: str, family: int) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "temporary failure")

    seen = check_transport(f"http://www.plain.test:{HTTP_PORT}/", TransportConfig(
        config.ca_bundle, config.https_port, config.timeout, config.user_agent, failing))
    assert (seen.ipv6_unknown, seen.cert_problem, seen.https_error) == (True, "unknown", "域名解析失败")


def test_the_system_resolver_and_the_setting() -> None:
    assert system_resolver("localhost", socket.AF_INET) == ["127.0.0.1"]  # /etc/hosts, no network
    assert system_resolver("127.0.1.5", socket.AF_INET6) == []  # an IPv4 literal has no IPv6 address
    with pytest.raises(ConfigError, match="GOVCRAWL_TRANSPORT_RESOLVER"):
        TransportConfig.from_settings({**setting_defaults(), "GOVCRAWL_TRANSPORT_RESOLVER": "tests.nowhere:f"})
