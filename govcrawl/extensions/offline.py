"""An extension that keeps Scrapy's cookie handling from reaching the internet.

Scrapy's CookiesMiddleware asks tldextract whether a cookie's domain is a public suffix, and
tldextract fetches the public suffix list from publicsuffix.org the first time it is asked. An
inspection crawl requests nothing but the region's own sites and the links they publish, so the
list bundled with tldextract is used instead (switched off by GOVCRAWL_OFFLINE_SUFFIX_LIST).

tldextract's public switch is the environment variable TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS (5.4+):
empty, every extractor built afterwards reads only the bundled snapshot. The cookie middleware
builds its extractor when its module is first imported, which Scrapy does while it builds the
engine, after the extensions; so the extension sets the variable when it starts. A process that
imported the middleware earlier keeps the extractor it built then, and the log says so.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from scrapy.exceptions import NotConfigured

from govcrawl.config import CrawlConfig

logger = logging.getLogger(__name__)

SUFFIX_LIST_URLS_VARIABLE = "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"
_COOKIES_MODULE = "scrapy.downloadermiddlewares.cookies"


class OfflinePublicSuffix:
    """Make every tldextract extractor built from now on read only the bundled suffix list."""

    def __init__(self) -> None:
        os.environ[SUFFIX_LIST_URLS_VARIABLE] = ""
        if _COOKIES_MODULE in sys.modules:
            logger.warning("%s was imported before the offline suffix list was set: its public-suffix "
                           "lookup may fetch the list from the internet", _COOKIES_MODULE)
        else:
            logger.debug("public suffix list: the snapshot bundled with tldextract")

    @classmethod
    def from_crawler(cls, crawler: Any) -> OfflinePublicSuffix:
        if not CrawlConfig.for_crawler(crawler).offline_suffix_list:
            raise NotConfigured
        return cls()
