from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from govcrawl.model.findings import DEDUCTION, VETO, Finding
from govcrawl.model.merge import dedup, merge
from govcrawl.storage.engine import database_url, make_engine, start_run
from govcrawl.storage.finding_rows import load_findings, save_findings


def typo(page: str, *, seen: date = date(2026, 9, 30), points: float = 0.0) -> Finding:
    return Finding(subject="4110000001", problem_type="错别字", category=DEDUCTION, key="再接再励",
                   description="“再接再励”应为“再接再厉”", url=page, evidence="……再接再励……", seen=seen,
                   rule="typos", pages=(page,), points=points)


def test_same_problem_on_forty_pages_is_one_row_counting_them() -> None:
    pages = [f"http://127.0.1.1/a/{i}.html" for i in range(40)]
    [row] = dedup([typo(p) for p in pages], max_pages=5)
    assert row.page_count == 40
    assert row.pages == tuple(pages[:5])
    assert row.url == pages[0] and row.description == "“再接再励”应为“再接再厉”"


def test_different_keys_stay_apart_in_first_seen_order() -> None:
    other = replace(typo("http://127.0.1.1/b.html"), key="按装")
    rows = dedup([typo("http://127.0.1.1/a.html"), other, typo("http://127.0.1.1/c.html")], max_pages=5)
    assert [r.key for r in rows] == ["再接再励", "按装"] and rows[0].page_count == 2


def test_merge_keeps_the_heavier_category_larger_points_and_earliest_date() -> None:
    first = typo("http://127.0.1.1/a.html", seen=date(2026, 9, 30), points=0.1)
    second = replace(typo("http://127.0.1.1/", seen=date(2026, 9, 29), points=1.0), category=VETO)
    merged = merge(first, second, max_pages=5)
    assert merged.category == VETO and merged.points == 1.0 and merged.seen == date(2026, 9, 29)
    assert merged.pages == ("http://127.0.1.1/a.html", "http://127.0.1.1/")


def test_pages_already_named_are_not_named_twice() -> None:
    merged = merge(typo("http://127.0.1.1/a.html"), typo("http://127.0.1.1/a.html"), max_pages=5)
    assert merged.pages == ("http://127.0.1.1/a.html",) and merged.page_count == 2


def test_findings_of_different_keys_do_not_merge() -> None:
    with pytest.raises(ValueError, match="different keys"):
        merge(typo("http://127.0.1.1/a.html"), replace(typo("http://127.0.1.1/a.html"), key="x"), 5)


def test_two_processes_sharing_a_database_merge_into_one_row(tmp_path: Path) -> None:
    url = database_url("", tmp_path, "region")
    engines = [make_engine(url), make_engine(url)]   # as two crawl processes would
    run_id = start_run(engines[0], "region", "区域", "gov", date(2026, 9, 30))
    for engine, pages in zip(engines, (range(0, 30), range(30, 40)), strict=True):
        with Session(engine) as session, session.begin():
            save_findings(session, run_id, [typo(f"http://127.0.1.1/a/{i}.html") for i in pages], max_pages=5)
    with Session(engines[1]) as session:
        [row] = load_findings(session, run_id)
    assert row.page_count == 40 and row.pages == tuple(f"http://127.0.1.1/a/{i}.html" for i in range(5))
    for engine in engines:
        engine.dispose()
