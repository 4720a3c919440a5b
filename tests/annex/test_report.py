"""The draft 通报 over three stored inspections, read back with python-docx: it says what the
annexes say (counts, 合格率, units), compares with the previous inspection, and ``scrapy report``
writes it from the database alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest

from govcrawl.annex.chart import FONT_MISSING, cjk_font
from govcrawl.annex.circular import circular, numeral, quarter
from govcrawl.annex.report import report_path, write_report
from govcrawl.annex.xlsx import read_notes
from tests.annex.history_db import Q2, Q3, sheet, three_inspections

PROJECT = Path(__file__).resolve().parents[2]


def text_of(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.fixture
def report(tmp_path: Path) -> tuple[Path, list[str], Path]:
    engine, region, _, written = three_inspections(tmp_path)
    path = write_report(engine, region, tmp_path)
    engine.dispose()
    assert path == report_path(tmp_path, region, Q3) == tmp_path / "rectland" / "通报-整改市-2026-09-30.docx"
    return path, text_of(path), written[Q3].path


def test_the_circular_says_what_the_annex_says(report: tuple[Path, list[str], Path]) -> None:
    _, paragraphs, annex = report
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "关于2026年第三季度全整改市政府网站和政务新媒体检查情况的通报" == \
        f"关于{quarter(Q3)}全整改市政府网站和政务新媒体检查情况的通报"
    assert "国办秘函〔2019〕19号" in paragraphs[1]
    summary = read_notes(annex, "检查结果")[1]
    assert summary == "共检查3个网站，合格2个，不合格1个，合格率66.7%"
    assert "共检查全整改市网站3个，检查比例100%，合格2个，不合格1个，合格率66.7%。" in text
    rows = [r for r in sheet(annex, "附件1")[1:] if r[0] is not None]
    for name in {r[2] for r in rows}:
        assert name in text
    assert "1. 首页不更新。整改市卫生健康委员会（1处），共1个网站1处。" in paragraphs
    assert "3. 错别字。整改市人民政府（1处）、整改市教育局（1处），共2个网站2处。" in paragraphs
    assert len([r for r in rows if r[6] == "错别字"]) == 2
    assert "附件：1. 附件1-整改市政府网站问题情况-2026-09-30.xlsx" in paragraphs


def test_the_circular_compares_with_the_previous_inspection_and_ranks_by_score(
        report: tuple[Path, list[str], Path]) -> None:
    _, paragraphs, annex = report
    assert (f"网站：与上次检查（{Q2.isoformat()}）相比，上次发现的问题1个中已整改0个、未整改1个，本次新发现问题3个。"
            "存在未整改问题的单位：整改市人民政府（1个）。连续2次检查未整改的单位：整改市人民政府。") in paragraphs
    scores = {r[1]: r[7] for r in sheet(annex, "检查结果")[1:4]}
    assert scores == {"整改市人民政府": 99, "整改市教育局": 99, "整改市卫生健康委员会": 95}, "vetoed, still scored"
    assert "网站：90—100分（3个）：整改市人民政府、整改市教育局、整改市卫生健康委员会（单项否决）。" in paragraphs
    assert paragraphs.index("（一）政府网站") < paragraphs.index("（二）整改情况") < paragraphs.index("（三）得分情况")
    assert "三、工作要求" in paragraphs


def test_the_chart_is_embedded_when_a_cjk_font_is_installed(report: tuple[Path, list[str], Path]) -> None:
    path, paragraphs, _ = report
    shapes = docx.Document(str(path)).inline_shapes
    if cjk_font() is None:
        assert len(shapes) == 0 and FONT_MISSING in paragraphs
    else:
        assert len(shapes) == 1 and "图1 合格率变化及问题类型分布" in paragraphs


def test_scrapy_report_writes_from_the_database(tmp_path: Path) -> None:
    engine, region, _, _ = three_inspections(tmp_path)
    engine.dispose()
    scrapy = str(Path(sys.executable).with_name("scrapy"))
    done = subprocess.run([scrapy, "report", "-a", f"region={region.path}", "-a", f"as_of={Q2}",
                           "-s", f"OUTPUT_DIR={tmp_path}"], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "rectland" / "通报-整改市-2026-06-30.docx"
    assert done.stdout.strip() == str(path)
    text = "\n".join(text_of(path))
    assert "关于2026年第二季度" in text and "已整改1个、未整改1个，本次新发现问题0个" in text
    missing = subprocess.run([scrapy, "report", "-a", f"region={region.path}", "-a", "as_of=2020-01-01",
                              "-s", f"OUTPUT_DIR={tmp_path}"], cwd=PROJECT, capture_output=True, text=True,
                             timeout=120)
    assert missing.returncode == 1 and "no run of region rectland" in missing.stdout


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")])
def test_groups_past_ten_are_numbered_in_chinese(n: int, text: str) -> None:
    assert numeral(n) == text


def test_the_region_files_basis_and_requirements_replace_the_defaults() -> None:
    drafted = circular("整改市", Q3, [], "《整改市网站管理办法》", "一是抓整改。\n\n二是建机制。")
    text = [p.text for p in drafted.paragraphs]
    assert "（国办秘函〔2019〕19号）和《整改市网站管理办法》要求" in text[1]
    assert text[text.index("三、工作要求") + 1:text.index("三、工作要求") + 3] == ["一是抓整改。", "二是建机制。"]
    assert not any(line.startswith("（一）抓紧整改") for line in text)
