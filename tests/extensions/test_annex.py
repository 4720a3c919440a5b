"""The annex on close is an extension: registered in EXTENSIONS, connected to spider_closed, off by setting."""

from __future__ import annotations

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from govcrawl import settings as project
from govcrawl.extensions.annex import AnnexOnClose

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

