"""The annex step on its own: write a region's annexes again from the database, for ``scrapy annex``
and the ``annex`` spider (the last step of a distributed run, schedulable in scrapyd) alike.

For each spider that ends with an annex (govcrawl.annex.finalize.FINALIZERS), its run of the region
and as_of (the newest when as_of is not given) is finalized as at the end of its crawl — unless a
worker of that run is still running (govcrawl.storage.workers): then that annex is NOT written, and
the error names the workers, since a partial annex would blame units on a crawl half done. A worker
that was lost (silent for GOVCRAWL_WORKER_LOST_SECONDS, never closed) makes the run incomplete
instead: its annex is written and every unit says 检查未完成 with the worker's name.

The outcome, and the exit status of ``scrapy crawl`` and ``scrapy annex`` (:func:`exit_status`):
0 written and every check complete; 1 an annex was NOT written (no run, workers still running, disk
full or an unwritable folder — the previous workbook stays intact); 3 written, but it names
incomplete checks. (2 is Scrapy's own status for bad arguments.)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from govcrawl.annex.base import AnnexResult
from govcrawl.annex.finalize import FINALIZERS
from govcrawl.regions import Region
from govcrawl.storage.engine import latest_run
from govcrawl.storage.models import Run
from govcrawl.storage.run_issues import EVERY_SUBJECT, record_issues
from govcrawl.storage.workers import LOST, leave_run, open_workers

__all__ = [
    "EXIT_INCOMPLETE",
    "EXIT_NOT_WRITTEN",
    "FAILED",
    "INCOMPLETE",
    "WRITTEN",
    "Rebuild",
    "exit_status",
    "note_not_written",
    "nothing_stored",
    "rebuild_annexes",
]

logger = logging.getLogger(__name__)

#: outcomes of an annex step (the crawl stat govcrawl.extensions.annex.ANNEX_STAT holds one)
WRITTEN, INCOMPLETE, FAILED = "written", "incomplete", "failed"
EXIT_NOT_WRITTEN = 1
EXIT_INCOMPLETE = 3
_EXIT = {WRITTEN: 0, INCOMPLETE: EXIT_INCOMPLETE, FAILED: EXIT_NOT_WRITTEN}


def exit_status(outcome: str | None) -> int:
    """The process exit status of an annex step's outcome (None: no annex expected, 0)."""
    return _EXIT.get(outcome or WRITTEN, EXIT_NOT_WRITTEN)


def nothing_stored(region: Region, as_of: date | None) -> str:
    when = f" for as_of {as_of}" if as_of else ""
    return f"no run of region {region.code}{when} in the database; crawl it first"


def note_not_written(engine: Engine, run_id: int, error: str) -> None:
    """Say on the run that its annex was not written (the run's ``incomplete`` column), until an
    annex step writes it."""
    with Session(engine) as session, session.begin():
        run = session.get(Run, run_id)
        if run is not None:
            run.incomplete = f"附件未写出：{error}"


@dataclass(frozen=True)
class Rebuild:
    """What an annex step did: the annexes written, and why any other was not."""

    results: tuple[AnnexResult, ...]
    errors: tuple[str, ...]

    @property
    def outcome(self) -> str:
        if self.errors or not self.results:
            return FAILED
        return WRITTEN if all(result.complete for result in self.results) else INCOMPLETE

    def lines(self) -> list[str]:
        """Each written workbook's lines (path, summary, incomplete checks)."""
        return [line for result in self.results for line in result.lines()]


def rebuild_annexes(engine: Engine, region: Region, settings: Mapping[str, Any], as_of: date | None,
                    previous: date | None, lost_after: float) -> Rebuild:
    """Write every annex of ``region`` whose run is done (see the module docstring); each error is
    logged as it happens."""
    results: list[AnnexResult] = []
    errors: list[str] = []
    found = False
    for spider, finalize in FINALIZERS.items():
        run = latest_run(engine, region.code, spider, as_of)
        if run is None:
            continue
        found = True
        workers = open_workers(engine, run.id, lost_after)
        running = [w for w in workers if not w.lost]
        if running:
            errors.append(f"the {spider} annex of run {run.id} was NOT written: {len(running)} worker(s) of the run "
                          f"still running: {'; '.join(w.describe() for w in running)}")
            logger.error(errors[-1])
            continue
        for worker in workers:
            logger.warning("worker %s of run %s was lost: its part of the check is incomplete", worker.describe(),
                           run.id)
            record_issues(engine, run.id, [(EVERY_SUBJECT, f"抓取进程 {worker.name} 中断（最后活动 "
                                                           f"{worker.seen_at:%Y-%m-%d %H:%M}）")])
            leave_run(engine, run.id, worker.name, LOST)
        try:
            results.append(finalize(engine, run.id, region, settings, previous))
        except OSError as exc:  # disk full, read-only or missing output folder
            errors.append(f"the {spider} annex of run {run.id} was NOT written: {exc}")
            logger.error(errors[-1])
            note_not_written(engine, run.id, str(exc))
    if not found:
        errors.append(nothing_stored(region, as_of))
        logger.error(errors[-1])
    return Rebuild(tuple(results), tuple(errors))
