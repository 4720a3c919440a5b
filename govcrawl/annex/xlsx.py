"""A safe workbook writer shared by both annexes: sheets described by column specs.

Safety first, because every cell comes from a crawled page: text never becomes a formula (a title
``=HYPERLINK(…)`` stays that text: the cell is typed string and quote-prefixed), characters XLSX
cannot hold are removed, over-long text is cut to Excel's cell limit, and only http(s) URLs become
hyperlinks. The file is written to a temporary name beside the target and renamed into place, so
a reader never sees half a workbook.

Sheets are streamed as SpreadsheetML text (an annex may hold 100,000 rows, and a cell object per
value made openpyxl's write-only mode most of the time of writing one); each column's cell formats
are numbered once, before its rows. ``_ooxml`` holds the package around the rows: styles, links,
workbook; the workbook reads back as openpyxl wrote it cell by cell (tests/annex/test_xlsx_fidelity).
"""

from __future__ import annotations

import logging
import math
import os
import re
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urlsplit

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from govcrawl.annex._ooxml import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    FILL_HEADER,
    FONT_BOLD,
    FONT_LINK,
    PartSheet,
    Style,
    StyleTable,
    sheet_head,
    sheet_tail,
    text,
    write_package,
)
from govcrawl.home import file_mode

logger = logging.getLogger(__name__)

CellValue = str | int | float | date | None

_FORMULA_START = ("=", "+", "-", "@")
_MAX_CELL_CHARS = 32767       # Excel's limit for one cell
_MAX_LINK_CHARS = 2079        # longer hyperlink targets make Excel refuse the file
# what XML 1.0 cannot hold: C0 controls but tab, newline and carriage return; surrogates; U+FFFE/FFFF
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
    """``value`` without the characters XLSX cannot store (control characters, lone surrogates,
    U+FFFE/U+FFFF: one such character on a page would otherwise fail the whole workbook), cut to one
    cell's limit with a marker that says so (a silently shortened cell would read as the whole text)."""
    value = _ILLEGAL.sub("", value)
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


@dataclass(frozen=True)
class _Formats:
    """The ``s`` attributes of one column's cells, numbered once: text, quote-prefixed text, link
    (plain and quote-prefixed), number, date, date and time."""

    text: str
    quoted: str
    link: str
    quoted_link: str
    number: str
    date: str
    datetime: str

    @classmethod
    def of(cls, styles: StyleTable, wrap: bool | None) -> _Formats:
        """A column's formats: top-aligned and wrapped or not, or unaligned (None), as the old
        writer's cells were."""
        plain, link = Style(wrap=wrap), Style(wrap=wrap, font=FONT_LINK)
        return cls(text=styles.attr(plain), quoted=styles.attr(replace(plain, quote=True)),
                   link=styles.attr(link), quoted_link=styles.attr(replace(link, quote=True)),
                   number=styles.attr(plain), date=styles.attr(replace(plain, number_format=DATE_FORMAT)),
                   datetime=styles.attr(replace(plain, number_format=DATETIME_FORMAT)))


@dataclass(frozen=True)
class _Column:
    letter: str
    formats: _Formats
    link: bool = False
    file_link: bool = False
    #: the cell of each short text seen in this column (an annex repeats its units, types and dates)
    known: dict[str, tuple[str, str | None]] = field(default_factory=dict, compare=False)


_KNOWN_CHARS = 200       # longer texts are rarely repeated: not kept
_KNOWN_CELLS = 20_000    # a column's kept cells, forgotten all at once past this


def _string(value: str, s: str) -> str:
    if not value:
        return f'{s} t="inlineStr"></c>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f'{s} t="inlineStr"><is><t{space}>{text(value)}</t></is></c>'


def _body(value: CellValue, column: _Column) -> tuple[str, str | None]:
    """One cell as data, never as a formula: its XML after ``<c r="…"`` and its hyperlink target
    (None without). Text is typed string (and quote-prefixed when Excel would re-read it as a formula
    once edited); http(s) text becomes a hyperlink in a link column, a relative file path in a
    file-link column."""
    formats = column.formats
    if isinstance(value, str):
        value = clean_text(value)
        quoted = value.startswith(_FORMULA_START)
        if (column.link and is_web_url(value)) or (column.file_link and is_relative_file(value)):
            return _string(value, formats.quoted_link if quoted else formats.link), value
        return _string(value, formats.quoted if quoted else formats.text), None
    if value is None:
        return f'{formats.number} t="n"></c>', None
    if isinstance(value, bool):
        return f'{formats.number} t="b"><v>{int(value)}</v></c>', None
    if isinstance(value, date):
        if isinstance(value, datetime) and value.tzinfo is not None:
            raise TypeError(f"Excel holds no time zone ({value!r})")
        s = formats.datetime if isinstance(value, datetime) else formats.date
        serial = to_excel(value)  # type: ignore[no-untyped-call]  # Excel's day number, as openpyxl wrote it
        return f'{s} t="n"><v>{_number(serial)}</v></c>', None
    if isinstance(value, int | float):
        return f'{formats.number} t="n"><v>{_number(value)}</v></c>', None
    raise TypeError(f"no cell holds a {type(value).__name__}")


def _cell(row_no: int, value: CellValue, column: _Column, links: list[tuple[str, str]]) -> str:
    """The cell of ``value`` in row ``row_no``; a hyperlink's (cell, target) is added to ``links``."""
    if isinstance(value, str) and len(value) <= _KNOWN_CHARS:
        known = column.known.get(value)
        if known is None:
            if len(column.known) >= _KNOWN_CELLS:
                column.known.clear()
            known = column.known[value] = _body(value, column)
        body, link = known
    else:
        body, link = _body(value, column)
    ref = f"{column.letter}{row_no}"
    if link is not None:
        links.append((ref, link))
    return f'<c r="{ref}"{body}'


def _number(value: float) -> str:
    """A number as openpyxl writes it (16 significant digits; nothing for NaN and infinities)."""
    return "" if math.isnan(value) or math.isinf(value) else f"{value:.16g}"


def _stream_sheet(out: IO[bytes], sheet: Sheet, styles: StyleTable) -> PartSheet:
    """Write ``sheet``'s XML to ``out``: the header row (bold, filled, wrapped), the rows, a blank
    row and the notes (unaligned) under them; the header frozen, the filter over the table."""
    spec = sheet.spec
    columns = [_Column(get_column_letter(n), _Formats.of(styles, c.wrap), c.link, c.file_link)
               for n, c in enumerate(spec.columns, start=1)]
    links: list[tuple[str, str]] = []
    out.write(sheet_head([c.width for c in spec.columns]).encode())
    header = styles.attr(Style(font=FONT_BOLD, fill=FILL_HEADER, wrap=True))
    out.write(("<row r=\"1\">" + "".join(f'<c r="{c.letter}1"{_string(clean_text(h), header)}'
                                           for c, h in zip(columns, spec.headers, strict=True))
               + "</row>").encode())
    batch: list[str] = []
    for row_no, row in enumerate(sheet.rows, start=2):
        if len(row) != len(columns):
            raise ValueError(f"sheet {spec.title!r}: row {row_no} has {len(row)} cells, the spec {len(columns)}")
        batch.append(f'<row r="{row_no}">')
        batch.extend(_cell(row_no, value, column, links) for column, value in zip(columns, row, strict=True))
        batch.append("</row>")
        if len(batch) > 20_000:
            out.write("".join(batch).encode())
            batch.clear()
    out.write("".join(batch).encode())
    last = len(sheet.rows) + 1
    if sheet.notes:
        out.write(f'<row r="{last + 1}"></row>'.encode())
        notes = _Column("A", _Formats.of(styles, None))
        for row_no, note in enumerate(sheet.notes, start=last + 2):
            out.write(f'<row r="{row_no}">{_cell(row_no, note, notes, links)}</row>'.encode())
    end = columns[-1].letter
    filter_ref = f"A1:{end}{last}" if sheet.rows else ""
    out.write(sheet_tail(filter_ref, [ref for ref, _ in links]).encode())
    return PartSheet(spec.title, out, [target for _, target in links],
                     f"$A$1:${end}${last}" if sheet.rows else "")


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    """Write ``sheets`` (in order) to ``path`` atomically; returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    styles = StyleTable()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as target, ExitStack() as files:
            # each sheet's XML in a file of its own first: its size decides whether its zip entry needs ZIP64
            parts = [_stream_sheet(files.enter_context(tempfile.TemporaryFile()), sheet, styles) for sheet in sheets]
            write_package(target, parts, styles)
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
