"""A safe workbook writer shared by both annexes: sheets described by column specs.

Safety first, because every cell comes from a crawled page: text never becomes a formula (a title
``=HYPERLINK(…)`` stays that text: the cell is typed string and quote-prefixed), characters XLSX
cannot hold are removed, over-long text is cut to Excel's cell limit, and only http(s) URLs become
hyperlinks. The file is written to a temporary name beside the target and renamed into place, so
a reader never sees half a workbook.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from govcrawl.home import file_mode

logger = logging.getLogger(__name__)

CellValue = str | int | float | date | None

_FORMULA_START = ("=", "+", "-", "@")
_MAX_CELL_CHARS = 32767       # Excel's limit for one cell
_MAX_LINK_CHARS = 2079        # longer hyperlink targets make Excel refuse the file
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_PLAIN = Alignment(vertical="top")
_LINK_FONT = Font(color="0563C1", underline="single")


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its header, width in characters, whether http(s) values become links, and
    whether values are paths of files beside the workbook (evidence) that become links."""

    header: str
    width: float = 14.0
    link: bool = False
    wrap: bool = True
    file_link: bool = False


@dataclass(frozen=True)
class SheetSpec:
    title: str
    columns: tuple[ColumnSpec, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


@dataclass(frozen=True)
class Sheet:
    """A sheet to write: rows in column order, and note lines written under the table."""

    spec: SheetSpec
    rows: Sequence[Sequence[CellValue]]
    notes: Sequence[str] = ()


def clean_text(value: str) -> str:
    """``value`` without the control characters XLSX cannot store, cut to one cell's limit with a
    marker that says so (a silently shortened cell would read as the whole text)."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) <= _MAX_CELL_CHARS:
        return value
    marker = f"…【已截断：原文{len(value)}字】"
    return value[:_MAX_CELL_CHARS - len(marker)] + marker


def is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and len(value) <= _MAX_LINK_CHARS


def is_relative_file(value: str) -> bool:
    """A plain relative path below the workbook's folder (no scheme, no way up, no absolute path)."""
    path = PurePosixPath(value)
    return (bool(value) and not urlsplit(value).scheme and not path.is_absolute()
            and ".." not in path.parts and len(value) <= _MAX_LINK_CHARS)


def set_value(cell: Cell | MergedCell, value: CellValue, *, link: bool = False, file_link: bool = False) -> None:
    """Put ``value`` in ``cell`` as data, never as a formula; http(s) text gets a hyperlink when
    ``link``, a relative file path when ``file_link``."""
    if isinstance(value, datetime):
        cell.value = value
        cell.number_format = "yyyy-mm-dd hh:mm"
        return
    if isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
        return
    if not isinstance(value, str):
        cell.value = value
        return
    text = clean_text(value)
    cell.value = text
    cell.data_type = "s"  # openpyxl would type "=…" as a formula and "#N/A" as an error
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # and Excel would re-read it as one when the cell is edited
    if (link and is_web_url(text)) or (file_link and is_relative_file(text)):
        cell.hyperlink = text
        cell.font = _LINK_FONT


def _align(cell: Any, alignment_id: int) -> None:
    """What ``cell.alignment = …`` does, given the alignment's index in the workbook's style table."""
    if not cell._style:
        cell._style = StyleArray()
    cell._style.alignmentId = alignment_id


def _fill_sheet(ws: Any, sheet: Sheet) -> None:
    """Stream ``sheet`` into the write-only worksheet ``ws`` (an annex may hold 100,000 rows: write-only
    mode keeps no cell in memory once written). Column widths, the frozen header and the filter are
    set before the rows, as write-only mode requires."""
    columns = sheet.spec.columns
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    if sheet.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(sheet.rows) + 1}"
    headers = []
    for header_text in sheet.spec.headers:
        header = WriteOnlyCell(ws, value=header_text)
        header.font = Font(bold=True)
        header.fill = _HEADER_FILL
        header.alignment = _WRAP
        headers.append(header)
    ws.append(headers)
    # Each cell's alignment by its index in the workbook's style table, looked up once, not hashed anew
    # per cell (openpyxl's style setter would).
    alignments = {wrap: ws.parent._alignments.add(_WRAP if wrap else _PLAIN) for wrap in (True, False)}
    for row_no, row in enumerate(sheet.rows, start=2):
        if len(row) != len(columns):
            raise ValueError(f"sheet {sheet.spec.title!r}: row {row_no} has {len(row)} cells, "
                             f"the spec {len(columns)}")
        cells = []
        for column, value in zip(columns, row, strict=True):
            cell = WriteOnlyCell(ws)
            set_value(cell, value, link=column.link, file_link=column.file_link)
            _align(cell, alignments[column.wrap])
            cells.append(cell)
        ws.append(cells)
    if sheet.notes:
        ws.append([])
    for note in sheet.notes:
        cell = WriteOnlyCell(ws)
        set_value(cell, note)
        ws.append([cell])


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    """Write ``sheets`` (in order) to ``path`` atomically; returns ``path``."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _fill_sheet(workbook.create_sheet(title=sheet.spec.title), sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    os.close(fd)
    try:
        workbook.save(tmp_name)
        os.chmod(tmp_name, file_mode())  # mkstemp made it 0600; the annex is read by the whole office
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    logger.info("wrote %s", path)
    return path


def read_notes(path: Path, title: str) -> list[str]:
    """The notes written under the rows of sheet ``title`` (what the demo and people print back)."""
    workbook = load_workbook(path, read_only=True)
    try:
        column = [row[0] for row in workbook[title].iter_rows(min_col=1, max_col=1, values_only=True)]
    finally:
        workbook.close()
    gap = column.index(None) if None in column else len(column)
    return [str(value) for value in column[gap:] if value is not None]
