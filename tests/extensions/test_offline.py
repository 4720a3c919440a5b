"""Cookie handling asks no one outside the region: the public suffix list is the bundled one."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from govcrawl import settings as project
from govcrawl.extensions.offline import OfflinePublicSuffix

# A fresh interpreter: the cookie middleware builds its extractor once, when first imported.
_CRAWL_START = textwrap.dedent("""
    import tldextract.cache
    from scrapy.utils.test import get_crawler
    from govcrawl.extensions.offline import OfflinePublicSuffix

    def no_network(*args, **kwargs):
        raise AssertionError("tldextract tried to fetch the public suffix list")

    tldextract.cache.DiskCache.cached_fetch_url = no_network
    if {enabled}:
        OfflinePublicSuffix.from_crawler(get_crawler(settings_dict={{"GOVCRAWL_OFFLINE_SUFFIX_LIST": True}}))
    from scrapy.downloadermiddlewares import cookies
    print(cookies._is_public_domain("gov.cn"), cookies._is_public_domain("www.xuchang.gov.cn"))
""")


def _start(enabled: bool) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "TLDEXTRACT_CACHE": "/nonexistent"}
    return subprocess.run([sys.executable, "-c", _CRAWL_START.format(enabled=enabled)], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_the_cookie_lookup_reads_the_bundled_list() -> None:
    started = _start(enabled=True)
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == ["True", "False"]


def test_without_the_extension_the_lookup_would_fetch() -> None:
    started = _start(enabled=False)
    assert started.returncode != 0 and "tried to fetch the public suffix list" in started.stderr


def test_switched_off_and_registered() -> None:
    with pytest.raises(NotConfigured):
        OfflinePublicSuffix.from_crawler(get_crawler(settings_dict={"GOVCRAWL_OFFLINE_SUFFIX_LIST": False}))
    assert "govcrawl.extensions.offline.OfflinePublicSuffix" in project.EXTENSIONS
