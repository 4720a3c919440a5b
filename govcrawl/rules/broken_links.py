"""不可用链接 — links a site publishes that do not work (扣分).

Only links the link check confirmed broken count (404/403/410, DNS or connection failure after
retries); "suspected" ones (a firewall's 403/412/429 without a browser retry) are never reported.
Each broken link is one row naming the pages it appears on, the homepage first; a link on the
homepage costs GOVCRAWL_BROKEN_LINK_POINTS_HOME, any other GOVCRAWL_BROKEN_LINK_POINTS_OTHER.

Fails: "/zwgk/old.html" answers 404 and is linked from the homepage → "首页链接“旧栏目”无法访问
（HTTP 404）", 1 point.
Passes: the link answered 200, or answered 429 (suspected); the site's own homepage failing
(that is 站点无法访问, one row for one problem).

Reads: GOVCRAWL_BROKEN_LINK_POINTS_HOME, GOVCRAWL_BROKEN_LINK_POINTS_OTHER, GOVCRAWL_DEDUP_PAGES.
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.crawl.urls import host_of
from govcrawl.extract.page import is_home_url
from govcrawl.model.facts import BrokenLink, SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._site import site_finding

ID = "broken_links"
PROBLEM_TYPE = "不可用链接"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_BROKEN_LINK_POINTS_HOME", "GOVCRAWL_BROKEN_LINK_POINTS_OTHER",
                          "GOVCRAWL_DEDUP_PAGES")
ALSO_YIELDS: tuple[str, ...] = ()

_KIND_WORDS = {"image": "图片", "attachment": "附件"}
# The reader's words for a network failure; the raw error stays in the evidence.
_ERROR_WORDS = (("dns", "域名无法解析"), ("lookup", "域名无法解析"), ("timeout", "连接超时"),
                ("timed out", "连接超时"), ("refused", "连接被拒绝"))


def _failure(link: BrokenLink) -> str:
    if link.status is not None:
        return f"HTTP {link.status}"
    error = link.error.lower()
    return next((words for marker, words in _ERROR_WORDS if marker in error), "无法连接")


def _own_homepage(url: str, site_url: str) -> bool:
    """The site's own homepage, under any of its index names: when it fails, the site is down,
    which is 站点无法访问's row, not a broken link of the site's."""
    return host_of(url) == host_of(site_url) and is_home_url(url)


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    for link in facts.broken_links:
        if _own_homepage(link.url, facts.site.url):
            continue
        places = sorted(link.places, key=lambda p: (not p.on_home, p.page_url))
        on_home = bool(places) and places[0].on_home
        anchor = next((p.anchor for p in places if p.anchor), "")
        what = _KIND_WORDS.get(link.kind, "链接")
        named = f"{what}“{anchor}”" if anchor else f"{what}{link.url}"
        pages = tuple(p.page_url for p in places[: conf["GOVCRAWL_DEDUP_PAGES"]])
        points = conf["GOVCRAWL_BROKEN_LINK_POINTS_HOME" if on_home else "GOVCRAWL_BROKEN_LINK_POINTS_OTHER"]
        raw = f"HTTP {link.status}" if link.status is not None else link.error
        yield site_finding(
            facts, ID, PROBLEM_TYPE, CATEGORY, key=link.url, url=pages[0] if pages else facts.site.url,
            description=f"{'首页' if on_home else ''}{named}无法访问（{_failure(link)}）",
            evidence=f"{link.url} → {raw}", pages=pages, page_count=max(len(places), 1),
            points=float(points))
