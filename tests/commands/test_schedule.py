"""``scrapy schedule``: a region's [schedule] printed as crontab lines, and installed as systemd units."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from tests.test_schedule import REGION

PROJECT = Path(__file__).resolve().parents[2]


def schedule(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GOVCRAWL_HOME": str(home)}
    return subprocess.run([str(Path(sys.executable).with_name("scrapy")), "schedule", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_crontab_lines_for_a_region_by_name(tmp_path: Path) -> None:
    (tmp_path / "regions").mkdir()
    table = 'probe_every = 30\ngov = [2026-12-20]\nnewmedia = "0 3 20 3,6,9,12 *"'
    (tmp_path / "regions" / "testland.toml").write_text(REGION.format(schedule=table), encoding="utf-8")
    done = schedule("-a", "region=testland", "--scrapyd", "http://127.0.0.1:6833/", home=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("# govcrawl schedule testland begin") and lines[-1] == "# govcrawl schedule testland end"
    entries = [shlex.split(line) for line in lines[1:-1]]
    # a cron expression keeps the probe running: one standing probe line, then gov's date, then newmedia
    assert [e[:5] for e in entries] == [["*/30", "*", "*", "*", "*"], ["0", "2", "20", "12", "*"],
                                        ["0", "3", "20", "3,6,9,12", "*"]]
    for entry in entries:
        assert entry[5:8] == ["curl", "-fsS", "http://127.0.0.1:6833/schedule.json"]
        assert "region=testland" in entry and f"setting=GOVCRAWL_HOME={tmp_path.resolve()}" in entry
    assert [e[e.index("-d", 8) + 3] for e in entries] == ["spider=probe", "spider=gov", "spider=newmedia"]
    assert "as_of=2026-12-20" in entries[1] and not any(a.startswith("as_of=") for a in entries[2])


def test_systemd_units_are_installed_for_a_region_path(tmp_path: Path) -> None:
    region = tmp_path / "testland.toml"
    region.write_text(REGION.format(schedule="gov = [2026-12-20]"), encoding="utf-8")
    units = tmp_path / "units"
    done = schedule("-a", f"region={region}", "--systemd", "--install", "--unit-dir", str(units), home=tmp_path)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in units.iterdir())
    assert len(names) == 16 and "govcrawl-testland-gov-2026-12-20.timer" in names
    assert "systemctl --user enable --now" in done.stdout
    service = (units / "govcrawl-testland-probe-2026-12-19.service").read_text(encoding="utf-8")
    assert f"region={region}" in service and "spider=probe" in service
    assert "OnCalendar=2026-12-19 *:00/30:00" in (units / "govcrawl-testland-probe-2026-12-19.timer").read_text()


def test_a_region_without_schedule_is_refused(tmp_path: Path) -> None:
    region = tmp_path / "testland.toml"
    region.write_text(REGION.format(schedule="").replace("[schedule]\n", ""), encoding="utf-8")
    done = schedule("-a", f"region={region}", home=tmp_path)
    assert done.returncode != 0 and "no [schedule] table" in done.stderr
