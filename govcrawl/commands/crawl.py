"""``scrapy crawl``, with an exit status an operator (or scrapyd's caller) can trust.

Scrapy's own command exits 0 whenever the spider started. This one exits non-zero also when the
spider's annex was expected and not written, or was written for an incomplete check (a site whose
rule raised, a crawl that closed for another reason than ``finished``): the annex extension puts
the outcome in the crawl's stats (govcrawl.extensions.annex.ANNEX_STAT). Exit 1: the run failed or
its annex is missing; exit 2: the annex is written but says some check is incomplete.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from govcrawl.extensions.annex import ANNEX_STAT
from govcrawl.regions import RegionError
from govcrawl.spiders._base import SpiderArgumentError

#: exit status of a crawl whose annex was written but names incomplete checks
EXIT_INCOMPLETE = 2


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name", print_help=False)
        assert self.crawler_process is not None
        crawler = self._create_crawler(args[0])
        check = getattr(crawler.spidercls, "parse_arguments", None)
        if check is not None:
            try:
                check(**opts.spargs)
            except (RegionError, SpiderArgumentError) as exc:  # one message, nothing started or written
                raise UsageError(f"{args[0]}: cannot start: {exc}", print_help=False) from None
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        stats = crawler.stats.get_stats() if crawler.stats is not None else {}
        outcome = stats.get(ANNEX_STAT)
        if outcome == "failed":
            print("scrapy crawl: the annex was NOT written (see the log)", file=sys.stderr)
            self.exitcode = 1
        elif outcome == "incomplete":
            print("scrapy crawl: the annex names incomplete checks (检查未完成)", file=sys.stderr)
            self.exitcode = EXIT_INCOMPLETE
