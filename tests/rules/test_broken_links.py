from __future__ import annotations

from govcrawl.model.facts import BrokenLink, LinkPlace
from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import broken_links
from tests.rules._site import check, facts


def link(url: str, *pages: str, status: int | None = 404, kind: str = "page", error: str = "") -> BrokenLink:
    return BrokenLink(url=url, kind=kind, status=status, error=error, places=tuple(
        LinkPlace(page, "旧栏目" if page.endswith("/") else "", page == "http://127.0.1.1/") for page in pages))


def test_homepage_link_costs_a_point_and_is_marked() -> None:
    broken = link("http://127.0.1.1/old.html", "http://127.0.1.1/a/2.html", "http://127.0.1.1/")
    [finding] = check(broken_links, facts(broken_links=(broken,)))
    assert finding.category == DEDUCTION and finding.problem_type == "不可用链接"
    assert finding.description == "首页链接“旧栏目”无法访问（HTTP 404）"
    assert finding.url == "http://127.0.1.1/" and finding.page_count == 2 and finding.points == 1.0
    assert finding.key == "http://127.0.1.1/old.html"


def test_link_on_inner_pages_costs_a_tenth_and_counts_pages() -> None:
    pages = [f"http://127.0.1.1/a/{i}.html" for i in range(40)]
    broken = link("http://other.example/x.pdf", *pages, status=None, kind="attachment",
                  error="DNSLookupError: DNS lookup failed: no results for hostname lookup: other.example.")
    [finding] = check(broken_links, facts(broken_links=(broken,)))
    assert finding.description == "附件http://other.example/x.pdf无法访问（域名无法解析）"
    assert finding.evidence.endswith("no results for hostname lookup: other.example.")
    assert finding.page_count == 40 and len(finding.pages) == 5 and finding.points == 0.1


def test_no_broken_link_passes() -> None:
    assert check(broken_links, facts(broken_links=())) == []


def test_point_values_are_settings() -> None:
    broken = link("http://127.0.1.1/gone", "http://127.0.1.1/")
    [finding] = check(broken_links, facts(broken_links=(broken,)), broken_link_points_home=2.0)
    assert finding.points == 2.0


def test_the_sites_own_homepage_is_no_broken_link() -> None:
    """A site that is down is 站点无法访问 only: its homepage, as / or /index.html, is no link row."""
    down = [link(url, "http://127.0.1.1/a/1.html", status=None, error="Connection refused")
            for url in ("http://127.0.1.1/", "http://127.0.1.1/index.html")]
    other = link("http://127.0.1.1/zwgk/index.html", "http://127.0.1.1/a/1.html")
    assert [f.key for f in check(broken_links, facts(broken_links=(*down, other)))] == [other.url]
