"""What ``scrapy annex`` and ``scrapy report`` share: commands over one stored inspection of a region,
with ``-a region=… [-a as_of=…] [-a previous=…]``, that read the database and never crawl."""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from govcrawl.commands._args import INSPECTION_HELP, inspection_args
from govcrawl.config import CrawlConfig
from govcrawl.regions import Region, RegionError, load_region


class InspectionCommand(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "-a region=NAME_OR_PATH [-a as_of=YYYY-MM-DD] [-a previous=YYYY-MM-DD]"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="args", action="append", default=[], metavar="NAME=VALUE",
                            help=INSPECTION_HELP)

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        opts.args, opts.as_of, opts.previous = inspection_args(opts.args)

    def region_and_config(self, opts: argparse.Namespace) -> tuple[Region, CrawlConfig]:
        """The region the options name (a bad region file is a UsageError) and the crawl configuration."""
        assert self.settings is not None
        try:
            region = load_region(opts.args["region"])
        except RegionError as exc:
            raise UsageError(str(exc), print_help=False) from None
        return region, CrawlConfig.from_settings(self.settings)

    def nothing_found(self, region: Region, opts: argparse.Namespace) -> None:
        when = f" for as_of {opts.as_of}" if opts.as_of else ""
        print(f"no run of region {region.code}{when} in the database; crawl it first")
        self.exitcode = 1
