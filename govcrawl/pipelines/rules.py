"""RulesPipeline (300): runs the page-scope rules on each PageItem and the post-scope rules on each
PostItem as it arrives, and puts their findings on ``item.findings``.

Site-scope rules need the whole site and run later, in govcrawl.annex.finalize_run. A page that
needed the browser but was judged from its raw HTML gives findings that say so (Finding.note).
A rule that raises is recorded against its site or account (govcrawl.storage.run_issues) when the
spider closes: that subject's check is incomplete and it cannot come out 合格.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from govcrawl.config import CrawlConfig
from govcrawl.model.conf import build_conf
from govcrawl.model.items import PageItem, PostItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.pipelines._spider import crawl_run_id, spider_as_of, spider_region
from govcrawl.regions import Region
from govcrawl.render.decide import NOTE_UNRENDERED
from govcrawl.rules import apply, rules_for
from govcrawl.storage.engine import engine_for
from govcrawl.storage.run_issues import record_issues

logger = logging.getLogger(__name__)


class RulesPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.region: Region | None = None
        self._confs: dict[str, RuleConf] = {}
        self._page_rules = rules_for("page")
        self._post_rules = rules_for("post")
        self._issues: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> RulesPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.region = spider_region(spider)
        self._as_of = spider_as_of(spider)
        self._confs.clear()
        self._issues.clear()

    def close_spider(self) -> None:
        run_id = crawl_run_id(self.crawler)
        if self.region is None or not self._issues:
            return
        if run_id is None:
            logger.error("%d rule failure(s) not recorded: the crawl has no run", len(self._issues))
            return
        record_issues(engine_for(CrawlConfig.for_crawler(self.crawler), self.region.code), run_id, self._issues)

    def _conf(self, region: Region, site_code: str | None) -> RuleConf:
        """The RuleConf of a site (by code), or of the region's accounts for None."""
        key = site_code or ""
        conf = self._confs.get(key)
        if conf is None:
            site = None
            if site_code is not None:
                try:
                    site = region.site(site_code)
                except KeyError:
                    logger.warning("page of site %s, which the region file does not list", site_code)
            conf = self._confs[key] = build_conf(self.crawler.settings, region, site, self._as_of)
        return conf

    def process_item(self, item: Any) -> Any:
        region = self.region
        if region is None:
            return item
        failures: list[str] = []
        if isinstance(item, PageItem):
            found = apply(self._page_rules, item, self._conf(region, item.site), item.url, failures)
            if item.needs_rendering:
                found = [replace(f, note=NOTE_UNRENDERED) for f in found]
            item.findings.extend(found)
            self._issues.update((item.site, failure) for failure in failures)
        elif isinstance(item, PostItem):
            item.findings.extend(apply(self._post_rules, item, self._conf(region, None),
                                       item.link or item.account, failures))
            self._issues.update((item.account, failure) for failure in failures)
        return item
