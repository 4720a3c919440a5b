"""``scrapy annex -a region=X [-a as_of=YYYY-MM-DD]``: rebuild the annexes from the database, no crawl.

For each spider that ends with an annex (govcrawl.annex.finalize.FINALIZERS: gov → 附件1, newmedia → 附件2),
its run of that region and inspection date (the newest one when as_of is not given) is finalized
again exactly as at the end of its crawl: site/account rules over the stored facts, dedup with the
stored page findings, verdicts, workbook. Prints each workbook's path and summary line.
Exits 1 when no annex could be written (no run, or the workbook could not be saved: the previous
workbook stays as it was), 2 when an annex was written but names incomplete checks (检查未完成),
as ``scrapy crawl`` does.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from govcrawl.annex.finalize import FINALIZERS
from govcrawl.commands._args import named_args
from govcrawl.commands.crawl import EXIT_INCOMPLETE
from govcrawl.config import CrawlConfig
from govcrawl.regions import RegionError, load_region
from govcrawl.storage.engine import engine_for, latest_run


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "-a region=NAME_OR_PATH [-a as_of=YYYY-MM-DD]"

    def short_desc(self) -> str:
        return "Rebuild a region's annex workbooks from the database (no crawling)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="args", action="append", default=[], metavar="NAME=VALUE",
                            help="region=NAME_OR_PATH (required), as_of=YYYY-MM-DD (default: newest run)")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        opts.args = named_args(opts.args, ("region", "as_of"))
        if "region" not in opts.args:
            raise UsageError("-a region=NAME_OR_PATH is required", print_help=False)
        try:
            opts.as_of = date.fromisoformat(opts.args["as_of"]) if "as_of" in opts.args else None
        except ValueError:
            raise UsageError(f"as_of must be YYYY-MM-DD, not {opts.args['as_of']!r}", print_help=False) from None

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        try:
            region = load_region(opts.args["region"])
        except RegionError as exc:
            raise UsageError(str(exc), print_help=False) from None
        engine = engine_for(CrawlConfig.from_settings(self.settings), region.code)
        written = incomplete = failed = 0
        for spider, finalize in FINALIZERS.items():
            run = latest_run(engine, region.code, spider, opts.as_of)
            if run is None:
                continue
            try:
                result = finalize(engine, run.id, region, self.settings)
            except OSError as exc:  # disk full, read-only or missing output folder
                print(f"scrapy annex: the {spider} annex of run {run.id} was NOT written: {exc}", file=sys.stderr)
                failed += 1
                continue
            print("\n".join(result.lines()))
            written += 1
            incomplete += not result.complete
        if not written and not failed:
            when = f" for as_of {opts.as_of}" if opts.as_of else ""
            print(f"no run of region {region.code}{when} in the database; crawl it first", file=sys.stderr)
        if failed or not written:
            self.exitcode = 1
        elif incomplete:
            self.exitcode = EXIT_INCOMPLETE
