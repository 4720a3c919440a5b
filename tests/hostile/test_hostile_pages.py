"""Hostile pages (issue 12, item 3): one crawl over a server for each case plus a well-behaved site.

Each case has its own loopback address (region.toml; servers.py, sites/). For each: the crawl
finishes (small DOWNLOAD_TIMEOUT/DOWNLOAD_MAXSIZE, so a case costs seconds), the page or link is
recorded with its reason, what is stored stays bounded (pages, links and text sizes, not timings),
and the well-behaved site (the gbk_table fixture) has the same annex rows as when crawled alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from govcrawl import settings as defaults
from govcrawl.devtools.devserver import SiteServer
from tests.conftest import SITES_DIR
from tests.hostile._crawl import HERE, Stored, by_site, crawl, resolver_hosts, rows
from tests.hostile.servers import LINE_BYTES, LINKS, BehaviourServer, wait_port

MAXSIZE = 4 * 1024 * 1024
STATIC = {"malformed": "127.0.1.141", "redirects": "127.0.1.142", "calendar": "127.0.1.143",
          "charsets": "127.0.1.144", "long_url": "127.0.1.145", "private": "127.0.1.146"}
BEHAVIOUR = {"huge": "127.0.1.147", "bomb": "127.0.1.148", "many_links": "127.0.1.149", "long_line": "127.0.1.150",
             "binary": "127.0.1.151", "endless_list": "127.0.1.152", "hang": "127.0.1.153", "trickle": "127.0.1.154",
             "recorder": "::1"}
NORMAL = "4110230001"
CODES = {case: f"41102391{i:02d}" for i, case in enumerate(
    ["normal", *STATIC, *[c for c in BEHAVIOUR if c != "recorder"]])}


def url(case: str, path: str = "/") -> str:
    host = {**STATIC, **BEHAVIOUR}[case]
    return f"http://{host}:8741{path}"


class Hostile:
    def __init__(self, crawl: Stored, alone: Stored, servers: dict[str, BehaviourServer],
                 static: dict[str, SiteServer]) -> None:
        self.crawl, self.alone, self.servers, self.static = crawl, alone, servers, static

    def link(self, case: str, path: str) -> tuple[str, str]:
        found = by_site(self.crawl.links, CODES[case])[url(case, path)]
        return found.verdict, found.error

    def pages(self, case: str) -> list[str]:
        return [p for p, page in self.crawl.pages.items() if page.site == CODES[case]]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    static = {case: SiteServer(HERE / "sites" / case, host, 8741).start() for case, host in STATIC.items()}
    static["normal"] = SiteServer(SITES_DIR / "gbk_table", "127.0.1.140", 8741).start()
    servers = {case: BehaviourServer(case, host).start() for case, host in BEHAVIOUR.items()}
    try:
        for host in BEHAVIOUR.values():
            wait_port(host)
        limits = (f"DOWNLOAD_MAXSIZE={MAXSIZE}", f"DOWNLOAD_WARNSIZE={MAXSIZE // 2}")
        with resolver_hosts(""):
            alone = crawl(HERE / "normal.toml", "hostile", tmp_path_factory.mktemp("alone"), *limits)
            static["normal"].reset()
            everything = crawl(HERE / "region.toml", "hostile", tmp_path_factory.mktemp("all"), *limits,
                               timeout=300)
        yield Hostile(everything, alone, servers, static)
    finally:
        for server in [*servers.values(), *static.values()]:
            server.stop()


def test_the_crawl_finishes_without_a_traceback(hostile: Hostile) -> None:
    assert hostile.crawl.returncode == 0, hostile.crawl.log[-3000:]
    assert hostile.crawl.run.status == "finished"
    assert "Traceback" not in hostile.crawl.log


def test_the_well_behaved_site_has_the_same_rows_as_alone(hostile: Hostile) -> None:
    alone = rows(hostile.alone.findings, NORMAL)
    assert alone  # gbk_table has planted problems: the comparison means something
    assert rows(hostile.crawl.findings, NORMAL) == alone
    assert {p for p, page in hostile.crawl.pages.items() if page.site == NORMAL} == set(hostile.alone.pages)


def test_malformed_and_truncated_pages_are_read(hostile: Hostile) -> None:
    pages = hostile.crawl.pages
    assert pages[url("malformed", "/broken.html")].title == "畸形页面"
    assert url("malformed", "/truncated.html") in pages
    assert url("malformed", "/ok.html") in pages  # a link inside the broken markup is followed


def test_a_body_cut_short_is_recorded(hostile: Hostile) -> None:
    verdict, error = hostile.link("huge", "/cut.html")
    # cut short; or, on a loaded machine, not answered within the timeout while the huge and endless bodies
    # stream, held as a possible network fault and checked again at the end: recorded either way
    assert (verdict == "suspected" and error) or error.startswith("checked again at the end; first: timeout"), error
    assert url("huge", "/cut.html") not in hostile.crawl.pages


def test_a_100_mb_body_is_cut_at_download_maxsize(hostile: Hostile) -> None:
    assert hostile.link("huge", "/huge.html") == ("ok", "larger than DOWNLOAD_MAXSIZE")
    assert url("huge", "/huge.html") not in hostile.crawl.pages


def test_an_endless_body_is_cut_by_size_or_time(hostile: Hostile) -> None:
    verdict, error = hostile.link("huge", "/endless.html")  # which limit comes first depends on the machine
    assert verdict != "broken" and ("DOWNLOAD_MAXSIZE" in error or "timeout" in error), error
    assert url("huge", "/endless.html") not in hostile.crawl.pages


def test_a_gzip_bomb_is_not_inflated_past_download_maxsize(hostile: Hostile) -> None:
    assert hostile.link("bomb", "/bomb.html") == ("ok", "larger than DOWNLOAD_MAXSIZE once decompressed")
    assert url("bomb", "/bomb.html") not in hostile.crawl.pages


@pytest.mark.parametrize("path", ["/loop/a", "/hop/1"])
def test_redirect_loops_and_long_chains_are_suspected_never_broken(hostile: Hostile, path: str) -> None:
    verdict, error = hostile.link("redirects", path)
    assert verdict == "suspected" and "redirect" in error
    hops = [p for _, p in hostile.static["redirects"].stats.requests if p.startswith(path.rsplit("/", 1)[0])]
    assert len(hops) <= 3 * (defaults.REDIRECT_MAX_TIMES + 1)  # each attempt stops at REDIRECT_MAX_TIMES


def test_an_endless_calendar_stops(hostile: Hostile) -> None:
    months = [p for p in hostile.pages("calendar") if "/calendar?" in p]
    assert 1 <= len(months) <= defaults.GOVCRAWL_MAX_QUERY_VARIANTS


def test_an_endless_page_list_stops(hostile: Hostile) -> None:
    lists = [p for p in hostile.pages("endless_list") if "/list?" in p]
    assert 1 <= len(lists) <= defaults.GOVCRAWL_MAX_QUERY_VARIANTS


def test_50000_links_are_read_up_to_the_cap(hostile: Hostile) -> None:
    home = hostile.crawl.pages[url("many_links")]
    assert len(home.facts["links"]) == 300 < LINKS and home.facts["links_capped"] == 300
    assert sum(1 for s in hostile.crawl.seen if s.page_url == url("many_links")) == 300
    assert len(by_site(hostile.crawl.links, CODES["many_links"])) <= 301
    assert len(hostile.pages("many_links")) <= 40  # the site's max_pages
    assert len(hostile.servers["many_links"].requests) <= 310


def test_a_2_mb_line_is_read_and_stays_bounded(hostile: Hostile) -> None:
    page = hostile.crawl.pages[url("long_line", "/line.html")]
    assert page.title == "单行页面"
    assert "政务公开工作动态" in page.facts["text"][:100]
    assert len(page.facts["text"]) <= LINE_BYTES


def test_binary_served_as_html_is_not_read_as_a_page(hostile: Hostile) -> None:
    assert hostile.link("binary", "/image.html") == ("ok", "binary content served as HTML, not read")
    assert url("binary", "/image.html") not in hostile.crawl.pages


@pytest.mark.parametrize(("path", "title"), [
    ("/utf8-label-gbk.html", "安全生产工作通知"), ("/no-charset-gbk.html", "冬季防火工作通知"),
    ("/bogus-label.html", "政务公开工作要点"), ("/gbk-label-utf8.html", "人事任免公示")])
def test_wrong_and_missing_charsets_are_decoded(hostile: Hostile, path: str, title: str) -> None:
    assert hostile.crawl.pages[url("charsets", path)].title == title


def test_a_10000_character_address_is_never_requested(hostile: Hostile) -> None:
    verdict, error = hostile.link("long_url", "/search?q=" + "a" * 10_000)
    assert verdict == "unchecked" and "longer than 2048" in error
    assert all(len(p) < 2048 for _, p in hostile.static["long_url"].stats.requests)
    assert url("long_url", "/short.html") in hostile.crawl.pages


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
                                    "http://192.168.1.1/admin", "http://[::1]:8741/secret"])
def test_private_addresses_are_never_requested(hostile: Hostile, target: str) -> None:
    link = by_site(hostile.crawl.links, CODES["private"])[target]
    assert link.verdict == "unchecked" and "private address" in link.error


def test_nothing_reached_the_loopback_recorder_or_a_file(hostile: Hostile) -> None:
    assert hostile.servers["recorder"].requests == []
    assert not [u for u in hostile.crawl.links if not u.startswith(("http://", "https://"))]
    assert not [s for s in hostile.crawl.seen if s.link_url.startswith("file:")]


def test_a_server_that_never_answers_times_out(hostile: Hostile) -> None:
    verdict, error = hostile.link("hang", "/hang.html")
    assert verdict == "suspected" and error.startswith("timeout"), error
    assert url("hang", "/hang.html") not in hostile.crawl.pages


def test_a_trickle_times_out_and_its_headers_answer_the_check_again(hostile: Hostile) -> None:
    verdict, error = hostile.link("trickle", "/trickle.html")
    assert (verdict, error.split("; first: ")[0]) == ("ok", "checked again at the end"), error
    assert "timeout" in error
    assert url("trickle", "/trickle.html") not in hostile.crawl.pages


def test_every_stored_page_is_bounded_by_download_maxsize(hostile: Hostile) -> None:
    assert max(len(page.facts["text"]) for page in hostile.crawl.pages.values()) <= MAXSIZE
    cap = defaults.GOVCRAWL_MAX_LINKS_PER_PAGE
    assert max(len(page.facts["links"]) for page in hostile.crawl.pages.values()) <= cap


def test_the_defaults_bound_a_hostile_server() -> None:
    assert 0 < defaults.DOWNLOAD_TIMEOUT <= 60 and 0 < defaults.GOVCRAWL_LINK_CHECK_TIMEOUT <= 60
    assert 0 < defaults.DOWNLOAD_MAXSIZE <= 32 * 1024 * 1024 and 0 < defaults.REDIRECT_MAX_TIMES <= 20
    assert defaults.GOVCRAWL_MAX_URL_LENGTH <= 8192 and defaults.GOVCRAWL_MAX_LINKS_PER_PAGE <= 10_000
