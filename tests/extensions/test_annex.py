"""The annex on close is an extension: registered in EXTENSIONS, connected to spider_closed, off by
setting; its outcome (written, incomplete, failed) goes to the crawl stats for the exit status."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from govcrawl import settings as project
from govcrawl.annex.rebuild import FAILED, INCOMPLETE, WRITTEN
from govcrawl.extensions.annex import ANNEX_STAT, AnnexOnClose
from govcrawl.regions import load_region
from govcrawl.storage.models import Run
from govcrawl.storage.run_issues import EVERY_SUBJECT, load_issues
from tests.commands.test_annex import AS_OF, build_db, settings_for

ANNEX = "附件1-测试市政府网站问题情况-2026-09-30.xlsx"

PATH = "govcrawl.extensions.annex.AnnexOnClose"


def test_registered_as_an_extension_not_a_pipeline() -> None:
    assert PATH in project.EXTENSIONS
    assert not any(path.startswith("govcrawl.extensions.") for path in project.ITEM_PIPELINES)


def test_listens_for_spider_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[str] = []
    monkeypatch.setattr(AnnexOnClose, "spider_closed", lambda self, spider, reason: closed.append(reason))
    crawler = get_crawler(settings_dict={"GOVCRAWL_ANNEX_ON_CLOSE": True})
    extension = AnnexOnClose.from_crawler(crawler)  # Scrapy holds it; signals keep weak references
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    assert closed == ["finished"] and extension.crawler is crawler


def test_switched_off() -> None:
    with pytest.raises(NotConfigured):
        AnnexOnClose.from_crawler(get_crawler(settings_dict={"GOVCRAWL_ANNEX_ON_CLOSE": False}))



def _closed_with(tmp_path: Path, reason: str, **settings: object) -> tuple[Any, Engine, int]:
    engine, run_id, region = build_db(tmp_path)
    crawler = get_crawler(settings_dict={**settings_for(tmp_path), "GOVCRAWL_SCREENSHOTS": False, **settings})
    crawler.spider = SimpleNamespace(name="gov", region=region, as_of=AS_OF, run_id=run_id)
    AnnexOnClose(crawler).spider_closed(crawler.spider, reason)
    return crawler, engine, run_id


def _run(engine: Engine, run_id: int) -> Run:
    with Session(engine) as session:
        run = session.get(Run, run_id)
        assert run is not None
        return run


def test_a_finished_crawl_writes_a_complete_annex(tmp_path: Path) -> None:
    crawler, engine, run_id = _closed_with(tmp_path, "finished")
    assert crawler.stats.get_value(ANNEX_STAT) == WRITTEN and (tmp_path / "testland" / ANNEX).is_file()
    assert _run(engine, run_id).incomplete == ""


def test_an_interrupted_crawl_writes_an_incomplete_annex(tmp_path: Path) -> None:
    crawler, engine, run_id = _closed_with(tmp_path, "shutdown")
    assert crawler.stats.get_value(ANNEX_STAT) == INCOMPLETE and (tmp_path / "testland" / ANNEX).is_file()
    assert "抓取未正常结束（shutdown）" in _run(engine, run_id).incomplete


def test_an_annex_that_cannot_be_written_fails_and_says_so_on_the_run(tmp_path: Path,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "testland" / ANNEX).mkdir(parents=True)  # stands where the workbook goes
    with caplog.at_level("ERROR"):
        crawler, engine, run_id = _closed_with(tmp_path, "finished")
    assert crawler.stats.get_value(ANNEX_STAT) == FAILED
    assert _run(engine, run_id).incomplete.startswith("附件未写出：")
    assert "NOT written" in caplog.text and "Traceback" not in caplog.text


def test_a_distributed_worker_writes_no_annex_and_its_stop_is_kept(tmp_path: Path) -> None:
    crawler, engine, run_id = _closed_with(tmp_path, "shutdown", REDIS_URL="redis://127.0.0.1:1/0")
    assert crawler.stats.get_value(ANNEX_STAT) is None and not (tmp_path / "testland" / ANNEX).exists()
    with Session(engine) as session:
        assert load_issues(session, run_id) == {EVERY_SUBJECT: ["抓取未正常结束（shutdown）"]}
    # another worker that finishes never clears it: the stopped worker's requests are gone
    crawler = get_crawler(settings_dict={**settings_for(tmp_path), "REDIS_URL": "redis://127.0.0.1:1/0"})
    crawler.spider = SimpleNamespace(name="gov", region=load_region(tmp_path / "testland.toml"), as_of=AS_OF,
                                     run_id=run_id)
    AnnexOnClose(crawler).spider_closed(crawler.spider, "finished")
    with Session(engine) as session:
        assert load_issues(session, run_id) == {EVERY_SUBJECT: ["抓取未正常结束（shutdown）"]}


