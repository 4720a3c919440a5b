from __future__ import annotations

from datetime import date

from govcrawl.model.facts import DatedEntry, HomePage
from govcrawl.model.findings import VETO
from govcrawl.rules import home_stale
from tests.rules._site import HOME, check, column, facts


def home_with(day: date | None) -> HomePage:
    return HomePage(url=HOME.url, footer=HOME.footer,
                          newest=DatedEntry("关于秋季防火的通知", "http://127.0.1.1/a/1.html", day))


def test_old_newest_homepage_item_is_a_veto() -> None:
    [finding] = check(home_stale, facts(home=home_with(date(2026, 9, 15))))
    assert finding.category == VETO and finding.problem_type == "首页不更新"
    assert finding.description == "首页最近更新于2026-09-15（“关于秋季防火的通知”），超过2周未更新"
    assert finding.url == "http://127.0.1.1/"


def test_a_homepage_that_needed_the_browser_is_not_judged_from_raw_html() -> None:
    stale = home_with(date(2026, 8, 1))
    assert len(check(home_stale, facts(home=stale))) == 1
    unrendered = HomePage(url=stale.url, footer=stale.footer, newest=stale.newest, needs_rendering=True)
    assert check(home_stale, facts(home=unrendered)) == []


def test_item_at_the_limit_passes() -> None:
    assert check(home_stale, facts(home=home_with(date(2026, 9, 16)))) == []
    assert len(check(home_stale, facts(home=home_with(date(2026, 9, 16))), home_stale_days=13)) == 1


def test_hub_homepage_is_judged_by_its_second_level_columns() -> None:
    old = (column("工作动态", "news", date(2026, 8, 1)), column("通知公告", "notice", date(2026, 9, 2)),
           column("深层栏目", "news", date(2026, 9, 29), depth=2))
    [finding] = check(home_stale, facts(columns=old))
    assert "二级栏目最近更新于2026-09-02（‘通知公告’栏目）" in finding.description
    fresh = (*old, column("要闻", "news", date(2026, 9, 28)))
    assert check(home_stale, facts(columns=fresh)) == []


def test_nothing_dated_anywhere_is_not_reported() -> None:
    assert check(home_stale, facts(columns=(column("工作动态", "news", None),))) == []
    assert check(home_stale, facts(home=home_with(None))) == []
    assert check(home_stale, facts(home=None)) == []
