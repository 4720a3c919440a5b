"""A region's ``[schedule]`` table and the crontab lines / systemd timer units that carry it out.

govcrawl runs no scheduler of its own: each entry calls scrapyd's ``schedule.json`` (with curl) from
the engine the office already runs, cron or systemd. The table::

    [schedule]
    probe_every = 30          # minutes between availability probes (divides 60, or a multiple of 60 dividing 1440)
    probe_days = 7            # with dates: probe on the 7 days before each date (as GOVCRAWL_PROBE_WINDOW_DAYS)
    at = "02:00"              # with dates: when the gov/newmedia jobs of the date start
    gov = ["2026-12-20"]      # inspection dates (as_of), or one cron expression "0 2 20 3,6,9,12 *"
    newmedia = "0 3 20 3,6,9,12 *"

With dates, the probe runs only in the window before each date, and each gov/newmedia job gets
``as_of`` = its date. With a cron expression the probe runs all the time (it costs one request per
site every ``probe_every`` minutes) and the job's as_of is the day it runs. 站点无法访问 needs at least
GOVCRAWL_PROBE_MIN_DAILY probes on each day of the window: ``probe_every`` must allow that many a day.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

__all__ = ["Job", "Schedule", "crontab_lines", "curl_command", "jobs", "merged_crontab", "parse_schedule",
           "systemd_units"]

_CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
KEYS = ("probe_every", "probe_days", "at", "gov", "newmedia")


@dataclass(frozen=True)
class Schedule:
    """A validated ``[schedule]`` table. ``gov``/``newmedia``: dates, or a 5-field cron expression."""

    probe_every: int = 30
    probe_days: int = 7
    at: str = "02:00"
    gov: tuple[date, ...] | str = ()
    newmedia: tuple[date, ...] | str = ()


@dataclass(frozen=True)
class Job:
    """One recurring call of schedule.json: the spider, its as_of (None: the day it runs) and when,
    as a cron expression and as a systemd OnCalendar value."""

    spider: str
    as_of: date | None
    cron: str
    calendar: str
    label: str  # names the systemd unit


def parse_schedule(raw: Mapping[str, Any], min_daily: int) -> tuple[Schedule | None, list[tuple[str, str]]]:
    """The Schedule of a ``[schedule]`` table and its problems as (key, message) pairs."""
    problems: list[tuple[str, str]] = []
    for key in raw:
        if key not in KEYS:
            problems.append((key, f"unknown key (allowed: {', '.join(KEYS)})"))
    values: dict[str, Any] = {}
    for key in ("probe_every", "probe_days"):
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                problems.append((key, f"must be a whole number of at least 1, not {value!r}"))
            else:
                values[key] = value
    every = values.get("probe_every", Schedule.probe_every)
    if not (60 % every == 0 or (every % 60 == 0 and 1440 % every == 0)):
        problems.append(("probe_every", f"must divide 60, or be a multiple of 60 that divides 1440, not {every}"))
    elif 1440 // every < min_daily:
        problems.append(("probe_every", f"every {every} min gives {1440 // every} probes a day, fewer than "
                         f"GOVCRAWL_PROBE_MIN_DAILY ({min_daily}): 站点无法访问 could never be found"))
    if "at" in raw:
        if isinstance(raw["at"], str) and _TIME.match(raw["at"]):
            values["at"] = raw["at"]
        else:
            problems.append(("at", f"must be a time HH:MM, not {raw['at']!r}"))
    for key in ("gov", "newmedia"):
        if key in raw:
            when, message = _when(raw[key])
            if message:
                problems.append((key, message))
            else:
                values[key] = when
    return (None if problems else Schedule(**values)), problems


def _when(value: Any) -> tuple[tuple[date, ...] | str, str]:
    if isinstance(value, str):
        fields = value.split()
        if len(fields) == 5 and all(_CRON_FIELD.match(f) for f in fields):
            return value, ""
        return (), f"must be a list of dates or a cron expression of 5 numeric fields, not {value!r}"
    if isinstance(value, list) and value and all(isinstance(v, date) and not hasattr(v, "hour") for v in value):
        return tuple(sorted(set(value))), ""
    return (), f"must be a list of dates (2026-12-20, no quotes) or a cron expression, not {value!r}"


def _every(minutes: int) -> tuple[str, str, str]:
    """Cron minute and hour fields, and the systemd time, of 'every ``minutes`` minutes'."""
    if minutes < 60:
        return f"*/{minutes}", "*", f"*:00/{minutes}:00"
    return "0", f"*/{minutes // 60}", f"00/{minutes // 60}:00:00"


def _calendar(cron: str) -> str:
    """A 5-field cron expression as a systemd OnCalendar value."""
    minute, hour, dom, month, dow = (f.replace("*/", "0/").replace("-", "..") for f in cron.split())
    names = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    day = "" if dow == "*" else ",".join(
        "..".join(names[int(n)] for n in part.split("..")) for part in dow.split(",")) + " "
    return f"{day}*-{month}-{dom} {hour}:{minute}:00"


def jobs(schedule: Schedule) -> list[Job]:
    """Every recurring job of ``schedule``: the probe windows (or the standing probe), then gov and newmedia."""
    minute, hour, every_time = _every(schedule.probe_every)
    out: list[Job] = []
    dated = sorted({d for key in ("gov", "newmedia") for d in _dates(getattr(schedule, key))})
    days = sorted({d - timedelta(days=n) for d in dated for n in range(1, schedule.probe_days + 1)})
    if any(isinstance(getattr(schedule, key), str) for key in ("gov", "newmedia")):
        out.append(Job("probe", None, f"{minute} {hour} * * *", f"*-*-* {every_time}", "probe"))
    else:
        out += [Job("probe", None, f"{minute} {hour} {d.day} {d.month} *", f"{d.isoformat()} {every_time}",
                    f"probe-{d.isoformat()}") for d in days]
    at_hour, at_minute = (int(p) for p in schedule.at.split(":"))
    for spider in ("gov", "newmedia"):
        when = getattr(schedule, spider)
        if isinstance(when, str):
            out.append(Job(spider, None, when, _calendar(when), spider))
        else:
            out += [Job(spider, d, f"{at_minute} {at_hour} {d.day} {d.month} *",
                        f"{d.isoformat()} {schedule.at}:00", f"{spider}-{d.isoformat()}") for d in when]
    return out


def _dates(when: tuple[date, ...] | str) -> tuple[date, ...]:
    return () if isinstance(when, str) else when


def curl_command(job: Job, region: str, scrapyd: str, project: str, settings: Mapping[str, str]) -> list[str]:
    """The curl call of scrapyd's schedule.json that starts ``job`` (fails on an HTTP error)."""
    args = ["curl", "-fsS", scrapyd.rstrip("/") + "/schedule.json", "-d", f"project={project}",
            "-d", f"spider={job.spider}", "-d", f"region={region}"]
    if job.as_of is not None:
        args += ["-d", f"as_of={job.as_of.isoformat()}"]
    for name, value in settings.items():
        args += ["-d", f"setting={name}={value}"]
    return args


def crontab_lines(code: str, region: str, schedule: Schedule, scrapyd: str, project: str,
                  settings: Mapping[str, str]) -> list[str]:
    """The crontab block of region ``code`` (``region``: its name or absolute path, as scrapyd's jobs
    receive it) between two marker comments, so --install can replace it."""
    lines = [f"# govcrawl schedule {code} begin (scrapy schedule -a region={region})"]
    for job in jobs(schedule):
        command = shlex.join(curl_command(job, region, scrapyd, project, settings)).replace("%", r"\%")
        lines.append(f"{job.cron} {command}")
    lines.append(f"# govcrawl schedule {code} end")
    return lines


def systemd_units(code: str, region: str, schedule: Schedule, scrapyd: str, project: str,
                  settings: Mapping[str, str]) -> dict[str, str]:
    """``{file name: text}``: a oneshot service and its timer per job, named govcrawl-<code>-<job>."""
    units: dict[str, str] = {}
    for job in jobs(schedule):
        name = f"govcrawl-{code}-{job.label}"
        command = shlex.join(curl_command(job, region, scrapyd, project, settings)).replace("%", "%%")
        units[f"{name}.service"] = (f"[Unit]\nDescription=govcrawl {job.spider} of {region} through scrapyd\n\n"
                                    f"[Service]\nType=oneshot\nExecStart=/usr/bin/env {command}\n")
        units[f"{name}.timer"] = (f"[Unit]\nDescription=govcrawl {job.spider} of {region}: {job.label}\n\n"
                                  f"[Timer]\nOnCalendar={job.calendar}\nPersistent=false\n\n"
                                  f"[Install]\nWantedBy=timers.target\n")
    return units


def merged_crontab(current: str, block: Sequence[str], region: str) -> str:
    """``current`` crontab with ``region``'s block replaced (or appended): reinstalling never duplicates."""
    begin, end = f"# govcrawl schedule {region} begin", f"# govcrawl schedule {region} end"
    kept: list[str] = []
    inside = False
    for line in current.splitlines():
        if line.startswith(begin):
            inside = True
        elif line.startswith(end) and inside:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join([*kept, *block]) + "\n"
