"""Access to the real Redis and PostgreSQL servers that .ci/run (scripts/services.sh) starts.

Locally a missing server skips its tests; in CI (GOVCRAWL_REQUIRE_SERVICES=1) it fails them, so a
green CI run always means the database and distributed tests really ran.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

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


POSTGRES_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))


class PrivatePostgres:
    """A throw-away PostgreSQL cluster of one test, on ``host`` and a free port, that the test may
    stop and start at will (never the machine's shared server). initdb refuses root, so as root
    the cluster belongs to the ``postgres`` user; its folder is outside pytest's root-only tmp."""

    def __init__(self, host: str) -> None:
        if not POSTGRES_BINS:
            message = "PostgreSQL's server binaries are not installed (/usr/lib/postgresql/*/bin)"
            if os.environ.get("GOVCRAWL_REQUIRE_SERVICES") == "1":
                pytest.fail(message)
            pytest.skip(message)
        self.bin = POSTGRES_BINS[-1].parent
        self.host = host
        with socket.socket() as sock:
            sock.bind((host, 0))
            self.port = int(sock.getsockname()[1])
        self.folder = Path(tempfile.mkdtemp(prefix="govcrawl-pg-"))
        self.data = self.folder / "data"
        self.url = f"postgresql+psycopg://govcrawl@{host}:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(prefix + list(command), check=True, capture_output=True, timeout=120)

    def init(self) -> PrivatePostgres:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "govcrawl", "--auth=trust",
                  "-E", "UTF8", "--no-sync")
        return self.start()

    def start(self) -> PrivatePostgres:
        options = f"-h {self.host} -p {self.port} -k {self.folder} -F"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "start")
        return self

    def stop(self) -> None:
        """Stop at once, dropping every client connection (``-m fast``)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
