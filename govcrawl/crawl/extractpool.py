"""Page extraction in worker processes beside the crawl.

Reading a page (parsing, columns, dates, footers, links: ``extract.page.extract_page``) is the
largest CPU cost of a gov crawl, and all of it would otherwise run on the reactor thread, where it
holds up the downloader, the rules and the store. ``ExtractPool`` hands it to worker processes so
the crawl process only schedules, judges and stores; the facts that come back are the same as
those extracted in the crawl process (``extract_page`` is a pure function of its arguments).

The workers start only once a crawl has read ``after`` pages itself: a small crawl (a test
fixture, one county's site) never pays their start-up. Workers are spawned, never forked, since
the crawl process runs threads (DNS, database, IPv6/HTTPS checks) whose locks a fork would copy.
A worker that dies (killed, out of memory) loses no page: the pages it held are read in the crawl
process, as without a pool, and the next page starts a new pool.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from twisted.internet.defer import Deferred, maybeDeferred
from twisted.python.failure import Failure

from govcrawl.extract.page import PageFacts, extract_page
from govcrawl.settings import GOVCRAWL_COLUMN_CLASSES

logger = logging.getLogger(__name__)

__all__ = ["ExtractPool", "worker_count"]

#: More workers than this cannot be fed by one crawl process (extraction is under half its work).
_MAX_AUTO_WORKERS = 4


def worker_count(setting: int) -> int:
    """The number of worker processes for GOVCRAWL_EXTRACT_PROCESSES: ``-1`` means one less than the
    CPUs this process may run on (at most 4), so one CPU stays with the crawl process itself."""
    if setting >= 0:
        return setting
    return max(0, min(len(os.sched_getaffinity(0)) - 1, _MAX_AUTO_WORKERS))


def _warm() -> None:
    """Build the worker's lexicon automata and compiled patterns before its first page."""
    extract_page("<html><body><p>预热</p></body></html>", "http://127.0.0.1/", is_home=True,
                 site_hosts={"127.0.0.1"}, classes=GOVCRAWL_COLUMN_CLASSES)


def _deferred(future: Future[PageFacts]) -> Deferred[PageFacts]:
    """A Deferred that fires on the reactor thread when ``future`` (of a worker process) is done."""
    from twisted.internet import reactor  # the installed one: importing it earlier would install the default

    result: Deferred[PageFacts] = Deferred()

    def settle(done: Future[PageFacts]) -> None:
        error = done.exception()
        if error is None:
            result.callback(done.result())
        else:
            result.errback(error)

    future.add_done_callback(lambda done: reactor.callFromThread(settle, done))
    return result


class ExtractPool:
    """``extract(**arguments)`` → a Deferred of ``extract_page(**arguments)``: in the crawl process
    for the first ``after`` pages (or always, with no workers), then in ``workers`` processes."""

    def __init__(self, workers: int, after: int) -> None:
        self.workers, self.after = workers, after
        self.read = 0
        self._executor: ProcessPoolExecutor | None = None

    def extract(self, **arguments: Any) -> Deferred[PageFacts]:
        self.read += 1
        if not self.workers or self.read <= self.after:
            return maybeDeferred(_extract, arguments)
        if self._executor is None:
            logger.info("pages are read in %d worker process(es) from page %d on", self.workers, self.read)
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_warm)
        executor = self._executor
        try:
            future = executor.submit(_extract, arguments)
        except BrokenProcessPool:
            return self._broken(executor, arguments)
        result = _deferred(future)
        result.addErrback(self._failed, executor, arguments)
        return result

    def _failed(self, failure: Failure, executor: ProcessPoolExecutor,
                arguments: dict[str, Any]) -> Deferred[PageFacts] | Failure:
        if isinstance(failure.value, BrokenProcessPool | CancelledError):
            return self._broken(executor, arguments)
        return failure  # the extractor's own exception, as it would have raised in the crawl process

    def _broken(self, executor: ProcessPoolExecutor, arguments: dict[str, Any]) -> Deferred[PageFacts]:
        """A worker of ``executor`` died, and every page it still held failed with it: each is read
        here instead; the first drops the pool, so the next page builds a new one."""
        if self._executor is executor:
            logger.warning("an extraction worker process died; the pages it held are read in the crawl process")
            self._executor = None
            executor.shutdown(wait=False)
        return maybeDeferred(_extract, arguments)

    def close(self) -> None:
        """Stop the workers (the crawl is over: no page waits for them any more)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


def _extract(arguments: dict[str, Any]) -> PageFacts:
    return extract_page(**arguments)
