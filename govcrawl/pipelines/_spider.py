"""What the pipelines read from the running spider: its region, inspection date and run id.

The spiders set ``region`` (a Region, or a name or path the pipelines load) and ``as_of`` (a
date). The store pipeline opens the run when the spider opens and publishes its id in the crawl
stats (``govcrawl/run_id``; ``spider.run_id`` when a spider sets one). Spiders without a region
(tools, tests of other parts) pass through the rule pipelines untouched.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from govcrawl.regions import Region, load_region


def spider_region(spider: Any) -> Region | None:
    region = getattr(spider, "region", None)
    if region is None or isinstance(region, Region):
        return region
    return load_region(str(region))


def spider_as_of(spider: Any) -> date:
    as_of = getattr(spider, "as_of", None)
    return as_of if isinstance(as_of, date) else date.today()


RUN_ID_STAT = "govcrawl/run_id"


def crawl_run_id(crawler: Any) -> int | None:
    """The id of the run the store pipeline opened for this crawl (None before it did)."""
    run_id = getattr(crawler.spider, "run_id", None)
    if not isinstance(run_id, int) and crawler.stats is not None:
        run_id = crawler.stats.get_value(RUN_ID_STAT)
    return run_id if isinstance(run_id, int) and run_id > 0 else None
