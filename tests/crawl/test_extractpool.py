"""Pages read in the crawl process by ExtractPool (its worker processes are tested by a real crawl whose
worker is killed: tests/e2e/test_kills.py)."""

from __future__ import annotations

from typing import Any

from govcrawl.crawl.extractpool import ExtractPool, worker_count
from govcrawl.extract.page import PageFacts
from govcrawl.settings import GOVCRAWL_COLUMN_CLASSES

PAGE = {"html": "<html><head><title>某某县人民政府</title></head><body><p>正文</p></body></html>",
        "url": "http://127.0.0.1/", "is_home": True, "site_hosts": frozenset({"127.0.0.1"}),
        "classes": GOVCRAWL_COLUMN_CLASSES}


def test_without_workers_a_page_is_read_here_and_an_extractor_error_reaches_the_caller() -> None:
    pool = ExtractPool(workers=0, after=0)
    read: list[PageFacts] = []
    pool.extract(**PAGE).addCallback(read.append)
    assert [facts.title for facts in read] == ["某某县人民政府"]
    failed: list[Any] = []
    pool.extract(**{**PAGE, "html": 404}).addErrback(failed.append)  # extract_page's own error, as it raised
    assert len(failed) == 1 and isinstance(failed[0].value, TypeError)
    assert pool.read == 2 and pool._executor is None


def test_worker_count() -> None:
    assert worker_count(0) == 0 and worker_count(3) == 3
    assert 0 <= worker_count(-1) <= 4
