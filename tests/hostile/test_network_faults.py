"""Network faults are not findings (issue 12, item 2): one site whose links fail by DNS and refused
connections, crawled with a network that works and again with a resolver outage.

With the network confirmed (the canary: the region's homepages answered), the dead name and the
refused address are 不可用链接 rows as before, and a link whose first fetches failed (a resolver that
comes back) is checked again at the end and found working. With the canary failing, the same links
are stored ``unchecked`` with the reason, no 不可用链接 row rests on them, the crawl summary and the
检查结果 sheet say the link check is incomplete, and each failure is one WARNING line, no traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from govcrawl.annex.summary import crawl_summary
from govcrawl.config import CrawlConfig
from govcrawl.devtools.devserver import SiteServer
from govcrawl.storage.engine import engine_for
from tests.hostile._crawl import HERE, Stored, by_site, crawl, resolver_hosts

SITE = "4110239155"
HOME = "http://127.0.1.155:8741/"
PORTAL = "http://portal.example.test:8741/"
REFUSED = "http://127.0.1.157:8741/old.html"
FLAKY = "http://flaky.example.test:8741/news.html"
#: flaky.example.test fails its first four lookups (robots.txt and the page, each with its retry), then resolves
HOSTS = "flaky.example.test=127.0.1.155@4"
DOWN_CANARY = "GOVCRAWL_CANARY_URLS=http://canary.example.test:8741/"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Stored]]:
    with SiteServer(HERE / "sites" / "netfault", "127.0.1.155", 8741), resolver_hosts(HOSTS):
        up = crawl(HERE / "netfault.toml", "netfault", tmp_path_factory.mktemp("up"))
        down = crawl(HERE / "netfault.toml", "netfault", tmp_path_factory.mktemp("down"), DOWN_CANARY)
    yield {"up": up, "down": down}


def broken_rows(run: Stored) -> set[str]:
    return {f.key for f in run.findings if f.subject == SITE and f.problem_type == "不可用链接"}


def test_with_the_network_confirmed_dead_links_are_findings(runs: dict[str, Stored]) -> None:
    up = runs["up"]
    assert up.returncode == 0, up.log[-3000:]
    links = by_site(up.links, SITE)
    assert (links[PORTAL].verdict, links[PORTAL].error) == ("broken", "DNS lookup failed")
    assert (links[REFUSED].verdict, links[REFUSED].error) == ("broken", "connection refused")
    assert broken_rows(up) == {PORTAL, REFUSED}


def test_a_link_that_failed_early_is_checked_again_at_the_end(runs: dict[str, Stored]) -> None:
    for run in runs.values():
        flaky = by_site(run.links, SITE)[FLAKY]
        assert (flaky.verdict, flaky.method) == ("ok", "HEAD"), flaky.error
        assert flaky.error == "checked again at the end; first: DNS lookup failed"
        assert f"page {FLAKY}: DNS lookup failed (held until the network is confirmed)" in run.log


def test_without_the_network_nothing_is_reported_on_that_evidence(runs: dict[str, Stored]) -> None:
    down = runs["down"]
    assert down.returncode == 3, down.log[-3000:]  # the annex is written, and names the incomplete check
    links = by_site(down.links, SITE)
    for url, error in ((PORTAL, "DNS lookup failed"), (REFUSED, "connection refused")):
        assert links[url].verdict == "unchecked"
        assert links[url].error == f"network fault (canary failed: http://canary.example.test:8741/): {error}"
    assert broken_rows(down) == set()
    assert links[HOME].verdict == "ok"


def test_the_summary_and_the_annex_say_the_link_check_is_incomplete(runs: dict[str, Stored]) -> None:
    down, up = runs["down"], runs["up"]
    for run, incomplete in ((down, True), (up, False)):
        engine = engine_for(CrawlConfig.from_settings({"OUTPUT_DIR": str(run.output)}), "netfault")
        summary = crawl_summary(engine, run.run.id)
        engine.dispose()
        assert ("链接检查未完成：网络故障：2个链接未能确认" in summary) is incomplete, summary
        [annex] = list(Path(run.output, "netfault").glob("*附件1*.xlsx"))
        rows = [[str(c.value) for c in row if c.value] for row in load_workbook(annex)["检查结果"].iter_rows()]
        [site_row] = [row for row in rows if "网络故障测试网站" in row]
        assert ("检查未完成" in site_row) is incomplete, site_row
        assert any("链接检查未完成，网络故障：2个链接未能确认" in cell for cell in site_row) is incomplete, site_row


def test_expected_network_failures_are_one_warning_line_each(runs: dict[str, Stored]) -> None:
    for run in runs.values():
        assert "Traceback" not in run.log
        robots = [line for line in run.log.splitlines()
                  if "portal.example.test:8741/robots.txt" in line and " DEBUG: " not in line]
        assert robots and all(" WARNING: " in line for line in robots), robots
        assert not [line for line in run.log.splitlines() if " ERROR: " in line]
