"""SharedScheduler: scrapy-redis's scheduler for the workers of one distributed run.

What it adds to ``scrapy_redis.scheduler.Scheduler`` (the why is in govcrawl/distributed/runs.py):
keys per run (``GOVCRAWL_REDIS_KEY``, filled in from the spider's region, name and as_of when it
opens); a first fetch marked ``dont_filter`` still goes through the shared duplicate filter; an
idle worker waits ``GOVCRAWL_REDIS_IDLE_SECONDS`` after any worker last took a request; and the
last worker to close with an empty queue deletes the run's keys. This module imports scrapy-redis:
only the SCHEDULER setting names it.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.utils.misc import load_object
from scrapy_redis.scheduler import Scheduler

from govcrawl.config import CrawlConfig
from govcrawl.distributed.runs import run_prefix

logger = logging.getLogger(__name__)

__all__ = ["SharedScheduler"]

#: the meta keys that mark a request as a follow-up of a fetch already admitted once
_FOLLOW_UP_META = ("retry_times", "redirect_times", "playwright")
#: the run's keys, deleted by its last worker
_RUN_KEYS = ("requests", "dupefilter", "run", "workers", "active")


def _follow_up(request: Any) -> bool:
    return any(key in request.meta for key in _FOLLOW_UP_META)


class SharedScheduler(Scheduler):  # type: ignore[misc]  # scrapy-redis is untyped
    """scrapy-redis's scheduler, keyed per run, with the first-fetch dedup, the idle wait and the
    last worker's cleanup (see the module docstring)."""

    def __init__(self, server: Any, *, template: str, idle_seconds: float, **kwargs: Any) -> None:
        super().__init__(server, **kwargs)
        self.template = template
        self.idle_seconds = idle_seconds
        self.prefix = ""

    @classmethod
    def from_settings(cls, settings: Any) -> SharedScheduler:
        base = Scheduler.from_settings(settings)
        config = CrawlConfig.from_settings(settings)
        return cls(base.server, template=config.redis_key, idle_seconds=config.redis_idle_seconds,
                   persist=base.persist, flush_on_start=base.flush_on_start, queue_cls=base.queue_cls,
                   dupefilter_cls=base.dupefilter_cls, serializer=base.serializer)

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def open(self, spider: Any) -> None:
        self.prefix = run_prefix(self.template, spider.region.code, spider.name, spider.as_of)
        # scrapy-redis %-formats the queue key with the spider name: keep any % in the prefix literal
        self.queue_key = self._key("requests").replace("%", "%%")
        self.df = load_object(self.dupefilter_cls)(self.server, key=self._key("dupefilter"),
                                                  debug=spider.settings.getbool("DUPEFILTER_DEBUG"))
        super().open(spider)
        workers = self.server.incr(self._key("workers"))
        logger.info("distributed run %s: worker %s joined", self.prefix, workers)

    def enqueue_request(self, request: Any) -> bool:
        if request.dont_filter and not _follow_up(request) and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        return bool(super().enqueue_request(request))

    def next_request(self) -> Any:
        request = super().next_request()
        if request is not None:
            self.server.set(self._key("active"), "1", ex=max(1, round(self.idle_seconds)))
        return request

    def has_pending_requests(self) -> bool:
        return len(self) > 0 or bool(self.server.exists(self._key("active")))

    def close(self, reason: str) -> None:
        super().close(reason)
        left = self.server.decr(self._key("workers"))
        if left <= 0 and not len(self):
            self.server.delete(*(self._key(name) for name in _RUN_KEYS))
            logger.info("distributed run %s: last worker closed; shared keys deleted", self.prefix)
        else:
            logger.info("distributed run %s: worker closed (%s), %s still open", self.prefix, reason, left)
