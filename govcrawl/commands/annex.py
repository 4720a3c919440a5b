"""``scrapy annex -a region=X [-a as_of=DATE] [-a previous=DATE]``: rebuild the annexes from the database, no crawl.

For each spider that ends with an annex (govcrawl.annex.finalize.FINALIZERS: gov → 附件1, newmedia → 附件2),
its run of that region and inspection date (the newest one when as_of is not given) is finalized
again exactly as at the end of its crawl: site/account rules over the stored facts, dedup with the
stored page findings, verdicts, workbook. Its 整改情况 sheet compares it with the inspection of
``previous`` (default: the latest earlier one in the database). Prints each workbook's path and summary line.
A run whose workers are still running gets no annex (govcrawl.annex.rebuild, shared with the
``annex`` spider that scrapyd can schedule). Exits as govcrawl.annex.rebuild.exit_status says: 1 when
an annex was not written (the previous workbook stays as it was), 3 when one names incomplete checks.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import ScrapyCommand

from govcrawl.annex.rebuild import exit_status, rebuild_annexes
from govcrawl.commands._args import InspectionCommand, region_and_config
from govcrawl.storage.engine import engine_for


class Command(InspectionCommand, ScrapyCommand):
    def short_desc(self) -> str:
        return "Rebuild a region's annex workbooks from the database (no crawling)"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        region, config = region_and_config(opts, self.settings)
        done = rebuild_annexes(engine_for(config, region.code), region, self.settings, opts.as_of, opts.previous,
                               config.worker_lost_seconds)
        if done.lines():
            print("\n".join(done.lines()))
        for error in done.errors:
            print(f"scrapy annex: {error}", file=sys.stderr)
        self.exitcode = exit_status(done.outcome)
