"""The per-host delay of govcrawl's downloader: one draw per gap, so the gaps average DOWNLOAD_DELAY."""

from __future__ import annotations

import random
import statistics

import pytest
from scrapy.core.downloader import Slot

from govcrawl.middlewares.delay import SteadyJitterSlot


def _gaps(slot: Slot, count: int) -> list[float]:
    """The gaps between the requests of a slot that always has one waiting, looked at the way
    Scrapy's downloader does (``Downloader._process_queue``): a request leaves when the delay drawn
    now has passed since the last one left, else the slot waits that long and looks again."""
    now, gaps = 0.0, []
    while len(gaps) < count:
        penalty = slot.download_delay() - now + slot.lastseen
        if penalty > 1e-9:  # the clock has moved on by the timer's wait (floats: not to the last bit)
            now += penalty
            continue
        if now:
            gaps.append(now - slot.lastseen)
        slot.lastseen = now
        now += 0.01  # the response comes back and the next request reaches the slot
    return gaps


def test_scrapy_slot_redraws_while_it_waits_and_stretches_the_delay() -> None:
    random.seed(1)
    gaps = _gaps(Slot(1, 1.0, 0.5), 5000)
    assert statistics.mean(gaps) > 1.15  # why the downloader is replaced: a fifth of the rate lost


def test_steady_slot_gaps_average_the_delay_and_keep_its_spread() -> None:
    random.seed(1)
    gaps = _gaps(SteadyJitterSlot(1, 1.0, 0.5), 5000)
    assert statistics.mean(gaps) == pytest.approx(1.0, abs=0.02)
    assert min(gaps) >= 0.5 and max(gaps) <= 1.51  # delay × (1 ± jitter), plus the 0.01 s answer
    assert statistics.pstdev(gaps) > 0.25  # still jittered: visits do not tick like a clock


def test_mirrored_draws_keep_a_hosts_total_near_its_requests_times_the_delay() -> None:
    # a run ends with its slowest host: independent draws leave the slowest of 50 seconds behind
    random.seed(3)
    steady = [sum(_gaps(SteadyJitterSlot(1, 1.0, 0.5), 44)) for _ in range(50)]
    scrapy = [sum(_gaps(Slot(1, 1.0, 0.5), 44)) for _ in range(50)]
    assert max(steady) - min(steady) < 1.0
    assert max(steady) < 44 * 1.0 + 44 * 0.01 + 0.5  # the delay, each answer's 0.01 s, half a gap
    assert max(scrapy) > max(steady) + 5


def test_pairs_mirror_each_other_until_the_delay_changes() -> None:
    random.seed(4)
    slot = SteadyJitterSlot(1, 1.0, 0.5)
    draws = []
    for n in range(6):
        slot.lastseen = float(n)
        draws.append(slot.download_delay())
    assert [a + b for a, b in zip(draws[::2], draws[1::2], strict=True)] == pytest.approx([2.0] * 3)
    assert len(set(draws)) == 6
    slot.lastseen = 6.0
    slot.download_delay()  # the first of a pair …
    slot.delay, slot.lastseen = 2.0, 7.0  # … and AutoThrottle sets a new delay: a fresh draw around it
    assert 1.0 <= slot.download_delay() <= 3.0


def test_one_draw_until_a_request_leaves_or_the_delay_changes() -> None:
    random.seed(2)
    slot = SteadyJitterSlot(1, 1.0, 0.5)
    first = slot.download_delay()
    assert {slot.download_delay() for _ in range(20)} == {first}
    slot.lastseen = 5.0
    second = slot.download_delay()
    assert second != first and {slot.download_delay() for _ in range(20)} == {second}
    slot.delay = 3.0  # AutoThrottle sets a new delay: drawn again around it
    assert 1.5 <= slot.download_delay() <= 4.5


def test_no_jitter_is_the_plain_delay() -> None:
    slot = SteadyJitterSlot(1, 0.7, 0.0)
    assert _gaps(slot, 10) == pytest.approx([0.7] * 10)
