"""Cookie handling asks no one outside the region: the public suffix list is the bundled one."""

from __future__ import annotations

from scrapy.downloadermiddlewares import cookies
from scrapy.utils.test import get_crawler

from govcrawl import settings as project
from govcrawl.extensions.offline import OfflinePublicSuffix, offline_extractor


def test_bundled_snapshot_answers_without_a_fetch(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("tldextract tried to fetch the public suffix list")

    monkeypatch.setattr("tldextract.cache.DiskCache.cached_fetch_url", no_network)
    split = offline_extractor()
    assert split("www.xuchang.gov.cn").suffix == "gov.cn"
    assert split("127.0.1.1").suffix == ""


def test_the_extension_replaces_the_cookie_lookup(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cookies, "_split_domain", None)
    crawler = get_crawler(settings_dict={"GOVCRAWL_OFFLINE_SUFFIX_LIST": True})
    OfflinePublicSuffix.from_crawler(crawler)
    assert cookies._split_domain.suffix_list_urls == ()
    assert "govcrawl.extensions.offline.OfflinePublicSuffix" in project.EXTENSIONS
