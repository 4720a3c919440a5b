from __future__ import annotations

from dataclasses import replace

from govcrawl.model.facts import SearchAttempt
from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import search_function
from tests.rules._site import HOME, check, facts

FORM = replace(HOME, search="form", search_seen='<form action="/search/"> q=')
ARTICLE = "http://127.0.1.1/xwdt/1.html"


def attempt(outcome: str, detail: str = "返回3个链接，未含该文章",
            query: str = "秋季森林防火检查通知") -> SearchAttempt:
    return SearchAttempt(query, ARTICLE, f"http://127.0.1.1/search/?q={query}", outcome, detail)


def test_no_search_on_the_homepage_is_a_row() -> None:
    [finding] = check(search_function, facts(home=replace(HOME, search="none")))
    assert (finding.category, finding.problem_type, finding.url) == (DEDUCTION, "搜索功能缺失", HOME.url)
    assert finding.description == "首页未提供站内搜索功能"


def test_a_search_that_misses_or_errs_is_one_row_with_the_queries() -> None:
    searches = (attempt("missed"), attempt("error", "搜索请求失败：HTTP 500", "县长带队检查安全生产"))
    [finding] = check(search_function, facts(home=FORM, searches=searches))
    assert "秋季森林防火检查通知" in finding.description and "HTTP 500" in finding.description
    assert ARTICLE in finding.description and finding.pages == tuple(a.search_url for a in searches)


def test_a_search_that_finds_one_article_passes() -> None:
    assert check(search_function, facts(home=FORM, searches=(attempt("missed"), attempt("found")))) == []


def test_only_the_configured_queries_count() -> None:
    searches = (attempt("missed"), attempt("found"))
    assert len(check(search_function, facts(home=FORM, searches=searches), search_queries=1)) == 1


def test_unchecked_searches_and_unsubmittable_boxes_are_never_blamed() -> None:
    assert check(search_function, facts(home=FORM, searches=(attempt("unchecked"),))) == []
    assert check(search_function, facts(home=FORM)) == []  # no article to ask for
    assert check(search_function, facts(home=replace(HOME, search="unsubmittable"))) == []
    assert check(search_function, facts(home=replace(HOME, search=""))) == []  # stored before the check existed


def test_not_judged_without_a_homepage_a_rendered_one_or_when_switched_off() -> None:
    assert check(search_function, facts(home=None)) == []
    assert check(search_function, facts(home=replace(HOME, search="none", needs_rendering=True))) == []
    assert check(search_function, facts(home=replace(HOME, search="none")), search_check=False) == []
