"""Bad input: every broken argument or region file gives one clear message, a non-zero exit and
writes nothing; hostile text never breaks or poisons a workbook cell."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from govcrawl.annex.xlsx import ColumnSpec, Sheet, SheetSpec, write_workbook
from tests.conftest import REPO, SCRAPY

REGION = """
[region]
code = "badland"
name = "测试市"

[[sites]]
name = "测试市人民政府"
url = "http://127.0.1.60/"
site_code = "4110000060"
owner = "测试市人民政府办公室"
"""


def _run(output: Path, command: tuple[str, ...], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRAPY), *command, *args, "-s", f"OUTPUT_DIR={output}"], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


GOV, ANNEX_SPIDER, ANNEX = ("crawl", "gov"), ("crawl", "annex"), ("annex",)


@pytest.mark.parametrize(("case", "command", "args", "message"), [
    ("unknown argument", GOV, ("-a", "region={region}", "-a", "asof=2026-09-30"), "unknown spider argument(s) asof"),
    ("bad as_of", GOV, ("-a", "region={region}", "-a", "as_of=2026-13-40"), "as_of must be a date"),
    ("unknown region", GOV, ("-a", "region=no-such-region", "-a", "as_of=2026-09-30"), "no region file"),
    ("unreadable file", GOV, ("-a", "region={folder}", "-a", "as_of=2026-09-30"), "cannot read the region file"),
    ("broken toml", GOV, ("-a", "region={broken}", "-a", "as_of=2026-09-30"), "not valid TOML"),
    ("hostile region name", GOV, ("-a", "region={hostile}",), "it names the annex files"),
    ("annex spider, bad previous", ANNEX_SPIDER, ("-a", "region={region}", "-a", "previous=last"),
     "previous must be a date"),
    ("annex command, unknown argument", ANNEX, ("-a", "region={region}", "-a", "asof=2026-09-30"),
     "unknown argument(s) asof"),
    ("annex command, bad as_of", ANNEX, ("-a", "region={region}", "-a", "as_of=30.9.2026"), "as_of must be YYYY-MM-DD"),
    ("annex command, broken toml", ANNEX, ("-a", "region={broken}",), "not valid TOML"),
])
def test_bad_input_is_one_clear_message_and_nothing_written(tmp_path: Path, case: str, command: tuple[str, ...],
                                                            args: tuple[str, ...], message: str) -> None:
    region = tmp_path / "in" / "badland.toml"
    region.parent.mkdir()
    region.write_text(REGION, encoding="utf-8")
    broken = tmp_path / "in" / "broken.toml"
    broken.write_text("[region\ncode = ", encoding="utf-8")
    folder = tmp_path / "in" / "folder.toml"
    folder.mkdir()
    hostile = tmp_path / "in" / "hostile.toml"
    hostile.write_text(REGION.replace('name = "测试市"', 'name = "../../测试市"'), encoding="utf-8")
    output = tmp_path / "out"
    done = _run(output, command, *(a.format(region=region, broken=broken, folder=folder, hostile=hostile)
                                   for a in args))
    assert done.returncode == 2, case  # Scrapy's usage error
    assert message in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, case
    assert not output.exists() or not any(output.rglob("*")), case


def test_hostile_cells_stay_text_and_long_cells_are_cut_with_a_marker(tmp_path: Path) -> None:
    long = "字" * 40_000
    hostile = ['=cmd|"/c calc"!A1', "+1+1", "-2", "@SUM(A1)", "a\x00b\x07c\x1bd", long,
               "../../etc/passwd<>:|?*.xlsx"]
    spec = SheetSpec("附件1", tuple(ColumnSpec(f"c{i}", 10) for i in range(len(hostile))))
    path = write_workbook(tmp_path / "x.xlsx", [Sheet(spec, [hostile])])
    sheet = load_workbook(path)["附件1"]
    cells = [cell.value for cell in sheet[2]]
    assert all(cell.data_type == "s" for cell in sheet[2])  # no formula, no error value
    assert cells[:4] == ['=cmd|"/c calc"!A1', "+1+1", "-2", "@SUM(A1)"]
    assert cells[4] == "abcd"
    assert len(cells[5]) == 32_767 and cells[5].endswith("【已截断：原文40000字】")
    assert cells[6] == hostile[6]
