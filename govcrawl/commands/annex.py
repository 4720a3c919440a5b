"""``scrapy annex -a region=X [-a as_of=DATE] [-a previous=DATE]``: rebuild the annexes from the database, no crawl.

For each spider that ends with an annex (govcrawl.annex.finalize.FINALIZERS: gov → 附件1, newmedia → 附件2),
its run of that region and inspection date (the newest one when as_of is not given) is finalized
again exactly as at the end of its crawl: site/account rules over the stored facts, dedup with the
stored page findings, verdicts, workbook. Its 整改情况 sheet compares it with the inspection of
``previous`` (default: the latest earlier one in the database). Prints each workbook's path and summary line.
"""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from govcrawl.annex.finalize import FINALIZERS
from govcrawl.commands._args import INSPECTION_HELP, inspection_args
from govcrawl.config import CrawlConfig
from govcrawl.regions import RegionError, load_region
from govcrawl.storage.engine import engine_for, latest_run


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "-a region=NAME_OR_PATH [-a as_of=YYYY-MM-DD] [-a previous=YYYY-MM-DD]"

    def short_desc(self) -> str:
        return "Rebuild a region's annex workbooks from the database (no crawling)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="args", action="append", default=[], metavar="NAME=VALUE",
                            help=INSPECTION_HELP)

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        opts.args, opts.as_of, opts.previous = inspection_args(opts.args)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        try:
            region = load_region(opts.args["region"])
        except RegionError as exc:
            raise UsageError(str(exc), print_help=False) from None
        engine = engine_for(CrawlConfig.from_settings(self.settings), region.code)
        written = 0
        for spider, finalize in FINALIZERS.items():
            run = latest_run(engine, region.code, spider, opts.as_of)
            if run is not None:
                print("\n".join(finalize(engine, run.id, region, self.settings, opts.previous).lines()))
                written += 1
        if not written:
            when = f" for as_of {opts.as_of}" if opts.as_of else ""
            print(f"no run of region {region.code}{when} in the database; crawl it first")
            self.exitcode = 1
