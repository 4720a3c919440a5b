"""``scrapy report``'s document: the draft 通报 of one inspection, from the database alone.

For the region's gov run (附件1) and newmedia run (附件2) of the inspection date it reads the stored
annex rows and verdicts (written when the crawl closed, or by ``scrapy annex``), the earlier runs
for the 整改 comparison and the 合格率 history, builds the text (govcrawl.annex.circular), draws the
chart (govcrawl.annex.chart) and writes ``OUTPUT_DIR/<code>/通报-<地区>-<as_of>.docx`` with
python-docx. Everything in it is ordinary editable text in Word/WPS styles; the chart is one
embedded PNG.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from govcrawl.annex.accounts import UNIT as ACCOUNT_UNIT
from govcrawl.annex.accounts import annex2_path
from govcrawl.annex.base import annex_findings, pass_rate
from govcrawl.annex.chart import FONT_MISSING, chart_png, cjk_font
from govcrawl.annex.circular import Circular, Part, Unit, circular
from govcrawl.annex.rectify import compare
from govcrawl.annex.scoring import Score, unchecked
from govcrawl.annex.sites import annex_path
from govcrawl.model.findings import ACCOUNT_PROBLEM_TYPES, SITE_PROBLEM_TYPES
from govcrawl.regions import Region
from govcrawl.storage.finding_rows import load_findings
from govcrawl.storage.history import earlier_inspections, inspection_runs, verdicts_of
from govcrawl.storage.models import Run

__all__ = ["load_parts", "report_path", "write_report"]

PathFor = Callable[[str | Path, Region, date], Path]
#: spider → (unit, annex label, 问题类型 vocabulary, workbook path)
PARTS: dict[str, tuple[str, str, tuple[str, ...], PathFor]] = {
    "gov": ("网站", "附件1", SITE_PROBLEM_TYPES, annex_path),
    "newmedia": (ACCOUNT_UNIT, "附件2", ACCOUNT_PROBLEM_TYPES, annex2_path),
}


def report_path(output_dir: str | Path, region: Region, as_of: date) -> Path:
    return Path(output_dir) / region.code / f"通报-{region.name}-{as_of.isoformat()}.docx"


def _scores(session: Session, run_id: int, keys: Sequence[str]) -> tuple[Score, ...]:
    stored = verdicts_of(session, run_id)
    return tuple(Score(k, stored[k].veto_count, stored[k].deduction_count, stored[k].score, stored[k].verdict)
                 if k in stored else unchecked(k) for k in keys)


def _part(session: Session, run: Run, region: Region, output_dir: str | Path, previous: date | None) -> Part:
    unit, label, vocabulary, path_for = PARTS[run.spider]
    units = tuple(Unit(s.site_code, s.name) for s in region.sites) if run.spider == "gov" else \
        tuple(Unit(a.name, a.name) for a in region.accounts)
    keys = [u.key for u in units]
    order = {key: index for index, key in enumerate(keys)}
    findings = annex_findings(load_findings(session, run.id), order, vocabulary, label)
    history = earlier_inspections(session, run, previous)
    rates = tuple((r.as_of, pass_rate(_scores(session, r.id, keys)))
                  for r in inspection_runs(session, region.code, run.spider, until=run.as_of))
    return Part(unit=unit, annex=path_for(output_dir, region, run.as_of).name, units=units,
                scores=_scores(session, run.id, keys), findings=tuple(findings), vocabulary=vocabulary,
                followups=tuple(compare(findings, run.as_of, history)),
                previous=history[0].as_of if history else None, rates=rates)


def load_parts(engine: Engine, region: Region, output_dir: str | Path, as_of: date | None = None,
               previous: date | None = None) -> tuple[date, list[Part]] | None:
    """The inspection date and its parts (附件1's, then 附件2's); None when the database holds no
    run of the region (of that date, when given). Without ``as_of``: the newest date of any run."""
    with Session(engine) as session:
        runs = [r for spider in PARTS for r in inspection_runs(session, region.code, spider, until=as_of)]
        if as_of is not None:
            runs = [r for r in runs if r.as_of == as_of]
        if not runs:
            return None
        when = max(r.as_of for r in runs)
        latest = {r.spider: r for r in runs if r.as_of == when}
        return when, [_part(session, latest[spider], region, output_dir, previous)
                      for spider in PARTS if spider in latest]


def _document(text: Circular, chart: bytes | None) -> bytes:
    from docx import Document  # imported here: only the report needs python-docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "FangSong"
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    for paragraph in text.paragraphs:
        if paragraph.style == "title":
            title = document.add_heading(paragraph.text, level=0)
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif paragraph.style == "heading":
            document.add_heading(paragraph.text, level=1)
        elif paragraph.style == "chart":
            if chart is None:
                document.add_paragraph(FONT_MISSING)
                continue
            document.add_picture(io.BytesIO(chart), width=Cm(16))
            caption = document.add_paragraph(paragraph.text)
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            document.add_paragraph(paragraph.text).paragraph_format.first_line_indent = Pt(28)
    date_line = document.add_paragraph(f"{text.as_of.year}年{text.as_of.month}月{text.as_of.day}日")
    date_line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_report(engine: Engine, region: Region, output_dir: str | Path, as_of: date | None = None,
                 previous: date | None = None) -> Path | None:
    """Write the draft 通报 (atomically) and return its path; None when there is no run to report."""
    loaded = load_parts(engine, region, output_dir, as_of, previous)
    if loaded is None:
        return None
    when, parts = loaded
    text = circular(region.name, when, parts, region.basis, region.requirements)
    data = _document(text, chart_png(parts, cjk_font()))
    path = report_path(output_dir, region, when)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".docx.tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp_name, path)
    return path
