"""``scrapy crawl``, with an exit status an operator (or scrapyd's caller) can trust.

Scrapy's own command exits 0 whenever the spider started. This one first checks the spider's
arguments (a spider class with ``parse_arguments``): a mistake is one message — logged, so
scrapyd's job log shows it — and Scrapy's usage-error status 2, before anything is written. After
the crawl it exits as govcrawl.annex.rebuild.exit_status says of the annex outcome the crawl's stats
hold (govcrawl.extensions.annex.ANNEX_STAT): 1 when the annex was expected and not written, 3 when
it was written for an incomplete check (a site whose rule raised, a crawl that closed for another
reason than ``finished``).
"""

from __future__ import annotations

import argparse
import logging
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from govcrawl.annex.rebuild import FAILED, INCOMPLETE, exit_status
from govcrawl.extensions.annex import ANNEX_STAT
from govcrawl.home import region_search_path
from govcrawl.regions import RegionError
from govcrawl.spiders._base import SpiderArgumentError

logger = logging.getLogger(__name__)


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name", print_help=False)
        assert self.crawler_process is not None
        crawler = self._create_crawler(args[0])
        check = getattr(crawler.spidercls, "parse_arguments", None)
        if check is not None:
            try:
                check(regions_dirs=region_search_path(crawler.settings), **opts.spargs)
            except (RegionError, SpiderArgumentError) as exc:  # one message, nothing started or written
                message = f"{args[0]}: cannot start: {exc}"
                logger.error(message)
                raise UsageError(message, print_help=False) from None
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        stats = crawler.stats.get_stats() if crawler.stats is not None else {}
        outcome = stats.get(ANNEX_STAT)
        if outcome == FAILED:
            print("scrapy crawl: the annex was NOT written (see the log)", file=sys.stderr)
        elif outcome == INCOMPLETE:
            print("scrapy crawl: the annex names incomplete checks (检查未完成)", file=sys.stderr)
        self.exitcode = exit_status(outcome)
