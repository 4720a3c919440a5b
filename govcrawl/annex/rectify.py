"""整改情况: what became of the problems of the previous inspection, and which problems are new.

A problem is the same problem when its unit, 问题类型 and key (the column, link, phrase, letter…
its rule named) match, whatever page it was seen on: a broken link moved to another page is still
unfixed. Against the previous inspection each problem is:

- 已整改: found last time, gone now;
- 未整改: found last time and still there (both dates are given, and since when it has been there);
- 新发现: not found last time.

A unit is a repeat offender when one of its problems has been found unfixed two inspections
running (seen in three consecutive inspections). With no previous inspection nothing is compared
and the sheet says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from govcrawl.annex.base import described
from govcrawl.annex.xlsx import CellValue, ColumnSpec, Sheet, SheetSpec
from govcrawl.model.findings import Finding
from govcrawl.storage.history import Inspection, earlier_inspections
from govcrawl.storage.models import Run

__all__ = ["FIXED", "NEW", "UNFIXED", "Followup", "compare", "rectify_run", "rectify_sheet", "repeat_offenders",
           "status_counts"]

FIXED = "已整改"
UNFIXED = "未整改"
NEW = "新发现"
STATUSES = (UNFIXED, FIXED, NEW)
#: unfixed this many inspections running makes a unit a repeat offender
REPEAT_AFTER = 2

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Followup:
    """One problem's status now. ``finding`` is this inspection's row (last inspection's when
    fixed); ``first_seen`` is the first of the consecutive inspections it has been found in;
    ``unfixed_times`` how many inspections running it has been found unfixed (0 for new or fixed)."""

    finding: Finding
    status: str
    previous_seen: date | None
    now: date
    first_seen: date
    unfixed_times: int


def _streak(key: Key, history: Sequence[Inspection]) -> list[Inspection]:
    """The consecutive earlier inspections (newest first) that found ``key``."""
    found = []
    for inspection in history:
        if key not in {f.dedup_key for f in inspection.findings}:
            break
        found.append(inspection)
    return found


def compare(current: Sequence[Finding], as_of: date, history: Sequence[Inspection]) -> list[Followup]:
    """Every problem of this inspection and of the previous one, with its status. ``history`` is
    the earlier inspections newest first (the previous one first); empty: nothing to compare."""
    if not history:
        return []
    previous = history[0]
    followups = []
    for finding in current:
        streak = _streak(finding.dedup_key, history)
        if streak:
            followups.append(Followup(finding, UNFIXED, previous.as_of, as_of, streak[-1].as_of, len(streak)))
        else:
            followups.append(Followup(finding, NEW, None, as_of, as_of, 0))
    now = {f.dedup_key for f in current}
    followups += [Followup(finding, FIXED, previous.as_of, as_of, _streak(finding.dedup_key, history)[-1].as_of, 0)
                  for finding in previous.findings if finding.dedup_key not in now]
    return followups


def repeat_offenders(followups: Sequence[Followup]) -> list[str]:
    """The units with a problem found unfixed ``REPEAT_AFTER`` inspections running, in first-seen order."""
    units = [f.finding.subject for f in followups if f.status == UNFIXED and f.unfixed_times >= REPEAT_AFTER]
    return list(dict.fromkeys(units))


def status_counts(followups: Sequence[Followup]) -> dict[str, int]:
    return {status: sum(f.status == status for f in followups) for status in STATUSES}


RECTIFY = SheetSpec("整改情况", (
    ColumnSpec("序号", 6, wrap=False),
    ColumnSpec("主办单位", 22),
    ColumnSpec("名称", 22),
    ColumnSpec("问题类型", 14),
    ColumnSpec("问题描述", 50),
    ColumnSpec("问题页面", 40, link=True),
    ColumnSpec("整改情况", 10, wrap=False),
    ColumnSpec("上次发现时间", 12, wrap=False),
    ColumnSpec("本次检查时间", 12, wrap=False),
    ColumnSpec("首次发现时间", 12, wrap=False),
    ColumnSpec("连续未整改次数", 10, wrap=False),
))


def rectify_sheet(followups: Sequence[Followup], units: Mapping[str, tuple[str, str]],
                  history: Sequence[Inspection]) -> Sheet:
    """The 整改情况 sheet: 未整改 first, then 已整改, then 新发现, each in the units' order.
    ``units`` maps a unit key to its (主办单位, 名称) in the region file's order; rows of units it
    does not list are left out (the annex leaves them out too)."""
    order = {key: index for index, key in enumerate(units)}
    kept = sorted((f for f in followups if f.finding.subject in order),
                  key=lambda f: (STATUSES.index(f.status), order[f.finding.subject], f.finding.problem_type,
                                 f.finding.key))
    rows: list[list[CellValue]] = [
        [number, *units[f.finding.subject], f.finding.problem_type, described(f.finding), f.finding.url,
         f.status, f.previous_seen, f.now if f.status != FIXED else None, f.first_seen, f.unfixed_times]
        for number, f in enumerate(kept, start=1)]
    if not history:
        return Sheet(RECTIFY, rows, ("无上次检查记录，本次不作整改对比",))
    counts = status_counts(kept)
    repeat = [units[key][1] for key in repeat_offenders(kept)]
    notes = (f"上次检查日期：{history[0].as_of.isoformat()}",
             f"上次问题{counts[UNFIXED] + counts[FIXED]}个：已整改{counts[FIXED]}个，未整改{counts[UNFIXED]}个；"
             f"本次新发现问题{counts[NEW]}个",
             f"连续{REPEAT_AFTER}次检查未整改的单位：{'、'.join(repeat) if repeat else '无'}")
    return Sheet(RECTIFY, rows, notes)


def rectify_run(session: Session, run: Run, findings: Sequence[Finding], units: Mapping[str, tuple[str, str]],
                previous: date | None = None) -> Sheet:
    """The 整改情况 sheet of ``run`` against the inspection of ``previous`` (default: the latest earlier)."""
    history = earlier_inspections(session, run, previous)
    return rectify_sheet(compare(findings, run.as_of, history), units, history)
