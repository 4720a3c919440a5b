"""The gov spider's network check: network failures held back, re-checked at the end, then judged
against the canary (govcrawl/crawl/netfault.py says why).

Rounds, kept in ``spider.state["network"]`` so a JOBDIR crawl resumes them: the start canary (the
public hosts of ``GOVCRAWL_CANARY_URLS``) goes out with the homepages; a link or page that fails by
DNS, refusal or timeout is held (no item yet); when the crawl is idle the held
links are checked once more, then the end canary goes out, and its last answer releases the held ones
— as the failures they are when the network answered, as ``unchecked`` with the reason when it did
not. Without public hosts the region's homepages are the canary: whether any answered in this crawl
(no request of its own; a ``data:`` request carries the verdict into a callback). A refused
connection is an answer: the network carried the request to a server that is down. A homepage's failed
attempt is an availability sample only when the network answered.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.python.failure import Failure

from govcrawl.crawl.linkcheck import UNCHECKED, is_refused
from govcrawl.crawl.netfault import canary_verdict, unconfirmed_error
from govcrawl.model.items import LinkItem, SampleItem

logger = logging.getLogger(__name__)

__all__ = ["NetworkCheck"]

_PUBLIC, _OWN = "public", "own"
_VERDICT_URL = "data:,network-verdict"  # needs no network: it only brings the verdict into a callback


class NetworkCheck:
    """Mixin of GovSpider (which provides ``state``, ``region``, ``crawl_config``, ``crawler`` and
    ``check_request``)."""

    state: dict[str, Any]
    region: Any
    crawl_config: Any
    crawler: Any

    def check_request(self, url: str, site: Any, kind: str, method: str = "HEAD") -> scrapy.Request:
        raise NotImplementedError

    def network(self) -> dict[str, Any]:
        """The network check's state: round, held failures (by (site, url)), canary answers."""
        net: dict[str, Any] = self.state.setdefault("network", {
            "round": "crawl", "held": {}, "samples": {}, "answers": {}, "pending": 0, "canary": "",
            "region_answered": False})
        return net

    def canary_requests(self, round_: str) -> list[scrapy.Request]:
        """One HEAD request per public canary host; at the end without any, the verdict request."""
        net = self.network()
        targets = [(url, _PUBLIC) for url in self.crawl_config.canary_urls]
        if round_ == "end" and not targets:
            targets = [(_VERDICT_URL, _OWN)]
        net["answers"] = {}
        net["pending"] = len(targets)
        timeout = self.crawl_config.link_check_timeout
        return [scrapy.Request(url, method="HEAD", callback=self.canary_done, errback=self.canary_failed,
                               dont_filter=True, priority=100,
                               meta={"canary": round_, "canary_group": group, "canary_url": url,
                                     "dont_obey_robotstxt": True, "dont_retry": True, "headers_only": True,
                                     "download_timeout": timeout})
                for url, group in targets]

    def hold(self, link: LinkItem, sample: SampleItem | None) -> None:
        """Keep a network failure back until the end of the run."""
        net = self.network()
        key = f"{link.site} {link.url}"
        net["held"][key] = link
        if sample is not None:
            net["samples"][key] = sample
        # INFO: the retry middleware's give-up line is the failure's one WARNING
        logger.info("%s %s: %s (held until the network is confirmed)", link.kind, link.url, link.error)

    def release(self, item: LinkItem) -> None:
        """``item`` is a new outcome of a held link (checked again): it is the one stored, and says
        how the first attempt failed."""
        key = f"{item.site} {item.url}"
        held: LinkItem | None = self.network()["held"].pop(key, None)
        self.network()["samples"].pop(key, None)
        if held is not None:
            item.error = f"{item.error + '; ' if item.error else ''}checked again at the end; first: {held.error}"

    # -- end of the run ---------------------------------------------------------------------------
    def network_idle(self) -> None:
        """spider_idle: re-check the held links once, then ask the canary; close only after that."""
        net = self.network()
        if net["round"] == "crawl" and net["held"]:
            net["round"] = "recheck"
            for link in list(net["held"].values()):
                self.crawler.engine.crawl(self.check_request(link.url, self.region.site(link.site), link.kind))
            raise DontCloseSpider
        if net["round"] == "recheck":
            net["round"] = "end"
            if net["held"]:
                for request in self.canary_requests("end"):
                    self.crawler.engine.crawl(request)
                raise DontCloseSpider

    def canary_done(self, response: Response) -> Iterator[Any]:
        yield from self._canary_answer(response.meta, True)

    def canary_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]  # set by Scrapy
        refused = failure.value is not None and is_refused(failure.value)
        if not refused:
            logger.warning("canary %s failed: %s", request.url, failure.value)
        yield from self._canary_answer(request.meta, refused)

    def region_answered(self) -> None:
        """A page of the region answered this process (an HTTP answer, or a refused connection)."""
        self.network()["region_answered"] = True

    def _canary_answer(self, meta: dict[str, Any], answered: bool) -> Iterator[Any]:
        net = self.network()
        net["answers"][meta["canary_url"]] = (meta["canary_group"], answered)
        net["pending"] -= 1
        if net["pending"] > 0:
            return
        answers = net["answers"].items()
        homepages = [(site.url, bool(net["region_answered"])) for site in self.region.sites]
        confirmed, account = canary_verdict([(u, ok) for u, (g, ok) in answers if g == _PUBLIC], homepages)
        net["canary"] = account
        if meta["canary"] == "start":
            (logger.info if confirmed else logger.warning)("network at start: %s", account)
            return
        logger.log(logging.INFO if confirmed else logging.WARNING, "network before the verdict: %s; "
                   "%d links failed by a network fault", account, len(net["held"]))
        for key, link in net["held"].items():
            if confirmed:
                yield link
                if key in net["samples"]:
                    yield net["samples"][key]
            else:
                yield LinkItem(site=link.site, url=link.url, kind=link.kind, verdict=UNCHECKED, status=None,
                               error=unconfirmed_error(link.error, account), checked_at=link.checked_at,
                               method=link.method)
        net["held"], net["samples"] = {}, {}
