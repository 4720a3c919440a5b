"""``scrapy crawl probe``: one availability sample per homepage, kept across runs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from govcrawl.devtools.devserver import SiteServer
from govcrawl.storage.models import Run, Sample
from tests.conftest import FIXTURE_REGION, FIXTURE_REGION_SITES, run_spider

STORE_ONLY = 'ITEM_PIPELINES={"govcrawl.pipelines.store.StorePipeline": 500}'


def test_probe_samples_every_homepage_once(tmp_path: Path, fixture_sites: dict[str, SiteServer]) -> None:
    servers = [fixture_sites[name] for name in FIXTURE_REGION_SITES]
    for server in servers:
        server.reset()
    for _ in range(2):
        result = run_spider("probe", FIXTURE_REGION, "2026-11-20", tmp_path, STORE_ONLY)
        assert result.returncode == 0, result.stderr[-3000:]
    engine = create_engine(f"sqlite:///{tmp_path / 'fixtures' / 'govcrawl.sqlite'}")
    with Session(engine) as s:
        samples = s.scalars(select(Sample)).all()
        runs = s.scalars(select(Run)).all()
    assert len(runs) == 1  # the rerun replaced the run …
    assert len(samples) == 6  # … but samples accumulate over the monitoring week
    assert {(x.site, x.ok, x.status, x.source) for x in samples} == {
        ("4110230001", True, 200, "probe"), ("4110230002", True, 200, "probe"), ("4110230003", True, 200, "probe")}
    assert all(x.elapsed is not None and x.elapsed < 15 for x in samples)
    for server in servers:
        assert server.stats.paths("GET").count("/") == 2
