"""End to end: 未支持IPv6 and 未启用HTTPS through a crawl, the annex, and ``scrapy annex`` again.

Four sites under ``.test`` names (tests/transport_servers.py resolves them, for Scrapy and for the
check, to 127.0.1.122–127 and ::1; nothing else is asked of any resolver), fixture trees served over
IPv4, TLS on the HTTPS port with certificates of a CA made now (the crawl trusts it through
GOVCRAWL_CA_BUNDLE, nothing else does):

- www.ok.test: AAAA ::1 answering, a valid certificate → no row;
- www.expired.test: no AAAA, an expired certificate → both rows;
- www.plain.test: no AAAA, nothing listening for HTTPS → both rows;
- www.v6dead.test: AAAA ::1 with nothing listening on its port, a certificate expiring in 10 days →
  the IPv6 row and the warning row.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme
from openpyxl import load_workbook

from govcrawl.devtools.devserver import SiteServer
from tests.conftest import QUICK, REPO, SCRAPY, SITES_DIR, run_spider
from tests.e2e._precision import Expected, annex_rows, checked_types, match, render, tally
from tests.transport_servers import DEAD_PORT, HTTP_PORT, HTTPS_PORT, NAMES, V6, HomeServer

AS_OF = "2026-11-20"
FAST = (*QUICK, "GOVCRAWL_MAX_PAGES=8", "DNS_RESOLVER=tests.transport_servers.StubDNSResolver",
        "GOVCRAWL_TRANSPORT_RESOLVER=tests.transport_servers:resolve", f"GOVCRAWL_HTTPS_PORT={HTTPS_PORT}",
        "GOVCRAWL_TRANSPORT_TIMEOUT=5")
#: site code → (name, fixture tree, HTTP port)
SITES = {"4110230122": ("www.ok.test", "clean_div", HTTP_PORT),
         "4110230123": ("www.expired.test", "hanweb_div", HTTP_PORT),
         "4110230126": ("www.plain.test", "trs_table", HTTP_PORT),
         "4110230127": ("www.v6dead.test", "clean_div", DEAD_PORT)}
OK, EXPIRED, PLAIN, DEAD = SITES
TYPES = ("未支持IPv6", "未启用HTTPS")
#: the ground truth, read off the servers above as an inspector would see them
TRUTH = (Expected(EXPIRED, "未支持IPv6", "/", "未配置IPv6地址", "no AAAA record", ""),
         Expected(EXPIRED, "未启用HTTPS", "/", "过期", "the certificate expired 3 days ago", ""),
         Expected(PLAIN, "未支持IPv6", "/", "未配置IPv6地址", "no AAAA record", ""),
         Expected(PLAIN, "未启用HTTPS", "/", "连接被拒绝", "nothing listens on the HTTPS port", ""),
         Expected(DEAD, "未支持IPv6", "/", "通过IPv6无法访问首页", "AAAA ::1, nothing listening there", ""),
         Expected(DEAD, "未启用HTTPS", "/", "到期", "the certificate expires in 10 days (warning row)", ""))


def _region(path: Path) -> Path:
    entries = "".join(f'\n[[sites]]\nname = "{name}"\nurl = "http://{name}:{port}/"\nsite_code = "{code}"\n'
                      f'owner = "{name}主办单位"\n' for code, (name, _tree, port) in SITES.items())
    path.write_text('[region]\ncode = "transport"\nname = "传输测试市"\n' + entries
                    + '\n[thresholds]\ndomain_suffixes = [".test"]\n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, tuple[str, ...]]]:
    out = tmp_path_factory.mktemp("transport")
    ca, now = trustme.CA(), datetime.now()
    certs = {OK: ca.issue_cert("www.ok.test", not_after=now + timedelta(days=365)),
             EXPIRED: ca.issue_cert("www.expired.test", not_before=now - timedelta(days=90),
                                    not_after=now - timedelta(days=3)),
             DEAD: ca.issue_cert("www.v6dead.test", not_after=now + timedelta(days=10))}
    bundle = out / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    servers: list[Any] = [HomeServer(V6, HTTP_PORT).start()]
    for code, (name, tree, port) in SITES.items():
        address = NAMES[name][0][0]
        servers.append(SiteServer(SITES_DIR / tree, address, port).start())
        if code in certs:
            servers.append(HomeServer(address, HTTPS_PORT, certs[code]).start())
    region = _region(out / "transport.toml")
    settings = (*FAST, f"GOVCRAWL_CA_BUNDLE={bundle}")
    try:
        result = run_spider("gov", region, AS_OF, out, *settings)
        assert result.returncode == 0
        yield out, region, settings
    finally:
        for server in servers:
            server.stop()


def _rows(out: Path) -> set[tuple[str, str, str]]:
    book = load_workbook(out / "transport" / f"附件1-传输测试市政府网站问题情况-{AS_OF}.xlsx")
    return {(r[3], r[6], r[7]) for r in book["附件1"].iter_rows(min_row=2, values_only=True)
            if r[6] in ("未支持IPv6", "未启用HTTPS")}


def test_the_annex_has_the_transport_rows_of_the_failing_sites_only(
        crawled: tuple[Path, Path, tuple[str, ...]]) -> None:
    out, _region_file, _settings = crawled
    rows = _rows(out)
    expired = (datetime.now() - timedelta(days=3)).date()
    soon = (datetime.now() + timedelta(days=10)).date()
    dead_description = [r[2] for r in rows if r[:2] == (DEAD, "未启用HTTPS")]
    assert rows == {
        (EXPIRED, "未支持IPv6", "网站域名www.expired.test未配置IPv6地址（AAAA记录）"),
        (EXPIRED, "未启用HTTPS", f"网站HTTPS证书已于{expired:%Y-%m-%d}过期"),
        (PLAIN, "未支持IPv6", "网站域名www.plain.test未配置IPv6地址（AAAA记录）"),
        (PLAIN, "未启用HTTPS",
         f"网站未启用HTTPS（https://www.plain.test:{HTTPS_PORT}/ 127.0.1.126:{HTTPS_PORT} 连接被拒绝）"),
        (DEAD, "未支持IPv6", "网站域名www.v6dead.test有IPv6地址但通过IPv6无法访问首页"),
        *((DEAD, "未启用HTTPS", d) for d in dead_description),
    }
    # 10 days at the certificate's making; the run's day may be the next one by now
    assert len(dead_description) == 1 and dead_description[0].startswith(f"网站HTTPS证书将于{soon:%Y-%m-%d}到期（剩余")


def test_precision_and_recall_of_the_transport_types(crawled: tuple[Path, Path, tuple[str, ...]]) -> None:
    """The precision table of tests/e2e/test_precision.py, for the two types its bare-IP region
    cannot show (a bare address is never checked): every row true, every problem found."""
    out, _region_file, _settings = crawled
    rows = [r for r in annex_rows(out / "transport" / f"附件1-传输测试市政府网站问题情况-{AS_OF}.xlsx")
            if r.type in TYPES]
    pairs, false_rows = match(rows, TRUTH)
    tallies = [t for t in tally(pairs, false_rows, TRUTH) if t.type in TYPES]
    table = render(tallies, checked_types())
    print(f"\n附件1 of the transport region against its ground truth\n{table}")
    assert [(t.type, t.precision, t.recall) for t in tallies] == [(kind, 1.0, 1.0) for kind in TYPES], table
    assert not [r for r in rows if r.site == OK], table


def test_scrapy_annex_judges_the_stored_facts_alike(crawled: tuple[Path, Path, tuple[str, ...]]) -> None:
    out, region, _settings = crawled
    before = _rows(out)
    done = subprocess.run([str(SCRAPY), "annex", "-a", f"region={region}", "-a", f"as_of={AS_OF}",
                           "-s", f"OUTPUT_DIR={out}"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert _rows(out) == before and len(before) == 6
