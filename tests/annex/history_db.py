"""A region inspected three times (Q1–Q3 2026), its runs stored in SQLite under a temporary folder
and finalized as a crawl's close would: shared by the 整改 and 通报 tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from govcrawl import settings as default_settings
from govcrawl.annex.base import AnnexResult
from govcrawl.annex.sites import finalize_run
from govcrawl.model.findings import DEDUCTION, VETO, Finding
from govcrawl.regions import Region, load_region
from govcrawl.storage.engine import database_url, make_engine, start_run
from govcrawl.storage.finding_rows import save_findings

Q1, Q2, Q3 = date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)
REGION_TOML = """
[region]
code = "rectland"
name = "整改市"

[[sites]]
name = "整改市人民政府"
url = "http://127.0.1.110/"
site_code = "4120000001"
owner = "整改市人民政府办公室"

[[sites]]
name = "整改市教育局"
url = "http://127.0.1.111/"
site_code = "4120000002"
owner = "整改市教育局"

[[sites]]
name = "整改市卫生健康委员会"
url = "http://127.0.1.112/"
site_code = "4120000003"
owner = "整改市卫生健康委员会"
"""
GOV, EDU, HEALTH = "4120000001", "4120000002", "4120000003"


def problem(subject: str, kind: str, key: str, seen: date, page: str = "http://127.0.1.110/a.html",
            category: str = DEDUCTION) -> Finding:
    return Finding(subject=subject, problem_type=kind, category=category, key=key, description=f"{kind} {key}",
                   url=page, evidence="e", seen=seen, rule="typos", pages=(page,))


def three_inspections(output: Path) -> tuple[Engine, Region, dict[str, Any], dict[date, AnnexResult]]:
    """Q1: GOV and EDU have a typo each. Q2: GOV's typo (on another page) is left, EDU's is fixed.
    Q3: GOV's typo still there (unfixed twice running), EDU has a new one, HEALTH's homepage is
    stale (a 单项否决) and one of its columns too."""
    region_file = output / "rectland.toml"
    region_file.write_text(REGION_TOML, encoding="utf-8")
    region = load_region(region_file)
    engine = make_engine(database_url("", output, region.code))
    settings = {k: getattr(default_settings, k) for k in dir(default_settings) if k.isupper()}
    settings["OUTPUT_DIR"] = str(output)
    runs = {
        Q1: [problem(GOV, "错别字", "再接再励", Q1), problem(EDU, "错别字", "既使", Q1)],
        Q2: [problem(GOV, "错别字", "再接再励", Q2, page="http://127.0.1.110/b.html")],
        Q3: [problem(GOV, "错别字", "再接再励", Q3), problem(EDU, "错别字", "按步就班", Q3),
             problem(HEALTH, "首页不更新", "home", Q3, category=VETO),
             problem(HEALTH, "栏目不更新", "http://127.0.1.112/gzdt/", Q3)],
    }
    written = {}
    for as_of, findings in runs.items():
        run_id = start_run(engine, region.code, region.name, "gov", as_of)
        with Session(engine) as session, session.begin():
            save_findings(session, run_id, findings, max_pages=5)
        written[as_of] = finalize_run(engine, run_id, region, settings)
    return engine, region, settings, written


def sheet(path: Path, title: str) -> list[list[Any]]:
    return [list(r) for r in load_workbook(path)[title].iter_rows(values_only=True)]
