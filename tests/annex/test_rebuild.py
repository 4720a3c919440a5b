"""The annex step on its own (govcrawl.annex.rebuild, ``scrapy annex``, the ``annex`` spider): a run
whose workers are still running gets no annex and the step says which workers; a lost worker makes
the run incomplete; the exit status says what happened."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from govcrawl.annex.rebuild import (
    EXIT_INCOMPLETE,
    EXIT_NOT_WRITTEN,
    FAILED,
    INCOMPLETE,
    WRITTEN,
    exit_status,
    rebuild_annexes,
)
from govcrawl.annex.scoring import PASS
from govcrawl.regions import Region
from govcrawl.storage.models import RunWorker
from govcrawl.storage.workers import LOST, REPLACED, join_run, leave_run, open_workers, seen, this_worker
from tests.commands.test_annex import PROJECT, build_db, settings_for

ANNEX = "附件1-测试市政府网站问题情况-2026-09-30.xlsx"
LOST_AFTER = 300.0


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[Engine, int, Region, Path]]:
    engine, run_id, region = build_db(tmp_path)
    yield engine, run_id, region, tmp_path
    engine.dispose()


def _silence(engine: Engine, run_id: int, name: str, seconds: float) -> None:
    with Session(engine) as session, session.begin():
        session.execute(update(RunWorker).where(RunWorker.run_id == run_id, RunWorker.name == name)
                        .values(seen_at=datetime.now() - timedelta(seconds=seconds)))


def test_workers_join_beat_leave_and_are_lost_when_silent(built: tuple[Engine, int, Region, Path]) -> None:
    engine, run_id, _region, _output = built
    join_run(engine, run_id, "host-a pid 1", replace_others=False)
    join_run(engine, run_id, "host-b pid 2 job j2", replace_others=False)
    assert [(w.name, w.lost) for w in open_workers(engine, run_id, LOST_AFTER)] == [
        ("host-a pid 1", False), ("host-b pid 2 job j2", False)]
    _silence(engine, run_id, "host-a pid 1", LOST_AFTER + 1)
    assert [w.lost for w in open_workers(engine, run_id, LOST_AFTER)] == [True, False]
    seen(engine, run_id, "host-a pid 1")  # its heartbeat came after all
    assert [w.lost for w in open_workers(engine, run_id, LOST_AFTER)] == [False, False]
    leave_run(engine, run_id, "host-b pid 2 job j2", "finished")
    assert [w.name for w in open_workers(engine, run_id, LOST_AFTER)] == ["host-a pid 1"]
    # a single-process run resumed: the new worker replaces every earlier one
    join_run(engine, run_id, "host-a pid 3", replace_others=True)
    assert [w.name for w in open_workers(engine, run_id, LOST_AFTER)] == ["host-a pid 3"]
    with Session(engine) as session:
        reasons = dict(session.execute(select(RunWorker.name, RunWorker.reason)).all())
    assert reasons == {"host-a pid 1": REPLACED, "host-b pid 2 job j2": "finished", "host-a pid 3": ""}
    assert this_worker("abc").endswith(" job abc") and " pid " in this_worker()


def test_a_worker_whose_process_is_gone_from_this_host_is_lost_at_once(
        built: tuple[Engine, int, Region, Path]) -> None:
    engine, run_id, _region, _output = built
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    join_run(engine, run_id, "this host, ended", replace_others=False, pid=ended.pid)
    join_run(engine, run_id, "other host", replace_others=False, host="elsewhere.invalid", pid=ended.pid)
    join_run(engine, run_id, "this process", replace_others=False)
    assert [(w.name, w.lost) for w in open_workers(engine, run_id, LOST_AFTER)] == [
        ("this host, ended", True), ("other host", False), ("this process", False)]


def test_no_annex_while_a_worker_is_running(built: tuple[Engine, int, Region, Path]) -> None:
    engine, run_id, region, output = built
    join_run(engine, run_id, "host-b pid 42 job j42", replace_others=False)
    done = rebuild_annexes(engine, region, settings_for(output), None, None, LOST_AFTER)
    assert done.outcome == FAILED and not done.results and exit_status(done.outcome) == EXIT_NOT_WRITTEN
    [error] = done.errors
    assert "gov annex" in error and "NOT written" in error
    assert "1 worker(s) of the run still running: host-b pid 42 job j42" in error
    assert not (output / "testland" / ANNEX).exists()  # no partial annex
    leave_run(engine, run_id, "host-b pid 42 job j42", "finished")
    again = rebuild_annexes(engine, region, settings_for(output), None, None, LOST_AFTER)
    assert again.outcome == WRITTEN and exit_status(again.outcome) == 0 and (output / "testland" / ANNEX).is_file()


def test_a_lost_worker_makes_the_run_incomplete(built: tuple[Engine, int, Region, Path]) -> None:
    engine, run_id, region, output = built
    join_run(engine, run_id, "host-c pid 7", replace_others=False)
    _silence(engine, run_id, "host-c pid 7", LOST_AFTER + 60)
    done = rebuild_annexes(engine, region, settings_for(output), None, None, LOST_AFTER)
    assert done.outcome == INCOMPLETE and exit_status(done.outcome) == EXIT_INCOMPLETE and not done.errors
    [result] = done.results
    assert all(any("抓取进程 host-c pid 7 中断" in reason for reason in s.incomplete) for s in result.scores)
    assert PASS not in {s.verdict for s in result.scores}
    assert open_workers(engine, run_id, LOST_AFTER) == []  # reported once, then closed as lost
    with Session(engine) as session:
        assert session.scalars(select(RunWorker.reason)).one() == LOST


def test_no_run_is_no_annex_and_no_annex_expected_is_success(built: tuple[Engine, int, Region, Path]) -> None:
    engine, _run_id, region, output = built
    done = rebuild_annexes(engine, region, settings_for(output), date(2020, 1, 1), None, LOST_AFTER)
    assert done.outcome == FAILED and done.errors == ("no run of region testland for as_of 2020-01-01 in the "
                                                      "database; crawl it first",)
    assert exit_status(None) == 0 and exit_status(WRITTEN) == 0  # a spider that ends with no annex


def _crawl_annex(region: Region, output: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).with_name("scrapy")), "crawl", "annex", "-a",
                           f"region={region.path}", *args, "-s", f"OUTPUT_DIR={output}",
                           "-s", "GOVCRAWL_SCREENSHOTS=False"],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120)


def test_the_annex_spider_refuses_while_workers_run_and_writes_after(built: tuple[Engine, int, Region, Path]) -> None:
    engine, run_id, region, output = built
    join_run(engine, run_id, "host-d pid 9 job j9", replace_others=False)
    engine.dispose()
    refused = _crawl_annex(region, output, "-a", "as_of=2026-09-30")
    assert refused.returncode == EXIT_NOT_WRITTEN, refused.stderr[-3000:]
    assert "still running: host-d pid 9 job j9" in refused.stderr  # the log line a job log shows
    assert "annex_not_written" in refused.stderr and "Traceback" not in refused.stderr
    assert not (output / "testland" / ANNEX).exists()
    leave_run(engine, run_id, "host-d pid 9 job j9", "finished")
    engine.dispose()
    written = _crawl_annex(region, output, "-a", "as_of=2026-09-30")
    assert written.returncode == 0, written.stderr[-3000:]
    assert ANNEX in written.stderr and (output / "testland" / ANNEX).is_file()
    with Session(engine) as session:
        assert session.scalars(select(RunWorker.name)).all() == ["host-d pid 9 job j9"]  # it made no run of its own


def test_the_annex_spider_refuses_bad_arguments(built: tuple[Engine, int, Region, Path]) -> None:
    _engine, _run_id, region, output = built
    bad = _crawl_annex(region, output, "-a", "asof=2026-09-30")
    assert bad.returncode == 2 and "annex: cannot start: unknown spider argument(s) asof" in bad.stderr
    assert "Traceback" not in bad.stderr
