"""搜索功能缺失 — the homepage offers no site search, or its search does not find the site's own articles (扣分).

How it judges: the homepage must offer a site search (a search form, a search box, or a link to a
search page). When its search can be submitted (a GET form, or a script whose search address the
page shows), the crawl asks it for the titles of articles it has just read, one at a time, up to
GOVCRAWL_SEARCH_QUERIES, and stops at the first that is found (govcrawl/spiders/_search.py). A row
is written when no query found its article and at least one came back missed (results without the
article) or in error (an HTTP error, a broken connection, an empty page): the row names every query,
the article asked for and what came back. Searches run by a 集约化 platform count when the homepage's
own form sends them there for this site.

Never reported: a search box run by a script govcrawl cannot submit, a POST form or a link to a search
page (the search is there, unchecked); a search the crawl could not ask (robots.txt, the address
guard, a firewall answer, results built by a script, the page budget spent, an external host that does
not say it searches this site); a site without articles to ask for; a homepage built by scripts no
browser rendered.

Fails: a homepage without any search box → "首页未提供站内搜索功能"; a search for “关于开展2026年秋季
森林防火检查的通知” whose results list only other pages → "站内搜索未能检索到本站文章".
Passes: the results of ``/search/?q=…`` link the article's address or show its title (highlighted or
cut short with “…”); a search box that only a script submits.

Reads: GOVCRAWL_SEARCH_CHECK (False: no row), GOVCRAWL_SEARCH_QUERIES (articles asked for).
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._site import site_finding

ID = "search_function"
PROBLEM_TYPE = "搜索功能缺失"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_SEARCH_CHECK", "GOVCRAWL_SEARCH_QUERIES")
ALSO_YIELDS: tuple[str, ...] = ()

_FAILED = ("missed", "error")


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    home = facts.home
    if not conf["GOVCRAWL_SEARCH_CHECK"] or home is None or home.needs_rendering:
        return
    if home.search == "none":
        yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key="缺失", url=home.url,
                           description="首页未提供站内搜索功能",
                           evidence=f"{home.url} 页面中未找到搜索框、搜索表单或搜索页面链接")
        return
    attempts = facts.searches[:int(conf["GOVCRAWL_SEARCH_QUERIES"])]
    if not attempts or any(a.outcome == "found" for a in attempts):
        return
    failed = [a for a in attempts if a.outcome in _FAILED]
    if not failed:
        return
    asked = "；".join(f"检索“{a.query}”（应返回 {a.article_url}）：{a.detail}" for a in failed)
    yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key="失效", url=failed[0].search_url,
                       description=f"站内搜索未能检索到本站文章：{asked}",
                       evidence=f"首页搜索 {home.search_seen}；" + "；".join(a.search_url for a in failed),
                       pages=tuple(a.search_url for a in failed))
