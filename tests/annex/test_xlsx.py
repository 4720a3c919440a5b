from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from govcrawl.annex.xlsx import ColumnSpec, Sheet, SheetSpec, write_workbook

SPEC = SheetSpec("附件1", (ColumnSpec("序号", 6), ColumnSpec("问题描述", 50), ColumnSpec("问题页面", 40, link=True),
                            ColumnSpec("发现时间", 12)))
HOSTILE = '=HYPERLINK("http://x","y")'


def write(tmp_path: Path, rows: list[list[object]], notes: tuple[str, ...] = ()) -> Path:
    return write_workbook(tmp_path / "out" / "附件.xlsx", [Sheet(SPEC, rows, notes)])  # type: ignore[arg-type]


def test_formula_like_text_stays_plain_text(tmp_path: Path) -> None:
    rows = [[1, HOSTILE, "http://127.0.1.1/a.html", date(2026, 9, 30)],
            [2, "+1", "-1", date(2026, 9, 30)], [3, "@SUM(A1)", "#N/A", None]]
    ws = load_workbook(write(tmp_path, rows))["附件1"]
    assert ws["B2"].value == HOSTILE and ws["B2"].data_type == "s"
    assert ws["B2"].quotePrefix
    assert [ws["B3"].value, ws["C3"].value, ws["B4"].value, ws["C4"].value] == ["+1", "-1", "@SUM(A1)", "#N/A"]
    assert all(cell.data_type == "s" for cell in (ws["B3"], ws["C3"], ws["B4"], ws["C4"]))


def test_control_characters_are_removed_not_fatal(tmp_path: Path) -> None:
    rows = [[1, "标题\x00\x07\x1b带控制符\t换\n行", "x\x0b", None], [2, "非字符\ufffe\uffff", "孤立代理\ud800", None]]
    ws = load_workbook(write(tmp_path, rows))["附件1"]
    assert ws["B2"].value == "标题带控制符\t换\n行" and ws["C2"].value == "x"
    assert ws["B3"].value == "非字符" and ws["C3"].value == "孤立代理"


def test_header_layout_and_only_web_urls_become_links(tmp_path: Path) -> None:
    rows = [[1, "d", "http://127.0.1.1/a.html", date(2026, 9, 30)], [2, "d", "javascript:alert(1)", None],
            [3, "d", "file:///etc/passwd", None]]
    path = write(tmp_path, rows, notes=("共检查1个网站",))
    ws = load_workbook(path)["附件1"]
    assert [c.value for c in ws[1]] == ["序号", "问题描述", "问题页面", "发现时间"]
    assert ws.freeze_panes == "A2" and ws.column_dimensions["B"].width == 50
    assert ws["C2"].hyperlink.target == "http://127.0.1.1/a.html"
    assert ws["C3"].hyperlink is None and ws["C4"].hyperlink is None
    assert ws["D2"].value.date() == date(2026, 9, 30)
    assert ws["A6"].value == "共检查1个网站"
    assert ws["B2"].alignment.wrap_text
    assert [p.name for p in path.parent.iterdir()] == ["附件.xlsx"]   # no temporary file left


def test_rewrite_replaces_the_file(tmp_path: Path) -> None:
    write(tmp_path, [[1, "old", "", None]])
    ws = load_workbook(write(tmp_path, [[1, "new", "", None]]))["附件1"]
    assert ws["B2"].value == "new" and ws.max_row == 2


def test_evidence_paths_link_to_files_beside_the_workbook(tmp_path: Path) -> None:
    spec = SheetSpec("附件1", (ColumnSpec("截图", file_link=True), ColumnSpec("备注")))
    rows = [["evidence/4110000001_严重表述错误_ab12.png", "evidence/x.png"],
            ["../secret.png", ""], ["/etc/passwd", ""], ["file:///etc/passwd", ""], ["=evidence/x.png", ""]]
    path = write_workbook(tmp_path / "a.xlsx", [Sheet(spec, rows)])
    ws = load_workbook(path)["附件1"]
    assert ws["A2"].hyperlink is not None and ws["A2"].hyperlink.target == "evidence/4110000001_严重表述错误_ab12.png"
    assert ws["B2"].hyperlink is None  # a column without file links stays text
    # nothing that leaves the folder or names another scheme becomes a link
    assert [ws[f"A{n}"].hyperlink for n in (3, 4, 5)] == [None, None, None]
    assert ws["A6"].data_type == "s" and ws["A6"].value == "=evidence/x.png"


def test_workbook_mode_follows_the_process_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        assert stat.S_IMODE(write(tmp_path, [[1, "x", "http://a.gov.cn/", "2026-11-20"]]).stat().st_mode) == 0o644
        os.umask(0o027)
        assert stat.S_IMODE(write(tmp_path, [[1, "x", "http://a.gov.cn/", "2026-11-20"]]).stat().st_mode) == 0o640
    finally:
        os.umask(previous)
