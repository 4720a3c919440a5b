from __future__ import annotations

from dataclasses import replace

from govcrawl.model.facts import FooterIds, HomePage
from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import site_identifiers
from tests.rules._site import HOME, SITE, check, facts


def home(**footer: object) -> HomePage:
    ids = {"site_id_code": "4110000001", "icp": "豫ICP备05002432号", "police": "豫公网安备41100202000101号",
           "dzjg": True, **footer}
    return HomePage(url=HOME.url, newest=None, footer=FooterIds(**ids))  # type: ignore[arg-type]


def test_each_missing_identifier_is_named() -> None:
    found = check(site_identifiers, facts(home=home(site_id_code=None, police=None, dzjg=False)))
    assert [f.description for f in found] == ["首页未标注网站标识码", "首页未标注公安机关备案号",
                                              "首页未标注党政机关网站标识"]
    assert {f.category for f in found} == {DEDUCTION} and {f.url for f in found} == {HOME.url}


def test_complete_footer_passes() -> None:
    assert check(site_identifiers, facts(home=home())) == []
    ministry = facts(site=replace(SITE, site_code="BM12000001"), home=home(site_id_code="bm12000001"))
    assert check(site_identifiers, ministry) == []


def test_code_other_than_the_registered_one_is_reported() -> None:
    [finding] = check(site_identifiers, facts(home=home(site_id_code="4110000002")))
    assert finding.description == "首页标注的网站标识码4110000002与登记的4110000001不一致"


def test_no_homepage_is_not_judged() -> None:
    assert check(site_identifiers, facts(home=None)) == []
