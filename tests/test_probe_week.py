"""A simulated probe week, as a [schedule] table runs it: the samples its probe jobs store land in
the database, and 站点无法访问 is found exactly when the failure share reaches GOVCRAWL_UNREACHABLE_RATE."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from govcrawl.config import threshold_defaults
from govcrawl.model.rule_conf import RuleConf
from govcrawl.regions import Site
from govcrawl.rules import site_unreachable
from govcrawl.schedule import Schedule, jobs
from govcrawl.storage.engine import database_url, make_engine, start_run
from govcrawl.storage.load_facts import load_site_facts
from govcrawl.storage.models import Run, Sample

AS_OF = date(2026, 12, 20)
SITE = Site(name="测试市人民政府", url="http://127.0.1.92/", site_code="4100000092", owner="测试市人民政府办公室")
SCHEDULE = Schedule(probe_every=30, gov=(AS_OF,))


def probe_times() -> list[datetime]:
    """When the schedule's probe jobs run: every ``probe_every`` minutes of each day of the window."""
    days = [date.fromisoformat(j.label.removeprefix("probe-")) for j in jobs(SCHEDULE) if j.spider == "probe"]
    per_day = 1440 // SCHEDULE.probe_every
    return [datetime.combine(day, time()) + timedelta(minutes=n * SCHEDULE.probe_every)
            for day in days for n in range(per_day)]


def unreachable_after(tmp_path: Path, failed: int) -> bool:
    engine = make_engine(database_url("", tmp_path, "testland"))
    run_id = start_run(engine, "testland", "测试市", "gov", AS_OF)
    with Session(engine) as session, session.begin():
        for n, at in enumerate(probe_times()):
            bad = n % 7 == 0 and n // 7 < failed  # failures spread over the week
            session.add(Sample(region="testland", site=SITE.site_code, url=SITE.url, at=at, ok=not bad,
                               status=None if bad else 200, error="timeout" if bad else "", elapsed=0.4,
                               source="probe"))
    values = threshold_defaults()
    since = datetime.combine(AS_OF - timedelta(days=values["GOVCRAWL_PROBE_WINDOW_DAYS"]), time())
    with Session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None
        facts = load_site_facts(session, run, SITE, since)
    assert len(facts.samples) == len(probe_times())
    findings = list(site_unreachable.check(facts, RuleConf(AS_OF, values)))
    assert all(f.problem_type == "站点无法访问" for f in findings)
    return bool(findings)


def test_the_schedule_gives_a_monitored_week() -> None:
    times = probe_times()
    assert len(times) == 7 * 48 and times[0].date() == AS_OF - timedelta(days=7)
    assert threshold_defaults()["GOVCRAWL_PROBE_MIN_DAILY"] <= 48


@pytest.mark.parametrize("offset", [-1, 0])
def test_unreachable_exactly_from_the_threshold(tmp_path: Path, offset: int) -> None:
    threshold = math.ceil(threshold_defaults()["GOVCRAWL_UNREACHABLE_RATE"] * len(probe_times()))  # 17 of 336
    assert unreachable_after(tmp_path, threshold + offset) is (offset == 0)
