"""The [schedule] table: validation, and the jobs, crontab lines and systemd units it becomes."""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import pytest

from govcrawl.regions import RegionError, load_region
from govcrawl.schedule import Schedule, crontab_lines, jobs, merged_crontab, parse_schedule, systemd_units

REGION = """[region]
code = "testland"
name = "测试市"

[schedule]
{schedule}

[[sites]]
name = "测试市人民政府"
url = "http://127.0.1.90/"
site_code = "4100000090"
owner = "测试市人民政府办公室"
"""
HOME = {"GOVCRAWL_HOME": "/srv/govcrawl"}


def region_with(tmp_path: Path, schedule: str) -> Path:
    path = tmp_path / "testland.toml"
    path.write_text(REGION.format(schedule=schedule), encoding="utf-8")
    return path


def test_dates_give_a_probe_window_before_each_date_then_the_dated_jobs(tmp_path: Path) -> None:
    region = load_region(region_with(tmp_path, "probe_every = 30\nat = \"01:30\"\ngov = [2026-12-20]\n"
                                               "newmedia = [2026-12-20]"))
    assert region.schedule is not None
    found = jobs(region.schedule)
    probes = [j for j in found if j.spider == "probe"]
    assert [j.cron for j in probes] == [f"*/30 * {d} 12 *" for d in range(13, 20)]  # the 7 days before 12-20
    assert probes[0].calendar == "2026-12-13 *:00/30:00"
    gov = next(j for j in found if j.spider == "gov")
    assert (gov.as_of, gov.cron, gov.calendar) == (date(2026, 12, 20), "30 1 20 12 *", "2026-12-20 01:30:00")


def test_a_cron_expression_keeps_the_probe_running(tmp_path: Path) -> None:
    schedule = load_region(region_with(tmp_path, 'probe_every = 60\ngov = "0 2 20 3,6,9,12 *"')).schedule
    assert schedule is not None
    found = jobs(schedule)
    assert [(j.spider, j.cron, j.calendar) for j in found] == [
        ("probe", "0 */1 * * *", "*-*-* 00/1:00:00"),
        ("gov", "0 2 20 3,6,9,12 *", "*-3,6,9,12-20 2:0:00"),
    ]
    assert found[1].as_of is None


def test_crontab_lines_call_schedule_json_with_the_region_name_and_home() -> None:
    schedule = Schedule(probe_every=30, gov=(date(2026, 12, 20),))
    lines = crontab_lines("testland", "testland", schedule, "http://127.0.0.1:6833", "govcrawl", HOME)
    assert lines[0].startswith("# govcrawl schedule testland begin") and lines[-1] == "# govcrawl schedule testland end"
    gov = shlex.split(lines[-2])
    assert gov[:5] == ["0", "2", "20", "12", "*"]
    assert gov[5:] == ["curl", "-fsS", "http://127.0.0.1:6833/schedule.json", "-d", "project=govcrawl",
                       "-d", "spider=gov", "-d", "region=testland", "-d", "as_of=2026-12-20",
                       "-d", "setting=GOVCRAWL_HOME=/srv/govcrawl"]
    assert len(lines) == 2 + 7 + 1


def test_systemd_units_pair_a_oneshot_service_with_its_timer() -> None:
    units = systemd_units("testland", "testland", Schedule(gov=(date(2026, 12, 20),)), "http://127.0.0.1:6833",
                          "govcrawl", HOME)
    assert len(units) == 2 * 8
    service = units["govcrawl-testland-gov-2026-12-20.service"]
    assert "Type=oneshot" in service and "spider=gov" in service and "as_of=2026-12-20" in service
    timer = units["govcrawl-testland-gov-2026-12-20.timer"]
    assert "OnCalendar=2026-12-20 02:00:00" in timer and "WantedBy=timers.target" in timer


def test_reinstalling_replaces_the_region_block_and_keeps_other_lines() -> None:
    old = ["# govcrawl schedule testland begin", "0 1 1 1 * old", "# govcrawl schedule testland end"]
    current = "MAILTO=ops\n" + "\n".join(old) + "\n5 5 * * * backup\n"
    new = ["# govcrawl schedule testland begin", "0 2 2 2 * new", "# govcrawl schedule testland end"]
    merged = merged_crontab(current, new, "testland")
    assert merged == "MAILTO=ops\n5 5 * * * backup\n" + "\n".join(new) + "\n"
    assert merged_crontab(merged, new, "testland") == merged


@pytest.mark.parametrize(("table", "message"), [
    ("probe_every = 45", "must divide 60"),
    ("probe_every = 120", "12 probes a day, fewer than GOVCRAWL_PROBE_MIN_DAILY (20)"),
    ('gov = "every day"', "cron expression of 5 numeric fields"),
    ('gov = ["2026-12-20"]', "list of dates (2026-12-20, no quotes)"),
    ('at = "25:00"', "must be a time HH:MM"),
    ("weekly = true", "unknown key"),
])
def test_mistakes_are_named_with_their_line(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(RegionError) as caught:
        load_region(region_with(tmp_path, table))
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith("line 6, [schedule], field")
    assert message in caught.value.problems[0]


def test_parse_schedule_defaults() -> None:
    assert parse_schedule({}, 20) == (Schedule(), [])
