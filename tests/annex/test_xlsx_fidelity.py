"""The annex writer against openpyxl's own cell API: both annexes (附件1 with 检查结果 and 整改情况,
附件2 likewise) built as ``finalize_run`` and ``finalize_accounts`` build them, from findings full of
hostile text, must read back cell by cell (value, type, number format, font, fill, alignment,
quote prefix, hyperlink) and sheet by sheet (order, widths, frozen panes, filter, merged cells)
exactly as the same sheets written cell by cell through openpyxl's ``Workbook`` read back. The
reference states the writer's contract once more, independently of how the writer streams it."""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zipfile import ZipFile

from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from govcrawl.annex import accounts, sites
from govcrawl.annex.rectify import compare, rectify_sheet
from govcrawl.annex.scoring import FAIL, PASS, Score, unchecked, with_issues
from govcrawl.annex.xlsx import ColumnSpec, Sheet, SheetSpec, clean_text, is_relative_file, is_web_url, write_workbook
from govcrawl.model.findings import DEDUCTION, VETO, Finding
from govcrawl.regions import Account, Site
from govcrawl.storage.history import Inspection

Q2, Q3 = date(2026, 6, 30), date(2026, 9, 30)
LONG = "证据" * 20_000  # 40,000 characters: past one cell's limit
HOSTILE = ("=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "#N/A", "=HYPERLINK(\"http://x\",\"y\")", "  首尾空白　",
           "标题\x00\x07\x1b带控制符\t换\r\n行\x0b", "非BMP字符𠀀😀", "<b>标签</b> & \"引号\" 'apos'", "", LONG,
           "\u3000全角空格开头", "TRUE", "1e5", "0012")
URLS = ("http://127.0.1.1/a.html?x=1&y=\"2\"&z=<3>", "https://127.0.1.1/中文/路径.html", "javascript:alert(1)",
        "file:///etc/passwd", "HTTP://127.0.1.1/UPPER", "http://127.0.1.1/" + "a" * 2100, "=http://127.0.1.1/",
        "http://127.0.1.1/line\nbreak", "http:///no-host", "")
SHOTS = ("evidence/4110000001_错别字_ab12.png", "../secret.png", "/etc/passwd", "=evidence/x.png", "",
         "evidence/a&b.png")
SITES = (Site(name="=站点一", url="http://127.0.1.1/", site_code="4110000001", owner="@主办单位"),
         Site(name="站点二\x01", url="javascript:void(0)", site_code="4110000002", owner="主办\"单位\"二"),
         Site(name="站点三", url="https://127.0.1.3/?a=1&b=2", site_code="4110000003", owner="-主办单位三"))
ACCOUNTS = (Account(name="+账号一", platform="微信", owner="=主办", feed="http://127.0.1.9/feed?a=1&b=2",
                    interaction=True),
            Account(name="账号二", platform="微博", owner="主办\x1f二", feed="ftp://127.0.1.9/feed", interaction=False))


def findings(subjects: Sequence[str], types: Sequence[str], seen: date, count: int) -> list[Finding]:
    """``count`` findings cycling through hostile descriptions, URLs, evidence and screenshots."""
    made = []
    for n in range(count):
        url = URLS[n % len(URLS)]
        pages = (url, URLS[(n + 1) % len(URLS)], HOSTILE[n % len(HOSTILE)]) if n % 3 == 0 else ()
        made.append(Finding(subject=subjects[n % len(subjects)], problem_type=types[n % len(types)],
                            category=VETO if n % 5 == 0 else DEDUCTION, key=f"k{n % 7}", url=url,
                            description=HOSTILE[n % len(HOSTILE)], evidence=HOSTILE[(n + 3) % len(HOSTILE)],
                            seen=seen, rule="r", pages=pages, page_count=max(len(pages), 1),
                            screenshot=SHOTS[n % len(SHOTS)], note=HOSTILE[n % 4] if n % 4 == 1 else ""))
    return made


def scores(subjects: Sequence[str]) -> dict[str, Score]:
    made = [Score(subjects[0], 1, 3, 92.5, FAIL),
            with_issues(Score(subjects[1], 0, 0, 100.0, PASS), ["=规则出错\x07", "网络故障"])]
    made += [unchecked(subject) for subject in subjects[2:]]
    return {score.subject: score for score in made}


def annex1_sheets() -> list[Sheet]:
    """附件1, 检查结果 and 整改情况 as finalize_run builds them (an unknown subject included)."""
    codes = [site.site_code for site in SITES]
    now = findings([*codes, "4119999999"], sites.SITE_PROBLEM_TYPES, Q3, 60)
    history = [Inspection(1, Q2, tuple(findings(codes, sites.SITE_PROBLEM_TYPES, Q2, 30)[::2]))]
    units = {site.site_code: (site.owner, site.name) for site in SITES}
    return [Sheet(sites.ANNEX1, sites.annex_rows(SITES, now)),
            Sheet(sites.SITE_RESULTS, sites._result_rows(SITES, scores(codes)), ("检查日期：2026-09-30", "=合计")),
            rectify_sheet(compare(now, Q3, history), units, history)]


def annex2_sheets() -> list[Sheet]:
    """附件2, 检查结果 and 整改情况 as finalize_accounts builds them (no earlier inspection)."""
    names = [account.name for account in ACCOUNTS]
    now = findings(names, accounts.ACCOUNT_PROBLEM_TYPES, Q3, 25)
    units = {account.name: (account.owner, account.name) for account in ACCOUNTS}
    return [Sheet(accounts.ANNEX2, accounts._rows(ACCOUNTS, now)),
            Sheet(accounts.ACCOUNT_RESULTS, accounts._result_rows(ACCOUNTS, scores(names), {names[0]: 12}),
                  ("检查日期：2026-09-30",)),
            rectify_sheet(compare(now, Q3, []), units, [])]


def _reference_cell(cell: Any, value: object, column: ColumnSpec | None) -> None:
    """One cell through openpyxl's cell API: data never a formula, links only where the contract allows."""
    if column is not None:
        cell.alignment = Alignment(wrap_text=column.wrap, vertical="top")
    if isinstance(value, datetime):
        cell.value, cell.number_format = value, "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.value, cell.number_format = value, "yyyy-mm-dd"
    elif not isinstance(value, str):
        cell.value = value
    else:
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"
        cell.quotePrefix = text.startswith(("=", "+", "-", "@"))
        if column is not None and ((column.link and is_web_url(text)) or (column.file_link and is_relative_file(text))):
            cell.hyperlink = text
            cell.font = Font(color="0563C1", underline="single")


def reference_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.spec.title)
        for index, column in enumerate(sheet.spec.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
            header = ws.cell(1, index, column.header)
            header.font, header.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
            header.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        if sheet.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.spec.columns))}{len(sheet.rows) + 1}"
        for row_no, row in enumerate(sheet.rows, start=2):
            for col_no, (column, value) in enumerate(zip(sheet.spec.columns, row, strict=True), start=1):
                _reference_cell(ws.cell(row_no, col_no), value, column)
        first_note = len(sheet.rows) + 3
        for offset, note in enumerate(sheet.notes):
            _reference_cell(ws.cell(first_note + offset, 1), note, None)
    workbook.save(path)
    return path


def dump(path: Path) -> list[Any]:
    """Everything a reader sees of the workbook at ``path``, sheet by sheet and cell by cell."""
    workbook = load_workbook(path)
    out: list[Any] = []
    for ws in workbook.worksheets:
        widths = {key: (dim.width, dim.customWidth) for key, dim in ws.column_dimensions.items() if dim.customWidth}
        out.append((ws.title, ws.freeze_panes, ws.sheet_view, ws.sheet_format, ws.page_margins, ws.auto_filter.ref,
                    sorted(widths.items()), sorted(str(r) for r in ws.merged_cells.ranges), ws.max_row, ws.max_column))
        for row in ws.iter_rows():
            for cell in row:
                link = cell.hyperlink.target if cell.hyperlink is not None else None
                styles = (copy(cell.font), copy(cell.fill), copy(cell.alignment), copy(cell.border),
                          copy(cell.protection))  # the style objects, not openpyxl's proxies of them
                out.append((cell.coordinate, cell.value, cell.data_type, cell.number_format, *styles,
                            cell.quotePrefix, link))
    return out


def assert_same(written: Path, expected: Path) -> None:
    mine, theirs = dump(written), dump(expected)
    assert len(mine) == len(theirs)
    for got, want in zip(mine, theirs, strict=True):
        assert got == want


def test_annex1_reads_back_as_openpyxl_writes_it(tmp_path: Path) -> None:
    sheets = annex1_sheets()
    assert len(sheets[0].rows) > 30 and any(len(str(c)) > 32767 for row in sheets[0].rows for c in row)
    assert_same(write_workbook(tmp_path / "附件1.xlsx", sheets), reference_workbook(tmp_path / "ref.xlsx", sheets))


def test_annex2_reads_back_as_openpyxl_writes_it(tmp_path: Path) -> None:
    sheets = annex2_sheets()
    assert_same(write_workbook(tmp_path / "附件2.xlsx", sheets), reference_workbook(tmp_path / "ref.xlsx", sheets))


def test_text_with_outer_whitespace_is_kept_whole(tmp_path: Path) -> None:
    """Excel may drop an inline string's outer whitespace unless xml:space says to keep it; openpyxl
    reads it back either way, so the XML itself is looked at."""
    spec = SheetSpec("附件1", (ColumnSpec("问题描述"),))
    path = write_workbook(tmp_path / "w.xlsx", [Sheet(spec, [["  两端空白　"], ["无空白"]])])
    with ZipFile(path) as package:
        sheet = etree.fromstring(package.read("xl/worksheets/sheet1.xml"))
    space = "{http://www.w3.org/XML/1998/namespace}space"
    texts = {t.text: t.get(space) for t in sheet.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t")}
    assert texts["  两端空白　"] == "preserve" and texts["无空白"] is None


def test_the_comparison_sees_a_difference(tmp_path: Path) -> None:
    """The dump is not blind: one changed cell value, one lost quote prefix, one lost link differ."""
    spec = SheetSpec("附件1", (ColumnSpec("问题页面", link=True),))
    reference = dump(reference_workbook(tmp_path / "ref.xlsx", [Sheet(spec, [["http://127.0.1.1/"], ["=1"]])]))
    for rows in ([["http://127.0.1.1/x"], ["=1"]], [["http://127.0.1.1/"], ["1"]], [["ftp://127.0.1.1/"], ["=1"]]):
        assert dump(write_workbook(tmp_path / "w.xlsx", [Sheet(spec, rows)])) != reference
