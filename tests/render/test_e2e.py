"""End to end with real Chromium: ``scrapy crawl gov`` over the JavaScript fixture sites.

Asserted on the SQLite database and the 附件1 workbook: a column whose list a script builds is
judged from the rendered page (stale: a row; fresh: none), a site behind a cookie challenge has
no broken links, and the 单项否决 row of an unreachable site links a real PNG screenshot. A second
crawl without Chromium marks the pages instead and blames nobody for the unseen lists.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session

from govcrawl.annex.evidence import PNG_MAGIC
from govcrawl.annex.scoring import INCOMPLETE
from govcrawl.render.decide import NOTE_UNRENDERED
from govcrawl.storage.models import Column, FindingRow, Link, Page, Verdict
from tests.conftest import run_spider
from tests.sites_js.chromium import BROWSER_MARKS
from tests.sites_js.serve import Site, serve

AS_OF = "2026-11-20"
STALE, FRESH, WALLED, DOWN = "3307990001", "3307990002", "3307990003", "3307990005"
FAST = ('ITEM_PIPELINES={"govcrawl.pipelines.rules.RulesPipeline": 300, "govcrawl.pipelines.dedup.DedupPipeline": 400,'
        ' "govcrawl.pipelines.store.StorePipeline": 500}',
        "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "GOVCRAWL_RETRY_BACKOFF_BASE=0.1")
pytestmark = BROWSER_MARKS


def _closed_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@dataclass
class Crawl:
    out: Path
    engine: Engine
    sites: dict[str, Site]

    def rows(self, model: type, **where: object) -> list:  # type: ignore[type-arg]
        with Session(self.engine) as session:
            query = select(model)
            for name, value in where.items():
                query = query.where(getattr(model, name) == value)
            return list(session.scalars(query))


def _region(path: Path, sites: dict[str, Site], down_url: str) -> Path:
    entries = [("青溪县人民政府", STALE, sites[STALE].url), ("白沙镇人民政府", FRESH, sites[FRESH].url),
               ("石门区人民政府门户网站", WALLED, sites[WALLED].url), ("云岭乡人民政府", DOWN, down_url)]
    text = '[region]\ncode = "jsrender"\nname = "渲染测试区"\n'
    for name, code, url in entries:
        text += f'\n[[sites]]\nname = "{name}"\nurl = "{url}"\nsite_code = "{code}"\nowner = "{name}办公室"\n'
    path.write_text(text, encoding="utf-8")
    return path


def _crawl(tmp: Path, *settings: str, exit_status: int = 0) -> Iterator[Crawl]:
    with ExitStack() as stack:
        sites = {STALE: stack.enter_context(serve("jslist_stale", "127.0.1.81")),
                 FRESH: stack.enter_context(serve("jslist_fresh", "127.0.1.82")),
                 WALLED: stack.enter_context(serve("challenge", "127.0.1.83", challenge=True))}
        region = _region(tmp / "region.toml", sites, f"http://127.0.1.84:{_closed_port('127.0.1.84')}/")
        result = run_spider("gov", region, AS_OF, tmp / "out", *FAST, *settings)
        assert result.returncode == exit_status, result.stderr[-3000:]
        engine = create_engine(f"sqlite:///{tmp / 'out' / 'jsrender' / 'govcrawl.sqlite'}")
        yield Crawl(tmp / "out", engine, sites)
        engine.dispose()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    yield from _crawl(tmp_path_factory.mktemp("rendered"))


@pytest.fixture(scope="module")
def unrendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    tmp = tmp_path_factory.mktemp("unrendered")
    # pages that needed the browser were not judged: the annex is written, the check is incomplete (exit 3)
    yield from _crawl(tmp, f"GOVCRAWL_CHROMIUM_PATH={tmp / 'no-chromium'}", exit_status=3)


def _annex_rows(out: Path) -> list[dict[str, object]]:
    [path] = (out / "jsrender").glob("附件1-*.xlsx")
    sheet = openpyxl.load_workbook(path)["附件1"]
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, (cell.value for cell in row), strict=False)) for row in sheet.iter_rows(min_row=2)
            if row[0].value is not None]


def test_script_built_stale_column_is_found_stale(rendered: Crawl) -> None:
    column_url = rendered.sites[STALE].url + "gzdt/index.html"
    [column] = [c for c in rendered.rows(Column, site=STALE) if c.url.startswith(column_url.removesuffix("index.html"))]
    assert (column.newest_date, column.item_count, column.rendered) == (date(2026, 7, 15), 6, True)
    stale = [f for f in rendered.rows(FindingRow, subject=STALE) if f.problem_type == "栏目不更新"]
    assert [f.url.removesuffix("index.html") for f in stale] == [column_url.removesuffix("index.html")]
    assert not [f for f in rendered.rows(FindingRow, subject=STALE) if f.problem_type == "空白栏目"]
    annex = [r for r in _annex_rows(rendered.out) if r["网站标识码"] == STALE and r["问题类型"] == "栏目不更新"]
    assert len(annex) == 1 and "2026-07-15" in str(annex[0]["问题描述"])


def test_script_built_fresh_column_is_not_reported(rendered: Crawl) -> None:
    [column] = [c for c in rendered.rows(Column, site=FRESH) if "/gzdt/" in c.url]
    assert (column.newest_date, column.item_count) == (date(2026, 11, 18), 5)
    assert not [f for f in rendered.rows(FindingRow, subject=FRESH) if f.problem_type in ("栏目不更新", "空白栏目")]


def test_site_behind_a_challenge_has_no_broken_links(rendered: Crawl) -> None:
    links = rendered.rows(Link, site=WALLED)
    assert len(links) >= 8
    assert {link.verdict for link in links} == {"ok"}, [(x.url, x.status, x.verdict) for x in links]
    pages = rendered.rows(Page, site=WALLED)
    assert {p.status for p in pages} == {200}
    assert [p.url for p in pages if p.rendered] == [rendered.sites[WALLED].url]  # one browser visit
    assert not [f for f in rendered.rows(FindingRow, subject=WALLED) if f.problem_type == "不可用链接"]


def test_veto_row_links_a_real_screenshot(rendered: Crawl) -> None:
    [veto] = [f for f in rendered.rows(FindingRow, subject=DOWN) if f.problem_type == "站点无法访问"]
    assert veto.screenshot.startswith("evidence/") and veto.screenshot.endswith(".png")
    data = (rendered.out / "jsrender" / veto.screenshot).read_bytes()
    assert data[:8] == PNG_MAGIC and len(data) > 2000
    [row] = [r for r in _annex_rows(rendered.out) if r["网站标识码"] == DOWN and r["问题类型"] == "站点无法访问"]
    assert row["截图"] == veto.screenshot


def test_without_chromium_pages_are_marked_and_nobody_is_blamed(unrendered: Crawl) -> None:
    column_url = unrendered.sites[STALE].url + "gzdt/index.html"
    [page] = unrendered.rows(Page, url=column_url)
    assert (page.rendered, page.needs_rendering) == (False, True)
    for subject in (STALE, FRESH):
        blamed = [f for f in unrendered.rows(FindingRow, subject=subject)
                  if f.problem_type in ("栏目不更新", "空白栏目") and NOTE_UNRENDERED not in f.note]
        assert not blamed, [(f.problem_type, f.url) for f in blamed]
    assert not [link for link in unrendered.rows(Link, site=WALLED) if link.verdict == "broken"]


def test_without_chromium_a_site_whose_lists_were_unseen_is_never_passed(unrendered: Crawl) -> None:
    verdicts = {v.subject: v.verdict for v in unrendered.rows(Verdict)}
    assert verdicts[FRESH] == INCOMPLETE  # 合格 with a browser; its lists were never seen without one
    [path] = (unrendered.out / "jsrender").glob("附件1-*.xlsx")
    results = {row[3]: row for row in openpyxl.load_workbook(path)["检查结果"].iter_rows(values_only=True)}
    assert results[FRESH][8] == INCOMPLETE and "需浏览器渲染而未渲染" in str(results[FRESH][9])
