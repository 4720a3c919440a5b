"""finalize_run and ``scrapy annex`` over a small database built by hand with the storage models."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from govcrawl import settings as default_settings
from govcrawl.annex.sites import finalize_run
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.regions import Region, load_region
from govcrawl.storage.engine import database_url, make_engine, start_run
from govcrawl.storage.finding_rows import save_findings
from govcrawl.storage.models import Column, FindingRow, Link, LinkSeen, Page, Sample, Verdict

PROJECT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 9, 30)
HOSTILE = '=HYPERLINK("http://x","y")'
REGION_TOML = """
[region]
code = "testland"
name = "测试市"

[[sites]]
name = "测试市人民政府"
url = "http://127.0.1.1/"
site_code = "4110000001"
owner = "测试市人民政府办公室"

[[sites]]
name = "测试市教育局"
url = "http://127.0.1.2/"
site_code = "4110000002"
owner = "测试市教育局"

[[sites]]
name = "测试市未检查局"
url = "http://127.0.1.3/"
site_code = "4110000003"
owner = "测试市未检查局"

[thresholds]
domain_check = false  # loopback test addresses
"""
ANNEX1_HEADER = ["序号", "主办单位", "网站名称", "网站标识码", "首页网址", "指标类别", "问题类型", "问题描述",
                 "问题页面", "发现时间"]


def page_facts(url: str, *, newest: str | None = None, footer: dict[str, Any] | None = None,
               links: Sequence[dict[str, str]] = (), missing: Sequence[str] = ()) -> dict[str, Any]:
    """Page facts in the shape extract.page.facts_to_json stores."""
    return {"url": url, "kind": "home", "title": HOSTILE, "missing_metadata": list(missing),
            "footer": footer or {"site_id_code": None, "icp": None, "police": None, "dzjg": False},
            "homepage_newest": {"title": "秋季防火通知", "url": url + "a/1.html", "date": newest} if newest else None,
            "links": list(links), "guide": None, "mailbox": [], "column": None}


FULL_FOOTER = {"site_id_code": "4110000002", "icp": "豫ICP备1号", "police": "豫公网安备41100202000101号",
               "dzjg": True, "jiucuo_codes": ["4110000002"]}


def build_db(output: Path) -> tuple[Engine, int, Region]:
    region_file = output / "testland.toml"
    region_file.write_text(REGION_TOML, encoding="utf-8")
    region = load_region(region_file)
    engine = make_engine(database_url("", output, region.code))
    run_id = start_run(engine, region.code, region.name, "gov", AS_OF)
    now = datetime.now()
    channel = [{"url": "http://127.0.1.2/xx/", "anchor": "局长信箱", "kind": "page"}]
    with Session(engine) as session, session.begin():
        session.add_all([
            # site 1: stale hub-less homepage, no identifiers, a stale column, a broken homepage link
            Page(run_id=run_id, site="4110000001", url="http://127.0.1.1/", is_home=True, depth=0, fetched_at=now,
                 facts=page_facts("http://127.0.1.1/", newest="2026-08-01", links=channel,
                                  missing=["SiteIDCode"])),
            Column(run_id=run_id, site="4110000001", url="http://127.0.1.1/gzdt/", name="工作动态", cls="news",
                   newest_date=date(2026, 9, 1), item_count=20),
            Link(run_id=run_id, site="4110000001", url="http://127.0.1.1/old.html", verdict="broken", status=404,
                 checked_at=now),
            LinkSeen(run_id=run_id, site="4110000001", link_url="http://127.0.1.1/old.html",
                     page_url="http://127.0.1.1/", anchor="旧栏目", on_home=True),
            Link(run_id=run_id, site="4110000001", url="http://127.0.1.1/slow.html", verdict="suspected",
                 status=429, checked_at=now),
            Sample(region=region.code, site="4110000001", url="http://127.0.1.1/", at=now, ok=True, status=200),
            # site 2: clean
            Page(run_id=run_id, site="4110000002", url="http://127.0.1.2/", is_home=True, depth=0, fetched_at=now,
                 facts=page_facts("http://127.0.1.2/", newest="2026-09-29", footer=FULL_FOOTER, links=channel)),
            Column(run_id=run_id, site="4110000002", url="http://127.0.1.2/tzgg/", name="通知公告", cls="notice",
                   newest_date=date(2026, 9, 20), item_count=20),
        ])
        # two crawl processes flushed the same typo; a hostile phrase is evidence
        typo = Finding(subject="4110000001", problem_type="错别字", category=DEDUCTION, key="再接再励",
                       description="“再接再励”应为“再接再厉”", url="http://127.0.1.1/a/1.html", evidence=HOSTILE,
                       seen=AS_OF, rule="typos", pages=("http://127.0.1.1/a/1.html",))
        save_findings(session, run_id, [typo], max_pages=5)
    with Session(engine) as session, session.begin():
        other = replace(typo, url="http://127.0.1.1/a/2.html", pages=("http://127.0.1.1/a/2.html",))
        save_findings(session, run_id, [other], max_pages=5)
    return engine, run_id, region


def settings_for(output: Path) -> dict[str, Any]:
    values = {k: getattr(default_settings, k) for k in dir(default_settings) if k.isupper()}
    values["OUTPUT_DIR"] = str(output)
    return values


def rows_of(path: Path, sheet: str) -> list[list[Any]]:
    return [list(r) for r in load_workbook(path)[sheet].iter_rows(values_only=True)]


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[Engine, int, Region, Path]]:
    engine, run_id, region = build_db(tmp_path)
    yield engine, run_id, region, tmp_path
    engine.dispose()


def test_finalize_run_writes_the_annex_and_the_verdicts(built: tuple[Engine, int, Region, Path]) -> None:
    engine, run_id, region, output = built
    result = finalize_run(engine, run_id, region, settings_for(output))
    assert result.path == output / "testland" / "附件1-测试市政府网站问题情况-2026-09-30.xlsx"
    rows = rows_of(result.path, "附件1")
    assert rows[0][:10] == ANNEX1_HEADER
    problems = rows[1:]
    assert {r[3] for r in problems} == {"4110000001"}, "the clean site and the unchecked one have no row"
    assert [r[0] for r in problems] == list(range(1, len(problems) + 1))
    assert problems[0][5:8] == ["单项否决", "首页不更新", "首页最近更新于2026-08-01（“秋季防火通知”），超过2周未更新"]
    kinds = [r[6] for r in problems]
    assert kinds == ["首页不更新", "栏目不更新", "错别字", "不可用链接", "网站标识缺失", "网站标识缺失", "网站标识缺失",
                     "网站标识缺失", "元数据缺失", "找错入口缺失"]
    typo = problems[2]
    assert typo[7] == "“再接再励”应为“再接再厉”（出现在2个页面）" and typo[10] == 2
    assert typo[12] == HOSTILE                                   # stored as text, not a formula
    assert problems[3][7] == "首页链接“旧栏目”无法访问（HTTP 404）" and problems[3][8] == "http://127.0.1.1/"
    results = rows_of(result.path, "检查结果")
    assert results[1][1:] == ["测试市人民政府", "测试市人民政府办公室", "4110000001", "http://127.0.1.1/", 1, 9, 86,
                              "不合格", None], "vetoed, and scored all the same: 100 − (5 + 1 + 1 + 4×1 + 2 + 1)"
    assert results[2][5:] == [0, 0, 100, "合格", None] and results[3][8] == "未检查"
    assert "共检查2个网站，合格1个，不合格1个，合格率50.0%；另有1个网站本次未检查" in [r[0] for r in results]
    with Session(engine) as session:
        verdicts = {v.subject: v.verdict for v in session.scalars(select(Verdict))}
    assert verdicts == {"4110000001": "不合格", "4110000002": "合格", "4110000003": "未检查"}


def test_finalizing_twice_does_not_duplicate(built: tuple[Engine, int, Region, Path]) -> None:
    engine, run_id, region, output = built
    first = finalize_run(engine, run_id, region, settings_for(output))
    second = finalize_run(engine, run_id, region, settings_for(output))
    assert rows_of(first.path, "附件1") == rows_of(second.path, "附件1") and second.rows == 10
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(FindingRow)) == 10
        assert session.scalar(select(func.count()).select_from(Verdict)) == 3


def test_scrapy_annex_command_rebuilds_from_the_database(built: tuple[Engine, int, Region, Path]) -> None:
    engine, _, region, output = built
    engine.dispose()
    done = subprocess.run([str(Path(sys.executable).with_name("scrapy")), "annex", "-a",
                           f"region={region.path}", "-a", "as_of=2026-09-30", "-s", f"OUTPUT_DIR={output}"],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    path = output / "testland" / "附件1-测试市政府网站问题情况-2026-09-30.xlsx"
    assert str(path) in done.stdout and "合格率50.0%" in done.stdout
    assert len(rows_of(path, "附件1")) == 11
    missing = subprocess.run([str(Path(sys.executable).with_name("scrapy")), "annex", "-a",
                              f"region={region.path}", "-a", "as_of=2020-01-01", "-s", f"OUTPUT_DIR={output}"],
                             cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "no run of region testland" in missing.stderr
