"""The matcher of the precision tests: annex rows against a ground truth of expected problems, and
the table of precision and recall per 问题类型 (tests/e2e/test_precision.py, test_transport.py)."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from openpyxl import load_workbook

from govcrawl.model.findings import SITE_PROBLEM_TYPES
from govcrawl.model.text import to_simplified
from govcrawl.rules import RULES


@dataclass(frozen=True)
class Expected:
    """One problem of the ground truth (see expected.toml's header)."""

    site: str
    type: str
    page: str | None
    key: str
    why: str
    gap: str


@dataclass(frozen=True)
class Row:
    """One 附件1 row, reduced to what matching reads."""

    site: str
    category: str
    type: str
    description: str
    path: str
    text: str  # 问题描述, 证据 and the other pages, in Simplified characters


@dataclass(frozen=True)
class Tally:
    type: str
    true: int
    false: int
    expected: int
    found: int
    gaps: int

    @property
    def precision(self) -> float | None:
        rows = self.true + self.false
        return self.true / rows if rows else None

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None


def load_truth(path: Path) -> tuple[dict[str, str], list[Expected]]:
    data = tomllib.loads(path.read_text("utf-8"))
    verdicts = {site["site_code"]: site["verdict"] for site in data["sites"]}
    problems = [Expected(p["site_code"], p["type"], p.get("page"), to_simplified(p.get("key", "")), p["why"],
                         p.get("gap", "")) for p in data["problems"]]
    return verdicts, problems


def records(path: Path, sheet: str) -> list[dict[str, Any]]:
    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if row[0] is not None and row[3]]


def annex_rows(path: Path) -> list[Row]:
    rows = []
    for r in records(path, "附件1"):
        text = " ".join(str(r.get(k) or "") for k in ("问题描述", "证据", "其他出现页面"))
        rows.append(Row(str(r["网站标识码"]), str(r["指标类别"]), str(r["问题类型"]), str(r["问题描述"]),
                        urlsplit(str(r["问题页面"] or "")).path or "/", to_simplified(text)))
    return rows


def fits(expected: Expected, row: Row) -> bool:
    return (expected.site == row.site and expected.type == row.type
            and (expected.page is None or expected.page == row.path)
            and expected.key in row.text)


def match(rows: Sequence[Row], truth: Sequence[Expected]) -> tuple[list[tuple[Row, Expected]], list[Row]]:
    """Each row to the first expected problem it fits that no earlier row took; the rest are false."""
    taken: set[int] = set()
    pairs, false_rows = [], []
    for row in rows:
        index = next((i for i, e in enumerate(truth) if i not in taken and fits(e, row)), None)
        if index is None:
            false_rows.append(row)
        else:
            taken.add(index)
            pairs.append((row, truth[index]))
    return pairs, false_rows


def checked_types() -> set[str]:
    """The 附件1 问题类型 some registered rule reports (content rules may still be pending)."""
    return {rule.PROBLEM_TYPE for rule in RULES if rule.SCOPE in ("page", "site")}


def tally(pairs: Sequence[tuple[Row, Expected]], false_rows: Sequence[Row], truth: Sequence[Expected]) -> list[Tally]:
    found = {id(e) for _, e in pairs}
    return [Tally(kind, sum(r.type == kind for r, _ in pairs), sum(r.type == kind for r in false_rows),
                  sum(e.type == kind for e in truth), sum(e.type == kind and id(e) in found for e in truth),
                  sum(e.type == kind and bool(e.gap) for e in truth))
            for kind in SITE_PROBLEM_TYPES]


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _cell(text: str, width: int, left: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns (a CJK character takes two)."""
    room = width - sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * room if left else " " * room + text


def _line(kind: str, t: Tally, rule: str) -> str:
    cells = (t.true + t.false, t.false, t.expected, t.found, t.gaps)
    return (_cell(kind, 16, left=True) + "".join(_cell(str(c), 9) for c in cells)
            + _cell(_ratio(t.precision), 10) + _cell(_ratio(t.recall), 8) + "  " + rule)


def render(tallies: Iterable[Tally], checked: set[str]) -> str:
    """The table: per 问题类型 the rows written, false rows, expected problems, found, known gaps,
    precision, recall, and whether a rule reports the type yet."""
    counts = "".join(_cell(h, 9) for h in ("rows", "false", "expected", "found", "gaps"))
    header = _cell("问题类型", 16, left=True) + counts + _cell("precision", 10) + _cell("recall", 8) + "  rule"
    lines = [header]
    total = Tally("all", 0, 0, 0, 0, 0)
    for t in tallies:
        total = Tally("all", total.true + t.true, total.false + t.false, total.expected + t.expected,
                      total.found + t.found, total.gaps + t.gaps)
        lines.append(_line(t.type, t, "registered" if t.type in checked else "PENDING"))
    lines.append(_line("all", total, ""))
    return "\n".join(lines)


def listing(title: str, lines: Iterable[str]) -> str:
    body = "\n".join(f"  {line}" for line in lines)
    return f"{title}:\n{body}" if body else ""
