"""Honest status: a rule that raises, or a crawl that did not finish, makes a site's check
incomplete (检查未完成 with its reason in 未完成项, never 合格), and ``scrapy annex`` says so in its
exit status; a missing optional component costs one feature, never the annex."""

from __future__ import annotations

import errno
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from govcrawl import rules as registry
from govcrawl.annex import sites as annex_sites
from govcrawl.annex.evidence import take_screenshots
from govcrawl.annex.scoring import FAIL, INCOMPLETE, PASS
from govcrawl.annex.sites import finalize_run
from govcrawl.annex.xlsx import ColumnSpec, Sheet, SheetSpec, write_workbook
from govcrawl.model.findings import VETO
from govcrawl.regions import Region
from govcrawl.storage.models import Run, Verdict
from govcrawl.storage.run_issues import EVERY_SUBJECT, record_issues
from tests.commands.test_annex import PROJECT, build_db, rows_of, settings_for

CLEAN_SITE = "4110000002"   # 合格 when every rule runs
FAILING_SITE = "4110000001"  # 不合格 on its findings


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[Engine, int, Region, Path]]:
    engine, run_id, region = build_db(tmp_path)
    yield engine, run_id, region, tmp_path
    engine.dispose()


class _Boom:
    ID = "boom"
    SCOPE = "site"

    @staticmethod
    def check(subject: Any, conf: Any) -> Any:
        raise RuntimeError("rule bug")


def test_apply_reports_a_rule_that_raises() -> None:
    failures: list[str] = []
    assert registry.apply([_Boom()], object(), {}, "label", failures) == []  # type: ignore[list-item]
    assert failures == ["规则 boom 出错（RuntimeError）"]


def test_a_site_rule_that_raises_is_never_silently_passed(built: tuple[Engine, int, Region, Path],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    engine, run_id, region, output = built
    monkeypatch.setattr(annex_sites, "rules_for", lambda scope: (*registry.rules_for(scope), _Boom()))
    result = finalize_run(engine, run_id, region, settings_for(output))
    verdicts = {s.subject: s for s in result.scores}
    assert verdicts[CLEAN_SITE].verdict == INCOMPLETE  # would be 合格 without the failing rule
    assert verdicts[FAILING_SITE].verdict == FAIL      # its problems are real all the same
    assert not result.complete and "检查未完成" in result.summary
    assert any(line.startswith(f"INCOMPLETE {CLEAN_SITE}") and "boom" in line for line in result.lines())
    results = rows_of(result.path, "检查结果")
    assert results[0][-1] == "未完成项"
    assert results[2][8:] == [INCOMPLETE, "规则 boom 出错（RuntimeError）"]
    with Session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None and "boom" in run.incomplete
        stored = dict(session.execute(select(Verdict.subject, Verdict.verdict).where(Verdict.run_id == run_id)).all())
        assert stored[CLEAN_SITE] == INCOMPLETE


def test_complete_run_stays_complete_and_issues_are_read_back(built: tuple[Engine, int, Region, Path]) -> None:
    engine, run_id, region, output = built
    first = finalize_run(engine, run_id, region, settings_for(output))
    assert first.complete and {s.verdict for s in first.scores} >= {PASS, FAIL}
    record_issues(engine, run_id, [(EVERY_SUBJECT, "抓取未正常结束（shutdown）")])
    record_issues(engine, run_id, [(EVERY_SUBJECT, "抓取未正常结束（shutdown）")])  # never twice
    again = finalize_run(engine, run_id, region, settings_for(output))
    assert not again.complete
    assert all(s.incomplete == ("抓取未正常结束（shutdown）",) for s in again.scores)
    assert PASS not in {s.verdict for s in again.scores}


def _annex(region: Region, output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).with_name("scrapy")), "annex", "-a", f"region={region.path}",
                           "-a", "as_of=2026-09-30", "-s", f"OUTPUT_DIR={output}", "-s", "GOVCRAWL_SCREENSHOTS=False"],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120)


def test_scrapy_annex_exit_status_says_incomplete_and_unwritable(built: tuple[Engine, int, Region, Path]) -> None:
    engine, run_id, region, output = built
    record_issues(engine, run_id, [(CLEAN_SITE, "网络故障：外部链接未检查")])
    engine.dispose()
    done = _annex(region, output)
    assert done.returncode == 3, done.stderr
    assert f"INCOMPLETE {CLEAN_SITE}" in done.stdout and "网络故障" in done.stdout
    annex = output / "testland" / "附件1-测试市政府网站问题情况-2026-09-30.xlsx"
    before = annex.read_bytes()
    # root ignores permissions: a folder standing where the workbook goes makes the write fail honestly
    annex.rename(annex.with_suffix(".keep"))
    annex.mkdir()
    failed = _annex(region, output)
    assert failed.returncode == 1
    assert "NOT written" in failed.stderr and "Traceback" not in failed.stderr
    annex.rmdir()
    annex.with_suffix(".keep").rename(annex)
    assert annex.read_bytes() == before  # the previous annex is intact


def test_disk_full_keeps_the_previous_annex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "附件1.xlsx"
    sheet = Sheet(SheetSpec("附件1", (ColumnSpec("序号", 6),)), [[1]])
    write_workbook(path, [sheet])
    before = path.read_bytes()

    def full(target: IO[bytes], *_: Any) -> None:
        target.write(b"PK partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("govcrawl.annex.xlsx.write_package", full)
    with pytest.raises(OSError, match="No space left"):
        write_workbook(path, [sheet])
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [path.name]


def test_screenshots_without_playwright_degrade_to_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "playwright", None)  # import playwright → ImportError
    monkeypatch.setitem(sys.modules, "playwright.async_api", None)

    class Row:
        id, subject, problem_type, category, key = 1, "4110000001", "站点无法访问", VETO, "k"
        url, evidence, screenshot = "http://127.0.1.60/", "", ""

    with caplog.at_level("WARNING"):
        assert take_screenshots([Row()], tmp_path, sys.executable, 5.0) == {}
    assert "evidence screenshots unavailable" in caplog.text and "annex is written without them" in caplog.text


def test_screenshots_without_a_chinese_font_degrade_to_a_warning(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    class Row:
        id, subject, problem_type, category, key = 1, "4110000001", "站点无法访问", VETO, "k"
        url, evidence, screenshot = "http://127.0.1.60/", "", ""

    (tmp_path / "fonts").mkdir()
    with caplog.at_level("WARNING"):
        assert take_screenshots([Row()], tmp_path, sys.executable, 5.0, fonts=[tmp_path / "fonts"]) == {}
    assert "no Chinese font" in caplog.text and "annex is written without them" in caplog.text
    assert not (tmp_path / "evidence").exists()
