"""``scrapy crawl probe -a region=X``: one availability sample of every site's homepage.

Scheduled under scrapyd (e.g. hourly for a week), the samples feed 站点无法访问: a visit counts as
a failure when the homepage is not open after ``GOVCRAWL_PROBE_TIMEOUT`` seconds (15 s in the
indicator) or answers with an error. A sample is one visit, so the probe does not retry.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from govcrawl.crawl.linkcheck import failure_outcome
from govcrawl.crawl.urls import canonical_url
from govcrawl.model.items import SampleItem
from govcrawl.spiders._base import RegionSpider

__all__ = ["ProbeSpider"]


class ProbeSpider(RegionSpider):
    """Open each site's homepage once and record whether it opened in time."""

    name = "probe"
    #: probes of a region may overlap (each only adds samples, which outlive runs): no run lock
    exclusive_run = False

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.region.sites:
            url = canonical_url(site.url, self.crawl_config.drop_query_params)
            yield scrapy.Request(url, callback=self.opened, errback=self.failed, dont_filter=True,
                                 meta={"site": site.site_code, "url": url, "dont_retry": True,
                                       "download_timeout": self.crawl_config.probe_timeout})

    def opened(self, response: Response) -> Iterator[SampleItem]:
        yield self._sample(response.meta, True, response.status, "", response.meta.get("download_latency"))

    def failed(self, failure: Failure) -> Iterator[SampleItem]:
        meta = failure.request.meta  # type: ignore[attr-defined]  # set by Scrapy on errbacks
        _verdict, status, error = failure_outcome(failure.value or Exception("unknown failure"))
        yield self._sample(meta, False, status, error, None)

    def _sample(self, meta: dict[str, object], ok: bool, status: int | None, error: str,
                elapsed: object) -> SampleItem:
        return SampleItem(site=str(meta["site"]), url=str(meta["url"]), ok=ok, status=status, error=error,
                          elapsed=float(elapsed) if isinstance(elapsed, int | float) else None,
                          at=datetime.now(), source="probe")
