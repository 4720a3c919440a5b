"""The parts of an XLSX package around streamed sheet data: the style table, a worksheet's head and
tail, its hyperlink relationships, the workbook, content types and document properties, and the
zip they go in.

The parts say what openpyxl says for the same workbook (the same attributes, the same default
font and theme), so a workbook written here reads back in openpyxl, Excel and WPS as the one
openpyxl wrote before. Text put in a part is escaped here; what text may be put in a cell (no
formula, no character XML cannot hold) is ``xlsx``'s business.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from openpyxl.writer.theme import theme_xml

__all__ = ["DATETIME_FORMAT", "DATE_FORMAT", "FILL_HEADER", "FONT_BOLD", "FONT_LINK", "PartSheet", "Style",
           "StyleTable", "attribute", "sheet_head", "sheet_tail", "text", "write_package"]

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT = "application/vnd.openxmlformats-officedocument"

#: numFmtId of the two date formats (ids from 164 up are the workbook's own)
DATE_FORMAT = 164
DATETIME_FORMAT = 165
_NUMBER_FORMATS = {DATE_FORMAT: "yyyy-mm-dd", DATETIME_FORMAT: "yyyy-mm-dd hh:mm"}
#: fontId: 0 is the default (Calibri 11, as openpyxl writes it)
FONT_BOLD = 1
FONT_LINK = 2
_FONTS = ('<font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/><scheme val="minor"/></font>',
          '<font><b val="1"/></font>', '<font><color rgb="000563C1"/><u val="single"/></font>')
#: fillId: 0 and 1 are the two fills every workbook starts with
FILL_HEADER = 2
_FILLS = ("<fill><patternFill/></fill>", '<fill><patternFill patternType="gray125"/></fill>',
          '<fill><patternFill patternType="solid"><fgColor rgb="00DDEBF7"/></patternFill></fill>')


def text(value: str) -> str:
    """``value`` as XML element text (a carriage return kept: a parser would read it as a newline)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attribute(value: str) -> str:
    """``value`` as a double-quoted XML attribute value (whitespace kept: a parser would fold it)."""
    return (text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


@dataclass(frozen=True)
class Style:
    """One cell format: number format, font and fill ids, alignment (None: none; else top-aligned,
    wrapped or not) and whether the text is quote-prefixed."""

    number_format: int = 0
    font: int = 0
    fill: int = 0
    wrap: bool | None = None
    quote: bool = False

    def xml(self) -> str:
        alignment = "" if self.wrap is None else '<alignment vertical="top" wrapText="1"/>' if self.wrap \
            else '<alignment vertical="top"/>'
        applied = ' applyAlignment="1"' if alignment else ""
        head = (f'<xf numFmtId="{self.number_format}" fontId="{self.font}" fillId="{self.fill}" borderId="0"'
                f'{applied} pivotButton="0" quotePrefix="{int(self.quote)}" xfId="0"')
        return f"{head}>{alignment}</xf>" if alignment else f"{head}/>"


class StyleTable:
    """The workbook's cell formats, each distinct one numbered once (0 is the default)."""

    def __init__(self) -> None:
        self._ids: dict[Style, int] = {Style(): 0}

    def attr(self, style: Style) -> str:
        """The ``s`` attribute of a cell in ``style`` ("" for the default, as openpyxl writes it)."""
        number = self._ids.setdefault(style, len(self._ids))
        return f' s="{number}"' if number else ""

    def xml(self) -> str:
        formats = "".join(f'<numFmt numFmtId="{n}" formatCode="{attribute(code)}"/>'
                          for n, code in _NUMBER_FORMATS.items())
        return (f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
                f'<numFmts count="{len(_NUMBER_FORMATS)}">{formats}</numFmts>'
                f'<fonts count="{len(_FONTS)}">{"".join(_FONTS)}</fonts>'
                f'<fills count="{len(_FILLS)}">{"".join(_FILLS)}</fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(self._ids)}">{"".join(style.xml() for style in self._ids)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>'
                '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
                "</styleSheet>")


def sheet_head(widths: Sequence[float]) -> str:
    """A worksheet up to its first row: the header row frozen, the columns' widths."""
    cols = "".join(f'<col width="{width:.16g}" customWidth="1" min="{n}" max="{n}"/>'
                   for n, width in enumerate(widths, start=1))
    return (f'{_DECLARATION}<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
            '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr>'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
            f'<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><cols>{cols}</cols><sheetData>')


def sheet_tail(filter_ref: str, link_refs: Sequence[str]) -> str:
    """A worksheet after its last row: the filter over the table (none when ""), the hyperlinks of
    the cells ``link_refs`` (relationship ids rId1… in that order: see ``sheet_rels``), the page
    margins."""
    parts = ["</sheetData>"]
    if filter_ref:
        parts.append(f'<autoFilter ref="{filter_ref}"/>')
    if link_refs:
        parts.append("<hyperlinks>")
        parts.extend(f'<hyperlink ref="{ref}" r:id="rId{n}"/>' for n, ref in enumerate(link_refs, start=1))
        parts.append("</hyperlinks>")
    parts.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>')
    return "".join(parts)


def sheet_rels(targets: Sequence[str]) -> str:
    """A worksheet's relationships: one external hyperlink per target, rId1… in order."""
    links = "".join(f'<Relationship Type="{_DOC_RELS}/hyperlink" Target="{attribute(target)}" TargetMode="External" '
                    f'Id="rId{n}"/>' for n, target in enumerate(targets, start=1))
    return f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELS}">{links}</Relationships>'


@dataclass(frozen=True)
class PartSheet:
    """A worksheet ready for the package: its title, its XML (a file positioned at its end), the
    targets of its hyperlinks (rId1… in order) and its filter range in absolute form (or "")."""

    title: str
    data: IO[bytes]
    links: Sequence[str]
    filter_range: str


def _workbook(sheets: Sequence[PartSheet]) -> str:
    entries = "".join(f'<sheet name="{attribute(sheet.title)}" sheetId="{n}" state="visible" r:id="rId{n}"/>'
                      for n, sheet in enumerate(sheets, start=1))
    names = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
                    f"{text(quote_sheet(sheet.title))}!{sheet.filter_range}</definedName>"
                    for n, sheet in enumerate(sheets) if sheet.filter_range)
    return (f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><workbookPr/><workbookProtection/>'
            '<bookViews><workbookView visibility="visible" minimized="0" showHorizontalScroll="1" '
            'showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" '
            f'autoFilterDateGrouping="1"/></bookViews><sheets>{entries}</sheets>'
            f'{f"<definedNames>{names}</definedNames>" if names else ""}'
            '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')


def quote_sheet(title: str) -> str:
    """A sheet's name as a formula reference writes it."""
    return "'" + title.replace("'", "''") + "'"


def _workbook_rels(count: int) -> str:
    sheets = "".join(f'<Relationship Type="{_DOC_RELS}/worksheet" Target="/xl/worksheets/sheet{n}.xml" Id="rId{n}"/>'
                     for n in range(1, count + 1))
    return (f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELS}">{sheets}'
            f'<Relationship Type="{_DOC_RELS}/styles" Target="styles.xml" Id="rId{count + 1}"/>'
            f'<Relationship Type="{_DOC_RELS}/theme" Target="theme/theme1.xml" Id="rId{count + 2}"/>'
            "</Relationships>")


def _content_types(count: int) -> str:
    overrides = [("/xl/styles.xml", f"{_CONTENT}.spreadsheetml.styles+xml"),
                 ("/xl/theme/theme1.xml", f"{_CONTENT}.theme+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", f"{_CONTENT}.extended-properties+xml"),
                 *((f"/xl/worksheets/sheet{n}.xml", f"{_CONTENT}.spreadsheetml.worksheet+xml")
                   for n in range(1, count + 1)),
                 ("/xl/workbook.xml", f"{_CONTENT}.spreadsheetml.sheet.main+xml")]
    return (f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
            + "</Types>")


_ROOT_RELS = (f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELS}">'
              f'<Relationship Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml" Id="rId1"/>'
              f'<Relationship Type="{_PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
              f'<Relationship Type="{_DOC_RELS}/extended-properties" Target="docProps/app.xml" Id="rId3"/>'
              "</Relationships>")
_APP = (f'{_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>govcrawl</Application></Properties>")


def _core(now: datetime) -> str:
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f'{_DECLARATION}<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>govcrawl</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


def write_package(target: IO[bytes], sheets: Sequence[PartSheet], styles: StyleTable) -> None:
    """The XLSX package of ``sheets`` into ``target``; each sheet's XML is copied from its file."""
    stamp = time.localtime()[:6]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for n, sheet in enumerate(sheets, start=1):
            info = zipfile.ZipInfo(f"xl/worksheets/sheet{n}.xml", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = sheet.data.tell()  # lets zipfile choose ZIP64 only when the sheet needs it
            sheet.data.seek(0)
            with package.open(info, "w") as part:
                shutil.copyfileobj(sheet.data, part, 1 << 20)
            if sheet.links:
                package.writestr(f"xl/worksheets/_rels/sheet{n}.xml.rels", sheet_rels(sheet.links))
        package.writestr("[Content_Types].xml", _content_types(len(sheets)))
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("docProps/app.xml", _APP)
        package.writestr("docProps/core.xml", _core(datetime.now(UTC)))
        package.writestr("xl/workbook.xml", _workbook(sheets))
        package.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        package.writestr("xl/styles.xml", styles.xml())
        package.writestr("xl/theme/theme1.xml", theme_xml)
