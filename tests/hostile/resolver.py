"""A DNS resolver for the hostile and network-fault crawls that never asks a real resolver.

``DNS_RESOLVER=tests.hostile.resolver.StubResolver``: an IP address is itself; a name listed in the
environment variable ``GOVCRAWL_TEST_HOSTS`` (``name=address`` pairs separated by commas; ``name=address@N``
fails the first N lookups of that name, a resolver that comes back) resolves to its loopback address;
every other name fails as a resolver outage does. So a test can take the network away without
touching the machine's, and nothing it does can leave loopback through a name.
"""

from __future__ import annotations

import ipaddress
import os
from collections import Counter
from collections.abc import Sequence
from typing import Any, ClassVar

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

HOSTS_VARIABLE = "GOVCRAWL_TEST_HOSTS"


def _table() -> dict[str, tuple[str, int]]:
    table = {}
    for pair in filter(None, os.environ.get(HOSTS_VARIABLE, "").split(",")):
        name, _, target = pair.partition("=")
        address, _, failures = target.partition("@")
        if not ipaddress.ip_address(address).is_loopback:
            raise ValueError(f"{HOSTS_VARIABLE} maps {name} outside loopback: {address}")
        table[name.strip().lower()] = (address, int(failures or 0))
    return table


class StubResolver(CachingThreadedResolver):
    """Resolve from ``GOVCRAWL_TEST_HOSTS`` only (see the module docstring)."""

    lookups: ClassVar[Counter[str]] = Counter()  # per process: one crawl per process

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Any:
        try:
            return defer.succeed(str(ipaddress.ip_address(name)))
        except ValueError:
            pass
        entry = _table().get(name.lower())
        self.lookups[name.lower()] += 1
        if entry is None or self.lookups[name.lower()] <= entry[1]:
            return defer.fail(DNSLookupError(name))
        return defer.succeed(entry[0])
