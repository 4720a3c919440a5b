"""Access to the real Redis and PostgreSQL servers that .ci/run (scripts/services.sh) starts.

Locally a missing server skips its tests; in CI (GOVCRAWL_REQUIRE_SERVICES=1) it fails them, so a
green CI run always means the database and distributed tests really ran.
"""

from __future__ import annotations

import os
import socket

import pytest

POSTGRES_URL = os.environ.get(
    "GOVCRAWL_TEST_POSTGRES", "postgresql+psycopg://govcrawl:govcrawl@127.0.0.1:5432/govcrawl_test")
REDIS_URL = os.environ.get("GOVCRAWL_TEST_REDIS", "redis://127.0.0.1:6379/15")


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def require(port: int, what: str) -> None:
    """Skip (locally) or fail (CI) when the server on ``port`` is not there."""
    if _listening(port):
        return
    message = f"{what} is not running on 127.0.0.1:{port} (scripts/services.sh starts it)"
    if os.environ.get("GOVCRAWL_REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)
