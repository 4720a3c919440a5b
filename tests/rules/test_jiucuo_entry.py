from __future__ import annotations

from dataclasses import replace

from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import jiucuo_entry
from tests.rules._site import HOME, SITE, check, facts


def home(*codes: str) -> object:
    return replace(HOME, footer=replace(HOME.footer, jiucuo_codes=codes))


def test_missing_entry_is_a_row() -> None:
    [finding] = check(jiucuo_entry, facts(home=home()))
    assert finding.description == "首页未提供“我为政府网站找错”入口"
    assert (finding.category, finding.url, finding.problem_type) == (DEDUCTION, HOME.url, "找错入口缺失")


def test_entry_for_another_site_is_a_row_naming_its_code() -> None:
    [finding] = check(jiucuo_entry, facts(home=home("4110000002")))
    assert "4110000002" in finding.description and SITE.site_code in finding.description


def test_own_code_passes_even_beside_another() -> None:
    assert check(jiucuo_entry, facts(home=home("4110000001"))) == []
    assert check(jiucuo_entry, facts(home=home("4110000002", "4110000001"))) == []
    ministry = facts(site=replace(SITE, site_code="BM12000001"), home=home("bm12000001"))
    assert check(jiucuo_entry, ministry) == []


def test_no_homepage_is_not_judged() -> None:
    assert check(jiucuo_entry, facts(home=None)) == []
