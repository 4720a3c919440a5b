"""The IPv6/HTTPS check's row: stored once per site and run, loaded back as the same TransportFacts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from govcrawl.storage.engine import database_url, make_engine
from govcrawl.storage.models import Run
from govcrawl.storage.transport import load_transport, save_transport
from tests.rules.test_transport_rules import GOOD


def test_facts_round_trip_and_a_second_check_replaces_the_first(tmp_path: Path) -> None:
    with Session(make_engine(database_url("", tmp_path, "xuchang"))) as session:
        run = Run(region="xuchang", spider="gov", as_of=date(2026, 9, 30), started_at=datetime(2026, 9, 30))
        session.add(run)
        session.flush()
        assert load_transport(session, run.id, "4110000001") is None
        save_transport(session, run.id, "4110000001", GOOD, datetime(2026, 9, 30, 8))
        session.flush()
        assert load_transport(session, run.id, "4110000001") == GOOD
        plain = replace(GOOD, aaaa=(), ipv6_url="", ipv6_status=None, cert_problem="none", https_status=None,
                        https_error="连接被拒绝", cert_names=(), cert_expires=None)
        save_transport(session, run.id, "4110000001", plain, datetime(2026, 9, 30, 9))
        session.flush()
        assert load_transport(session, run.id, "4110000001") == plain
        assert load_transport(session, run.id, "4110000002") is None
