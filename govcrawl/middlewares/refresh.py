"""Meta refresh that never leads the crawl off the government web.

A hacked page's ``<meta http-equiv="refresh">`` sends readers to a gambling or porn host; Scrapy's
MetaRefreshMiddleware would follow it, and the crawl would visit the spammer. This subclass
follows a refresh only to the same host or to a government host (under .gov.cn / .gov, where a
site's moved homepage goes); any other refresh is left unfollowed, and the page itself is parsed,
so that rules/hidden_content.py reports the redirect as 暗链或违规内容.
"""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.response import get_meta_refresh

from govcrawl.crawl.urls import host_of, is_government_host

logger = logging.getLogger(__name__)

__all__ = ["SafeMetaRefreshMiddleware"]


class SafeMetaRefreshMiddleware(MetaRefreshMiddleware):
    """MetaRefreshMiddleware that leaves a refresh to a non-government other host unfollowed."""

    def process_response(self, request: Request, response: Response,
                         spider: object = None) -> Request | Response:
        if isinstance(response, HtmlResponse):
            _, url = get_meta_refresh(response, ignore_tags=self._ignore_tags)
            target = host_of(url) if url else ""
            if target and target != host_of(response.url) and not is_government_host(target):
                logger.info("not following meta refresh of %s to %s", response.url, url)
                return response
        return super().process_response(request, response)
