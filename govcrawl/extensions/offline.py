"""An extension that keeps Scrapy's cookie handling from reaching the internet.

Scrapy's CookiesMiddleware asks tldextract whether a cookie's domain is a public suffix, and
tldextract fetches the public suffix list from publicsuffix.org the first time it is asked. An
inspection crawl requests nothing but the region's own sites and the links they publish, so the
list bundled with tldextract is used instead (switched off by GOVCRAWL_OFFLINE_SUFFIX_LIST).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.downloadermiddlewares import cookies
from scrapy.exceptions import NotConfigured
from tldextract import TLDExtract

from govcrawl.config import CrawlConfig

logger = logging.getLogger(__name__)


def offline_extractor() -> TLDExtract:
    """A TLDExtract that reads only the snapshot shipped with tldextract (no fetch, no cache)."""
    return TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True,
                      include_psl_private_domains=True)


class OfflinePublicSuffix:
    """Replace the cookie middleware's public-suffix lookup with the offline one at start-up."""

    def __init__(self) -> None:
        cookies._split_domain = offline_extractor()  # the middleware's module-level lookup
        logger.debug("public suffix list: the snapshot bundled with tldextract")

    @classmethod
    def from_crawler(cls, crawler: Any) -> OfflinePublicSuffix:
        if not CrawlConfig.from_settings(crawler.settings).offline_suffix_list:
            raise NotConfigured
        return cls()
