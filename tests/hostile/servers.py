"""Hostile fixture servers for tests/hostile: what a hacked, broken or malicious server does.

Static cases are trees under tests/hostile/sites/ served by ``govcrawl.devtools.devserver.SiteServer``
(malformed pages, redirect loops, charsets, traps, long and private links). The cases that need
behaviour a file cannot give are paths of ``BehaviourServer``: a 100 MB body, a gzip bomb, a body cut
short, 50,000 links, a 2 MB line, binary served as text/html, an endless ``?page=`` list, a request
that is never answered and one answered a byte a second. Each server has one loopback address
(127.0.1.140–169, port 8741); the [::1] recorder listens on ::1 port 8741 and only records.
"""

from __future__ import annotations

import gzip
import io
import random
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["BEHAVIOURS", "PORT", "BehaviourServer"]

PORT = 8741
MB = 1024 * 1024
HUGE_BYTES = 100 * MB
LINKS = 50_000
LINE_BYTES = 2 * MB
_CHUNK = 64 * 1024

Route = Callable[["_Handler", dict[str, list[str]]], None]


def _html(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body>{body}</body></html>").encode()


def _index(paths: list[str]) -> Route:
    """The homepage: a plain page linking every hostile path of the server."""
    body = "".join(f"<li><a href='{p}'>{p}</a></li>" for p in paths)

    def route(handler: _Handler, query: dict[str, list[str]]) -> None:
        handler.send_body(_html("测试首页", f"<p>发布日期：2026-11-18</p><ul>{body}</ul>"))
    return route


def _huge(handler: _Handler, query: dict[str, list[str]]) -> None:
    """100 MB announced by Content-Length, streamed until the client gives up."""
    handler.stream(HUGE_BYTES, length=True)


def _endless(handler: _Handler, query: dict[str, list[str]]) -> None:
    """A body with no length that never ends (until 100 MB or the client gives up)."""
    handler.stream(HUGE_BYTES, length=False)


def _gzip_bomb() -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        block = b"<p>" + b"\0" * (MB - 3)
        for _ in range(HUGE_BYTES // MB):
            gz.write(block)
    return out.getvalue()


_BOMB: list[bytes] = []
_BOMB_LOCK = threading.Lock()


def _bomb(handler: _Handler, query: dict[str, list[str]]) -> None:
    """A small gzip body that inflates to 100 MB."""
    with _BOMB_LOCK:
        if not _BOMB:
            _BOMB.append(_gzip_bomb())
    handler.send_body(_BOMB[0], headers={"Content-Encoding": "gzip"})


def _cut_short(handler: _Handler, query: dict[str, list[str]]) -> None:
    """Content-Length says 5000 bytes; 300 come, then the connection closes."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", "5000")
    handler.end_headers()
    handler.wfile.write(_html("截断的页面", "<p>" + "内容" * 30)[:300])
    handler.close_connection = True


def _many_links(handler: _Handler, query: dict[str, list[str]]) -> None:
    links = "".join(f"<a href='/l/{n}.html'>条目{n}</a>" for n in range(LINKS))
    handler.send_body(_html("五万个链接", links))


def _link_target(handler: _Handler, query: dict[str, list[str]]) -> None:
    handler.send_body(_html("条目", "<p>条目页面</p>"))


def _long_line(handler: _Handler, query: dict[str, list[str]]) -> None:
    """2 MB in a single line: text, tags and a date, never a newline."""
    unit = "<span>政务公开工作动态2026-11-18</span>"
    line = unit * (LINE_BYTES // len(unit.encode()))
    handler.send_body(_html("单行页面", f"<p>{line}</p>"))


def _binary(handler: _Handler, query: dict[str, list[str]]) -> None:
    """A PNG-like binary blob served as text/html."""
    blob = b"\x89PNG\r\n\x1a\n" + random.Random(12).randbytes(512 * 1024)
    handler.send_body(blob)


def _endless_list(handler: _Handler, query: dict[str, list[str]]) -> None:
    """``/list?page=N`` links to ``?page=N+1`` forever."""
    page = int((query.get("page") or ["1"])[0])
    rows = "".join(f"<li><a href='/list/{page}_{k}.html'>通知第{page}页第{k}条</a><span>2026-11-{k + 10}</span></li>"
                   for k in range(5))
    handler.send_body(_html(f"通知公告_第{page}页",
                            f"<ul class='list'>{rows}</ul><a href='/list?page={page + 1}'>下一页</a>"))


def _hang(handler: _Handler, query: dict[str, list[str]]) -> None:
    """Accept, read the request, never answer (until the server stops)."""
    handler.server.stopping.wait(120)  # type: ignore[attr-defined]
    handler.close_connection = True


def _trickle(handler: _Handler, query: dict[str, list[str]]) -> None:
    """Headers, then one byte a second."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    for byte in (b"<html>" + b" " * 99994):
        if handler.server.stopping.wait(1):  # type: ignore[attr-defined]
            break
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
    handler.close_connection = True


#: case name → paths (the homepage "/" links them all unless the case owns "/")
BEHAVIOURS: dict[str, dict[str, Route]] = {
    "huge": {"/huge.html": _huge, "/endless.html": _endless, "/cut.html": _cut_short},
    "bomb": {"/bomb.html": _bomb},
    "many_links": {"/": _many_links, "/l/*": _link_target},
    "long_line": {"/line.html": _long_line},
    "binary": {"/image.html": _binary},
    "endless_list": {"/list": _endless_list, "/list/*": _link_target},
    "hang": {"/hang.html": _hang},
    "trickle": {"/trickle.html": _trickle},
    "recorder": {},
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        self.server.record(self.command, self.path)
        parts = urlsplit(self.path)
        route = self.server.route(parts.path)
        try:
            if route is None:
                self.send_body(_html("404", "<h1>404</h1>"), status=404)
            else:
                route(self, parse_qs(parts.query))
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            pass  # the crawler gave up: that is the point

    def send_body(self, body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def stream(self, total: int, length: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if length:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        if self.command == "HEAD":
            return
        chunk = b"<p>" + b"x" * (_CHUNK - 3)
        sent = 0
        while sent < total and not self.server.stopping.is_set():
            self.wfile.write(chunk)
            sent += len(chunk)
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, routes: dict[str, Route]) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, PORT), _Handler)
        self.routes = routes
        self.stopping = threading.Event()
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients abort downloads on purpose here

    def record(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append((method, path))

    def route(self, path: str) -> Route | None:
        if path in self.routes:
            return self.routes[path]
        for pattern, route in self.routes.items():
            if pattern.endswith("*") and path.startswith(pattern[:-1]):
                return route
        return None


class BehaviourServer:
    """One hostile case on ``host``:8741: its paths, a homepage linking them, and a log of requests."""

    def __init__(self, case: str, host: str) -> None:
        routes = dict(BEHAVIOURS[case])
        if "/" not in routes and case != "recorder":
            routes["/"] = _index([p for p in routes if not p.endswith("*")])
        routes.setdefault("/robots.txt", lambda h, q: h.send_body(b"", status=404))
        self.case, self.host = case, host
        self._server = _Server(host, routes)
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"hostile-{case}", daemon=True)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{PORT}/"

    @property
    def requests(self) -> list[tuple[str, str]]:
        return list(self._server.requests)

    def start(self) -> BehaviourServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def wait_port(host: str, timeout: float = 5.0) -> None:
    """Block until ``host``:8741 accepts connections."""
    deadline = time.monotonic() + timeout
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    while time.monotonic() < deadline:
        with socket.socket(family) as sock:
            if sock.connect_ex((host, PORT)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"{host}:{PORT} does not listen")
