"""Serve a fixture tree on a loopback address, optionally behind a firewall-style cookie challenge.

The challenge imitates the domestic WAFs the crawler meets: without the clearance cookie every
request (robots.txt included) gets a stub page whose script sets the cookie and reloads, with
HTTP 412 (521 under /xxgk/, as jiasule answers); with the cookie the real file is served.
Every request is recorded (method, path, whether it carried the clearance) for assertions.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).parent
CLEARANCE = "gc_clearance"
CLEARANCE_VALUE = "8c1e5a9f0b"
CHALLENGE_BODY = (
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><script>"
    f"var k=\"{CLEARANCE}\",v=\"{CLEARANCE_VALUE}\";"
    "document.cookie=k+\"=\"+v+\"; path=/; max-age=3600\";"
    "setTimeout(function(){location.reload();},50);"
    "</script></body></html>"
).encode()


@dataclass
class Site:
    root: Path
    challenge: bool
    url: str = ""
    requests: list[tuple[str, str, bool]] = field(default_factory=list)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _cleared(self) -> bool:
            return f"{CLEARANCE}={CLEARANCE_VALUE}" in (self.headers.get("Cookie") or "")

        def _send(self, status: int, body: bytes, ctype: str, head: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _serve(self, head: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            cleared = self._cleared()
            site.requests.append((self.command, path, cleared))
            if site.challenge and not cleared:
                status = 521 if path.startswith("/xxgk/") else 412
                self._send(status, CHALLENGE_BODY, "text/html; charset=utf-8", head)
                return
            target = (site.root / path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(site.root) or not target.is_file():
                self._send(404, b"<html><body>404 Not Found</body></html>", "text/html", head)
                return
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype == "text/html":
                ctype = "text/html"  # charset left to the page's <meta>, as many CMSs do
            self._send(200, target.read_bytes(), ctype, head)

        def do_GET(self) -> None:
            self._serve(head=False)

        def do_HEAD(self) -> None:
            self._serve(head=True)

    return Handler


@contextmanager
def serve(name: str, host: str, *, challenge: bool = False) -> Iterator[Site]:
    """Serve tests/sites_js/<name> on http://<host>:<free port>/ while the block runs."""
    site = Site(root=(HERE / name).resolve(), challenge=challenge)
    server = ThreadingHTTPServer((host, 0), _handler(site))
    server.daemon_threads = True
    site.url = f"http://{host}:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
