"""The mark for tests that need Debian's Chromium.

Skipped only where Chromium is absent and the run does not require it: CI exports
GOVCRAWL_REQUIRE_SERVICES=1 (as for Redis and PostgreSQL), so there a missing Chromium fails the
browser tests instead of skipping them, and a green CI run means they really ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

CHROMIUM = Path("/usr/bin/chromium")

#: for a module's ``pytestmark``
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() and os.environ.get("GOVCRAWL_REQUIRE_SERVICES") != "1",
                       reason="Debian's Chromium is not installed (/usr/bin/chromium)"),
]

_Test = TypeVar("_Test", bound=Callable[..., Any])


def needs_chromium(test: _Test) -> _Test:
    """Decorator: mark ``test`` as a browser test (see the module docstring)."""
    for mark in BROWSER_MARKS:
        test = mark(test)
    return test
