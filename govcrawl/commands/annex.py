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

from govcrawl.annex.finalize import FINALIZERS
from govcrawl.commands._args import (
    INSPECTION_SYNTAX,
    add_inspection_options,
    inspection_args,
    nothing_stored,
    region_and_config,
)
from govcrawl.storage.engine import engine_for, latest_run


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return INSPECTION_SYNTAX

    def short_desc(self) -> str:
        return "Rebuild a region's annex workbooks from the database (no crawling)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        add_inspection_options(parser)

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        opts.args, opts.as_of, opts.previous = inspection_args(opts.args)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        region, config = region_and_config(opts, self.settings)
        engine = engine_for(config, region.code)
        written = 0
        for spider, finalize in FINALIZERS.items():
            run = latest_run(engine, region.code, spider, opts.as_of)
            if run is not None:
                print("\n".join(finalize(engine, run.id, region, self.settings, opts.previous).lines()))
                written += 1
        if not written:
            print(nothing_stored(region, opts.as_of))
            self.exitcode = 1
