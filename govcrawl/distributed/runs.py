"""Distributed runs: with ``REDIS_URL`` set, ``scrapy crawl gov`` on several machines splits one region.

Switched on by settings alone: ``RegionSpider.update_settings`` applies :func:`redis_settings`
when ``REDIS_URL`` is non-empty (its SCHEDULER is ``govcrawl.distributed.scheduler.SharedScheduler``),
and the store and export pipelines ask :func:`distributed`. Nothing here imports redis until a
distributed run needs it. What the workers of one run share, in Redis under ``GOVCRAWL_REDIS_KEY`` (region code,
spider and as_of, so different regions and inspection dates never share a queue):

- ``…:requests`` and ``…:dupefilter`` — scrapy-redis's request queue and duplicate filter;
- ``…:run`` — the database run id (:func:`shared_run_id`): the first worker opens the run (which
  replaces an earlier run of the same region, spider and as_of), the others join it;
- ``…:workers`` and ``…:active`` — how many workers are open, and whether any took a request in
  the last ``GOVCRAWL_REDIS_IDLE_SECONDS`` (an idle worker waits that long for new work before it
  closes, since another worker's page may still add links to the queue).

The last worker to close with an empty queue deletes these keys, so a later crawl of the same
region and as_of starts a fresh run, as a single-process rerun does. A worker that crashed leaves
them: starting workers again resumes that run; deleting ``govcrawl:<code>:gov:<as_of>:*`` starts over.

The gov spider's own memory stays per process: each worker keeps its own ``SiteFrontier`` per
site (govcrawl/crawl/frontier.py), filled only from the pages that worker parsed. So the caps —
``max_pages`` per site, query variants per path, list pages per column, depth — apply per worker:
N workers may together fetch up to N × ``max_pages`` pages of a site. A page is still fetched once
across all workers: the gov spider marks its requests ``dont_filter`` (its frontier deduplicates
them within a process), so ``govcrawl.distributed.scheduler.SharedScheduler`` passes a first fetch through the shared
duplicate filter all the same; only follow-ups of a fetch (retries, redirects, a browser re-render)
keep ``dont_filter``'s meaning. The homepage request every worker yields from ``start()`` is
therefore queued once. A homepage that redirects to another host teaches that host only to the
worker that fetched it.

Findings go to the shared database (``DATABASE_URL``, PostgreSQL); the dedup pipeline merges them
across processes. No worker writes the annex at close: ``scrapy annex`` writes it once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from govcrawl.config import CrawlConfig

logger = logging.getLogger(__name__)

__all__ = ["distributed", "redis_settings", "run_prefix", "shared_run_id"]

#: the value of the run key while the first worker is still opening the run
_PENDING = "pending"
_POLL_SECONDS = 0.1


def distributed(config: CrawlConfig) -> bool:
    """True when this crawl is one worker of a distributed run (``REDIS_URL`` set)."""
    return bool(config.redis_url)


def redis_settings(redis_url: str) -> dict[str, Any]:
    """The settings that make a crawl one worker of a shared run on ``redis_url``.

    The queue and duplicate filter keys are not here: they name the region and as_of, which the
    scheduler learns from the spider when it opens (``GOVCRAWL_REDIS_KEY``). The queue persists
    at close because another worker may still be reading it; the last worker clears it.
    """
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "govcrawl.distributed.scheduler.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_FLUSH_ON_START": False,  # a joining worker must not wipe the run's queue
    }


def run_prefix(template: str, region: str, spider: str, as_of: date) -> str:
    """The Redis key prefix of one run: ``template`` (``GOVCRAWL_REDIS_KEY``) filled in."""
    return template.format(region=region, spider=spider, as_of=as_of.isoformat())


def shared_run_id(redis_url: str, region: str, spider: str, as_of: date, create: Callable[[], int], *,
                  template: str, wait: float) -> int:
    """The database run of a distributed crawl: the first caller runs ``create`` (which opens the
    run) and publishes its id; every other caller gets that id, waiting up to ``wait`` seconds
    while the first one is still creating it. ``template`` is ``GOVCRAWL_REDIS_KEY``."""
    import redis  # the optional "distributed" extra: imported only when REDIS_URL is set

    key = f"{run_prefix(template, region, spider, as_of)}:run"
    server = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        if server.set(key, _PENDING, nx=True):
            try:
                run_id = create()
            except BaseException:
                server.delete(key)  # let the next worker try instead of waiting for nothing
                raise
            server.set(key, str(run_id))
            logger.info("opened shared run %s (%s)", run_id, key)
            return run_id
        deadline = time.monotonic() + wait
        while True:
            value = server.get(key)
            if value is None:  # the creator failed and withdrew: take its place
                return shared_run_id(redis_url, region, spider, as_of, create, template=template,
                                     wait=max(0.0, deadline - time.monotonic()))
            if value != _PENDING:
                logger.info("joined shared run %s (%s)", value, key)
                return int(value)
            if time.monotonic() >= deadline:
                raise TimeoutError(f"the run behind Redis key {key} was not opened within {wait}s")
            time.sleep(_POLL_SECONDS)
    finally:
        server.close()
