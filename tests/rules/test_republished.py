from __future__ import annotations

from datetime import date

from govcrawl.model.facts import DatedArticle
from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import republished
from tests.rules._site import check, facts

TITLE = "关于开展2025年度农村人居环境整治工作的通知"
OLD_URL = "http://127.0.1.1/tzgg/202503/t20250310_4.html"
NEW_URL = "http://127.0.1.1/tzgg/202609/t20260925_9.html"
EARLIER = date(2026, 8, 20)  # as_of of the earlier inspection
BODY = ("各乡镇人民政府，县直有关单位：为贯彻落实农村人居环境整治提升五年行动方案，经县政府同意，"
        "决定在全县开展农村人居环境整治工作。一、工作目标。二、主要任务。三、工作要求。请各单位高度重视。")


def text(shown: date, body: str = BODY, title: str = TITLE) -> str:
    return (f"首页 通知公告 {title} 发布日期：{shown.isoformat()} 来源：县农业农村局 {body} "
            "主办单位：某某县人民政府办公室")


def old(shown: date = date(2025, 3, 10), *, title: str = TITLE, url: str = OLD_URL, seen_on: date = EARLIER,
        body: str = BODY) -> DatedArticle:
    return DatedArticle(title, url, shown, seen_on, text(shown, body, title))


def new(shown: date = date(2026, 9, 25), *, title: str = TITLE, url: str = NEW_URL, body: str = BODY) -> DatedArticle:
    return DatedArticle(title, url, shown, date(2026, 9, 30), text(shown, body, title))


def test_an_old_article_under_a_new_date_is_a_row_with_both_dates_and_addresses() -> None:
    [finding] = check(republished, facts(articles=(new(),), earlier_articles=(old(),)))
    assert finding.problem_type == "伪造发稿日期" and finding.category == DEDUCTION
    assert finding.description == (f"《{TITLE}》在2026-08-20的检查中显示发布日期2025-03-10（{OLD_URL}），"
                                   f"本次显示发布日期2026-09-25（{NEW_URL}），旧文新发")
    assert finding.url == NEW_URL and finding.key == "旧文新发:关于开展2025年度农村人居环境整治工作的通知"


def test_redated_in_place_and_traditional_title_match() -> None:
    traditional = "關於開展2025年度農村人居環境整治工作的通知"
    [finding] = check(republished, facts(articles=(new(url=OLD_URL, title=traditional),),
                                         earlier_articles=(old(),)))
    assert OLD_URL in finding.evidence and finding.url == OLD_URL


def test_same_date_or_a_date_not_after_the_earlier_inspection_passes() -> None:
    assert check(republished, facts(articles=(new(date(2025, 3, 10)),), earlier_articles=(old(),))) == []
    # shown before the earlier inspection: it may simply have been missed then, not re-dated since
    assert check(republished, facts(articles=(new(date(2026, 8, 20)),), earlier_articles=(old(),))) == []


def test_gap_threshold() -> None:
    recent = old(date(2026, 8, 28), seen_on=date(2026, 8, 28))
    assert check(republished, facts(articles=(new(date(2026, 9, 26)),), earlier_articles=(recent,))) == []  # 29 days
    assert check(republished, facts(articles=(new(date(2026, 9, 27)),), earlier_articles=(recent,)))  # 30 days
    assert check(republished, facts(articles=(new(date(2026, 9, 26)),), earlier_articles=(recent,)),
                 republish_min_days=20)


def test_short_and_generic_titles_pass() -> None:
    for title in ("通知", "工作动态", "关于召开会议的通知"):  # 9 characters < 10
        assert check(republished, facts(articles=(new(title=title),), earlier_articles=(old(title=title),))) == []
    assert check(republished, facts(articles=(new(title="关于召开会议的通知"),),
                                    earlier_articles=(old(title="关于召开会议的通知"),)), republish_min_title=9)


def test_a_title_issued_again_each_year_passes() -> None:
    title = "关于做好春节期间安全生产工作的通知"
    history = (old(date(2025, 1, 20), title=title, seen_on=date(2025, 3, 1)),
               old(date(2026, 1, 18), title=title))
    assert check(republished, facts(articles=(new(date(2026, 9, 25), title=title),), earlier_articles=history)) == []
    # two new dates in this run: two issues of one routine notice
    assert check(republished, facts(articles=(new(title=title), new(date(2026, 9, 1), title=title, url=OLD_URL)),
                                    earlier_articles=(old(title=title),))) == []


def test_a_redating_an_earlier_run_saw_stays_a_row_while_the_page_shows_it() -> None:
    history = (old(seen_on=date(2026, 5, 20)), old(date(2026, 8, 1), url=NEW_URL))  # re-dated before 08-20
    [finding] = check(republished, facts(articles=(new(date(2026, 8, 1)),), earlier_articles=history))
    assert "在2026-05-20的检查中显示发布日期2025-03-10" in finding.description


def test_a_copy_beside_the_old_page_is_a_row() -> None:
    still_there = new(date(2025, 3, 10), url=OLD_URL)
    [finding] = check(republished, facts(articles=(still_there, new()), earlier_articles=(old(),)))
    assert finding.url == NEW_URL and finding.pages == (NEW_URL,)


def test_a_different_text_under_the_same_title_passes() -> None:
    other = ("为做好今年秋冬季农村人居环境整治，县农业农村局将于十月组织专项检查，"
             "重点检查厕所改造和垃圾清运，各乡镇须于九月底前报送自查报告。")
    assert check(republished, facts(articles=(new(body=other),), earlier_articles=(old(),))) == []
    assert check(republished, facts(articles=(new(body=other),), earlier_articles=(old(),)),
                 republish_min_similarity=0.3)


def test_a_future_new_date_is_left_to_the_backdated_rule() -> None:
    assert check(republished, facts(articles=(new(date(2026, 10, 1)),), earlier_articles=(old(),))) == []


def test_first_run_has_nothing_to_compare() -> None:
    assert check(republished, facts(articles=(new(),))) == []


def test_similarity_ignores_dates_only() -> None:
    assert republished.similarity(text(date(2025, 3, 10)), text(date(2026, 9, 25))) == 1.0
    assert republished.similarity(text(date(2025, 3, 10)), text(date(2025, 3, 10), body="无关内容")) < 0.9
