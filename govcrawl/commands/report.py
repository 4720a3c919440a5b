"""``scrapy report -a region=X [-a as_of=DATE] [-a previous=DATE]``: write the draft 通报 (.docx).

From the database alone (no crawl): the region's runs of that inspection date (the newest when
as_of is not given), compared for 整改 with the inspection of ``previous`` (default: the latest
earlier one). Writes OUTPUT_DIR/<code>/通报-<地区>-<as_of>.docx (govcrawl.annex.report) and prints its
path. Run it after the crawls (or ``scrapy annex``), which store the rows and verdicts it reads.
"""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from govcrawl.annex.report import write_report
from govcrawl.commands._args import INSPECTION_HELP, inspection_args
from govcrawl.config import CrawlConfig
from govcrawl.regions import RegionError, load_region
from govcrawl.storage.engine import engine_for


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "-a region=NAME_OR_PATH [-a as_of=YYYY-MM-DD] [-a previous=YYYY-MM-DD]"

    def short_desc(self) -> str:
        return "Write a region's draft 通报 (.docx) from the database (no crawling)"

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
        config = CrawlConfig.from_settings(self.settings)
        path = write_report(engine_for(config, region.code), region, config.output_dir, opts.as_of, opts.previous)
        if path is None:
            when = f" for as_of {opts.as_of}" if opts.as_of else ""
            print(f"no run of region {region.code}{when} in the database; crawl it first")
            self.exitcode = 1
            return
        print(path)
