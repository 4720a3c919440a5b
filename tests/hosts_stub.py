"""A DNS resolver for crawl tests that answers some host names with loopback addresses.

Set ``DNS_RESOLVER=tests.hosts_stub.MappedResolver`` and the environment variable
``GOVCRAWL_TEST_HOSTS`` to ``name=address`` pairs joined by commas
(``search.example.gov.cn=127.0.1.44``): those names resolve to their address without any DNS query,
every other name is refused, so a crawl test never asks a real resolver.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

HOSTS_VARIABLE = "GOVCRAWL_TEST_HOSTS"


class MappedResolver(CachingThreadedResolver):
    """Resolve the names of ``GOVCRAWL_TEST_HOSTS`` only (addresses pass through unchanged)."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        hosts = dict(pair.split("=", 1) for pair in os.environ.get(HOSTS_VARIABLE, "").split(",") if "=" in pair)
        if name in hosts:
            return defer.succeed(hosts[name])
        if name.replace(".", "").isdigit():
            return defer.succeed(name)
        return defer.fail(DNSLookupError(f"{name} is not a test host"))
