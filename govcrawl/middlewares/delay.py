"""A per-host delay that averages DOWNLOAD_DELAY: one random draw per gap between two requests.

Scrapy's download slot draws its randomised delay (``DOWNLOAD_DELAY_JITTER``, ±50 % by default)
anew each time it looks at its queue: when a request arrives, when a download ends and when the
timer of the previous draw fires. A request leaves only when a draw falls below the time already
waited, so a short draw is often replaced by a longer one before it can be used, and the gaps
average about 1.22 × the delay with the default jitter instead of 1 × (a seeded simulation and
the polite bench's request log agree). With a 1 s delay over 50 hosts that alone loses a fifth of
what politeness allows.

``SteadyJitterDownloader`` (``DOWNLOADER``) gives every slot one draw per gap: it is kept until the
slot sends its next request (or its delay changes, as AutoThrottle does), so the gaps are spread
evenly around the delay and average it. The draws come in mirrored pairs (``delay × (1 + u)``, then
``delay × (1 − u)``): each gap is still anywhere in ``delay × (1 ± jitter)``, but every two gaps add
up to twice the delay. Independent draws make a host's total a random walk (over 44 requests at
1 s ± 50 %, a spread of ±1.9 s), and a run ends when its slowest host does: the slowest of 50 hosts
finished about 4 s after the average one, a tenth of the polite run. Politeness is unchanged:
per-host concurrency is Scrapy's, a host gets on average one request per delay, and no gap is
shorter than the jittered delay Scrapy would allow (``delay × (1 − jitter)``).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from scrapy.core.downloader import Downloader, Slot

if TYPE_CHECKING:
    from scrapy import Request, Spider

__all__ = ["SteadyJitterDownloader", "SteadyJitterSlot"]


class SteadyJitterSlot(Slot):
    """A download slot whose randomised delay is drawn once per gap between two requests, in
    mirrored pairs."""

    __slots__ = ("_drawn", "_drawn_for", "_mirror")

    def __init__(self, concurrency: int, delay: float, jitter: float) -> None:
        super().__init__(concurrency, delay, jitter)
        self._drawn_for: tuple[float, float] | None = None
        self._drawn = 0.0
        self._mirror: tuple[float, float] | None = None  # (delay, offset) the next draw mirrors

    def download_delay(self) -> float:
        # one draw per (last request sent, delay in force): a request sent or a new delay draws again
        key = (self.lastseen, self.delay)
        if key != self._drawn_for:
            self._drawn_for, self._drawn = key, self._draw()
        return self._drawn

    def _draw(self) -> float:
        if not self.jitter:
            return self.delay
        if self._mirror is not None and self._mirror[0] == self.delay:
            offset, self._mirror = -self._mirror[1], None
        else:
            offset = random.uniform(-self.jitter, self.jitter)
            self._mirror = (self.delay, offset)
        # as Scrapy's own draw: a jitter above 1 would reach into negative delays, floored at 0
        return max(0.0, self.delay * (1 + offset))


class SteadyJitterDownloader(Downloader):
    """Scrapy's downloader with ``SteadyJitterSlot`` slots."""

    def _get_slot(self, request: Request, spider: Spider | None = None) -> tuple[str, Slot]:
        key, slot = super()._get_slot(request)
        if type(slot) is Slot:  # Scrapy built it just now, with its own class: nothing uses it yet
            slot = self.slots[key] = SteadyJitterSlot(slot.concurrency, slot.delay, slot.jitter)
        return key, slot
