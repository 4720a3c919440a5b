"""``scrapy report -a region=X [-a as_of=DATE] [-a previous=DATE]``: write the draft 通报 (.docx).

From the database alone (no crawl): the region's runs of that inspection date (the newest when
as_of is not given), compared for 整改 with the inspection of ``previous`` (default: the latest
earlier one). Writes OUTPUT_DIR/<code>/通报-<地区>-<as_of>.docx (govcrawl.annex.report) and prints its
path. Run it after the crawls (or ``scrapy annex``), which store the rows and verdicts it reads.
"""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand

from govcrawl.annex.rebuild import nothing_stored
from govcrawl.annex.report import write_report
from govcrawl.commands._args import InspectionCommand, region_and_config
from govcrawl.storage.engine import engine_for


class Command(InspectionCommand, ScrapyCommand):
    def short_desc(self) -> str:
        return "Write a region's draft 通报 (.docx) from the database (no crawling)"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        region, config = region_and_config(opts, self.settings)
        path = write_report(engine_for(config, region.code), region, config.output_dir, opts.as_of, opts.previous)
        if path is None:
            print(nothing_stored(region, opts.as_of))
            self.exitcode = 1
        else:
            print(path)
