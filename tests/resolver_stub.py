"""A DNS resolver for crawl tests that writes down every host name the crawl asks for.

Set ``DNS_RESOLVER=tests.resolver_stub.RecordingResolver`` and the environment variable
``GOVCRAWL_TEST_RESOLVER_LOG`` (a file path): each name is appended to the file, one a line, before
Scrapy's caching resolver looks it up. Fixture spam hosts end in ``.invalid`` (RFC 2606) and resolve
nowhere; a test asserts that no such name was ever asked for.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from scrapy.resolver import CachingThreadedResolver

LOG_VARIABLE = "GOVCRAWL_TEST_RESOLVER_LOG"


class RecordingResolver(CachingThreadedResolver):
    """CachingThreadedResolver that records each host name asked for."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Any:
        path = os.environ.get(LOG_VARIABLE)
        if path:
            with open(path, "a", encoding="utf-8") as log:
                log.write(name + "\n")
        return super().getHostByName(name, timeout)
