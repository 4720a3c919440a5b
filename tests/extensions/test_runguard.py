"""The run lock and the JOBDIR mark, without a crawl (tests/e2e/test_kills.py runs them in one)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from govcrawl.extensions.runguard import RUNNING_MARK, RunLocked, clear_killed_jobdir, hold_run_lock

AS_OF = date(2026, 11, 20)


def test_a_held_run_refuses_a_second_holder_until_released(tmp_path: Path) -> None:
    first = hold_run_lock(tmp_path, "demo", "gov", AS_OF)
    with pytest.raises(RunLocked, match=rf"another crawl of demo/gov/2026-11-20 is running \(pid {os.getpid()}\)"):
        hold_run_lock(tmp_path, "demo", "gov", AS_OF)
    hold_run_lock(tmp_path, "demo", "gov", date(2026, 11, 21)).close()  # another as_of is another run
    hold_run_lock(tmp_path, "demo", "newmedia", AS_OF).close()  # and so is another spider
    first.close()  # what the kernel does when the process ends, however it ends
    hold_run_lock(tmp_path, "demo", "gov", AS_OF).close()


def test_a_jobdir_left_by_a_killed_crawl_is_cleared(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    assert clear_killed_jobdir(jobdir) is False  # a fresh JOBDIR: marked, nothing to clear
    (jobdir / "requests.queue").mkdir()
    (jobdir / "requests.queue" / "active.json").write_text("[]")
    (jobdir / "spider.state").write_bytes(b"stale")
    (jobdir / "notes.txt").write_text("the operator's")
    assert clear_killed_jobdir(jobdir) is True  # the mark was still there: the crawl never closed
    assert sorted(p.name for p in jobdir.iterdir()) == sorted(["notes.txt", RUNNING_MARK])
    (jobdir / RUNNING_MARK).unlink()  # what a clean close does
    (jobdir / "spider.state").write_bytes(b"saved")
    assert clear_killed_jobdir(jobdir) is False and (jobdir / "spider.state").read_bytes() == b"saved"
