"""Evidence screenshots: which findings get one, their names, and real captures with Chromium."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from govcrawl.annex.evidence import PNG_MAGIC, attach_screenshots, highlight_needles, screenshot_name, take_screenshots
from govcrawl.config import setting_defaults
from govcrawl.model.findings import DEDUCTION, VETO
from govcrawl.storage.engine import make_engine
from govcrawl.storage.models import FindingRow, Run
from tests.sites_js.chromium import CHROMIUM as CHROMIUM_PATH
from tests.sites_js.chromium import needs_chromium
from tests.sites_js.serve import serve

CHROMIUM = str(CHROMIUM_PATH)


@dataclass(frozen=True)
class Row:
    id: int
    subject: str
    problem_type: str
    category: str
    key: str
    url: str
    evidence: str = ""
    screenshot: str = ""


def _assert_png(path: Path) -> None:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    assert len(data) > 10_000  # a rendered page, not an empty canvas


def test_only_serious_findings_with_a_page_are_captured(tmp_path: Path) -> None:
    rows = [Row(1, "3307990004", "错别字", DEDUCTION, "部暑", "http://127.0.1.70/"),
            Row(2, "3307990004", "元数据缺失", DEDUCTION, "x", "http://127.0.1.70/"),
            Row(3, "3307990004", "站点无法访问", VETO, "home", "")]
    assert take_screenshots(rows, tmp_path, str(tmp_path / "no-chromium"), 5) == {}
    assert not (tmp_path / "evidence").exists()


def test_names_are_safe_and_stable() -> None:
    name = screenshot_name("3307990004", "暗链或违规内容", "http://127.0.9.9/bet?a=1&b=/x")
    assert name == screenshot_name("3307990004", "暗链或违规内容", "http://127.0.9.9/bet?a=1&b=/x")
    assert name.startswith("3307990004_暗链或违规内容_") and name.endswith(".png")
    assert "/" not in name and "?" not in name
    assert name != screenshot_name("3307990004", "暗链或违规内容", "http://127.0.9.9/other")
    assert screenshot_name("a/../b", "严重表述错误", "k").startswith("a_b_")


def test_needles_go_from_the_key_to_pieces_of_the_evidence() -> None:
    assert highlight_needles("中华人民共合国", "…认真落实中华人民共合国乡村振兴促进法，推动…") == [
        "中华人民共合国", "…认真落实中华人民共合国乡村振兴促进法，推动…".strip("…"),
        "认真落实中华人民共合国乡村振兴促进法", "推动"]
    assert highlight_needles("hidden:font-size:0:qp.x.invalid", "开元棋牌、真人娱乐 → qp.x.invalid")[2:] == [
        "开元棋牌", "真人娱乐", "qp.x.invalid"]


def test_existing_screenshots_are_kept_without_a_browser(tmp_path: Path) -> None:
    row = Row(7, "3307990004", "严重表述错误", DEDUCTION, "中华人民共合国", "http://127.0.1.70/")
    existing = tmp_path / "evidence" / screenshot_name(row.subject, row.problem_type, row.key)
    existing.parent.mkdir()
    existing.write_bytes(PNG_MAGIC + b"\0" * 64)
    assert take_screenshots([row], tmp_path, str(tmp_path / "no-chromium"), 5) == {7: f"evidence/{existing.name}"}


@needs_chromium
def test_screenshots_mark_the_phrase_and_reveal_hidden_links(tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    with serve("evidence", "127.0.1.70") as site, caplog.at_level(logging.INFO, logger="govcrawl.annex.evidence"):
        rows = [Row(1, "3307990004", "严重表述错误", DEDUCTION, "中华人民共合国", site.url,
                    "认真落实中华人民共合国乡村振兴促进法"),
                Row(2, "3307990004", "暗链或违规内容", DEDUCTION, "http://127.0.9.9/bet", site.url,
                    "澳门新葡京娱乐场在线博彩")]
        paths = take_screenshots(rows, tmp_path, CHROMIUM, 20)
    assert set(paths) == {1, 2}
    for relative in paths.values():
        _assert_png(tmp_path / relative)
    assert not [r for r in caplog.records if "not found" in r.getMessage()]


@needs_chromium
def test_challenged_page_and_unreachable_site_are_captured(tmp_path: Path) -> None:
    with serve("challenge", "127.0.1.71", challenge=True) as site:
        rows = [Row(1, "3307990003", "栏目不更新", VETO, site.url + "xxgk/index.html", site.url + "xxgk/index.html",
                    "2026-11-06"),
                # nothing listens on port 9 of this address: Chromium's error page is the evidence
                Row(2, "3307990003", "站点无法访问", VETO, "home", "http://127.0.1.72:8/")]
        paths = take_screenshots(rows, tmp_path, CHROMIUM, 20)
        cleared = [path for _method, path, ok in site.requests if ok]
    assert set(paths) == {1, 2}
    assert "/xxgk/index.html" in cleared  # the screenshot shows the page, not the challenge
    _assert_png(tmp_path / paths[1])
    assert (tmp_path / paths[2]).read_bytes()[:8] == PNG_MAGIC


@needs_chromium
def test_attach_screenshots_fills_the_rows_of_a_run(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with serve("evidence", "127.0.1.73") as site, Session(engine) as session, session.begin():
        run = Run(region="t", spider="gov", as_of=date(2026, 11, 20), started_at=datetime.now())
        session.add(run)
        session.flush()
        for problem_type, key in (("严重表述错误", "中华人民共合国"), ("错别字", "部暑")):
            session.add(FindingRow(run_id=run.id, subject="3307990004", problem_type=problem_type, category=DEDUCTION,
                                   key=key, description="d", url=site.url, evidence=key, seen=date(2026, 11, 20),
                                   rule="r"))
        session.flush()
        settings = {**setting_defaults(), "GOVCRAWL_CHROMIUM_PATH": CHROMIUM, "GOVCRAWL_SCREENSHOT_TIMEOUT": 20}
        assert attach_screenshots(session, run.id, tmp_path, settings) == 1
        shots = {row.problem_type: row.screenshot for row in session.scalars(select(FindingRow))}
    assert shots["错别字"] == ""
    _assert_png(tmp_path / shots["严重表述错误"])
