"""A threaded static web server for fixture and demo sites, on loopback only.

``SiteServer(root, host, port)`` serves the folder ``root`` on one 127.x address (one address per
site, as Scrapy keys politeness per host). A sidecar ``_server.json`` in the root adds what a real
government server does that static files cannot:

```json
{
  "delay": 0.05,                                   // seconds before every answer
  "paths": {                                       // exact paths or fnmatch patterns, merged in
    "/gone.html": {"status": 404},                 // file order, the exact path last
    "/busy.html": {"status": 503, "headers": {"Retry-After": "1"}},
    "/old.html":  {"status": 301, "redirect": "/new.html"},
    "/gbk/*":     {"headers": {"Content-Type": "text/html; charset=gbk"}},
    "/huge.html": {"size": 300000},                // a generated body of this many bytes
    "/slow.html": {"delay": 2},
    "/a.pdf":     {"head_status": 405}              // a server that refuses HEAD
  },
  "calendar": "/calendar",                         // endless month calendar under this path
  "pagination": {"prefix": "/list/", "name": "通知公告", "items": ["/a/1.html"], "newest": "2026-11-18",
                 "total": 500}                     // optional: the pager states 共500条
}
```

A request with a query string is answered from a file of its own when the tree has one: the
file's name is the path's file (``index.html`` for a folder) plus ``@`` plus the query's parameters
sorted by name (``k=v`` joined by ``&``), so ``/tzgg/?page=2`` is served from ``tzgg/index.html@page=2``
and ``list.html?uid=1&pageNum=2`` from ``list.html@pageNum=2&uid=1``, whatever order the crawler
writes the parameters in. Without such a file the query is ignored, as a static server does.

The server records, per host, every request (method and path with query) and the largest
number of requests it was answering at once — what the crawl tests assert politeness with.
``python -m govcrawl.devtools.devserver ROOT HOST PORT`` serves one site until interrupted.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import json
import logging
import mimetypes
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, parse_qsl, unquote, urlsplit

logger = logging.getLogger(__name__)

__all__ = ["ServerStats", "SiteServer", "layered", "serve_forever"]

SIDECAR = "_server.json"
_LIST_PAGE = re.compile(r"(?:index(?:_\d+)?\.html)?")


@dataclass
class ServerStats:
    """What one server saw: requests in arrival order and the peak of concurrent requests."""

    requests: list[tuple[str, str]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def enter(self, method: str, path: str) -> None:
        with self.lock:
            self.requests.append((method, path))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def paths(self, method: str | None = None) -> list[str]:
        """Every path requested (with its query), optionally only those of one method."""
        with self.lock:
            return [p for m, p in self.requests if method is None or m == method]


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def _page(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body>{body}</body></html>").encode()


def _calendar(prefix: str, query: str) -> bytes:
    """A month of an events calendar that links to the next and the previous month, forever."""
    params = parse_qs(query)
    try:
        year, month = int(params["y"][0]), int(params["m"][0])
        first = date(year, month, 1)
    except (KeyError, ValueError):
        first = date.today().replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    prev = (first - timedelta(days=1)).replace(day=1)
    days = "".join(f"<td>{d}</td>" for d in range(1, 29))
    return _page(f"{first.year}年{first.month}月 活动日历", (
        f"<h2>{first.year}年{first.month}月</h2><table class='calendar'><tr>{days}</tr></table>"
        f"<a href='{prefix}?y={prev.year}&m={prev.month}'>上一月</a> "
        f"<a href='{prefix}?y={nxt.year}&m={nxt.month}'>下一月</a>"))


def _pagination(conf: dict[str, Any], path: str) -> bytes:
    """List page N of a column whose 下一页 never ends (index.html, index_1.html, …); its pager
    states ``total`` (共N条) when the sidecar gives one."""
    prefix = conf["prefix"]
    stem = path[len(prefix):]
    number = int(stem[len("index_"):-len(".html")]) if stem.startswith("index_") else 0
    items = conf.get("items") or ["#"]
    newest = date.fromisoformat(conf.get("newest", "2026-01-01"))
    total = f"共{conf['total']}条 " if "total" in conf else ""
    rows = []
    for k in range(10):
        day = newest - timedelta(days=3 * (number * 10 + k))
        href = items[(number * 10 + k) % len(items)]
        rows.append(f"<li><a href='{href}'>{conf.get('name', '信息')}第{number * 10 + k + 1}条</a>"
                    f"<span>{day.isoformat()}</span></li>")
    return _page(f"{conf.get('name', '信息')}_第{number + 1}页", (
        f"<div class='crumb'>首页 &gt; {conf.get('name', '信息')}</div><ul class='list'>{''.join(rows)}</ul>"
        f"<div class='page'>{total}<a href='{prefix}index_{number + 1}.html'>下一页</a></div>"))


def query_file_suffix(query: str) -> str:
    """The part after ``@`` of the file that answers ``query``: its parameters sorted by name."""
    return "&".join(f"{k}={v}" for k, v in sorted(parse_qsl(query, keep_blank_values=True)))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _SiteHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._handle(send_body=True)

    def do_HEAD(self) -> None:
        self._handle(send_body=False)

    def _handle(self, send_body: bool) -> None:
        stats = self.server.stats
        stats.enter(self.command, self.path)
        try:
            answer = self.server.answer(self.command, self.path)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if send_body:
                self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            logger.debug("client went away during %s", self.path)
        finally:
            stats.leave()


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: Path, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.root = root.resolve()
        self.stats = ServerStats()
        sidecar = self.root / SIDECAR
        self.conf: dict[str, Any] = json.loads(sidecar.read_text("utf-8")) if sidecar.exists() else {}

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Crawlers drop keep-alive connections and abort oversized downloads: not server errors.
        logger.debug("connection from %s ended abruptly", client_address, exc_info=True)

    def extras(self, path: str) -> dict[str, Any]:
        """The sidecar's settings for ``path``: matching patterns in file order, the exact path last."""
        merged: dict[str, Any] = {"headers": {}}
        rules: dict[str, dict[str, Any]] = self.conf.get("paths", {})
        matching = [e for p, e in rules.items() if p != path and fnmatch.fnmatchcase(path, p)]
        if path in rules:
            matching.append(rules[path])
        for extra in matching:
            merged.update({k: v for k, v in extra.items() if k != "headers"})
            merged["headers"].update(extra.get("headers", {}))
        return merged

    def answer(self, method: str, raw_path: str) -> _Answer:
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        extra = self.extras(path)
        time.sleep(float(extra.get("delay", self.conf.get("delay", 0))))
        headers: dict[str, str] = dict(extra["headers"])
        status = int(extra.get("head_status" if method == "HEAD" and "head_status" in extra else "status", 200))
        if "redirect" in extra:
            headers["Location"] = extra["redirect"]
            return _Answer(status if 300 <= status < 400 else 302, headers, b"")
        if status != 200:
            return _Answer(status, {"Content-Type": "text/html; charset=utf-8", **headers},
                           _page(str(status), f"<h1>{status}</h1>"))
        body = self._body(path, parts.query, extra)
        if body is None:
            return _Answer(404, {"Content-Type": "text/html; charset=utf-8"}, _page("404", "<h1>404</h1>"))
        ctype = mimetypes.guess_type(path if not path.endswith("/") else "index.html")[0] or "text/html"
        return _Answer(200, {"Content-Type": ctype, **headers}, body)

    def _body(self, path: str, query: str, extra: dict[str, Any]) -> bytes | None:
        if "size" in extra:
            return b"<html><body>" + b"x" * int(extra["size"]) + b"</body></html>"
        calendar = self.conf.get("calendar")
        if calendar and path.startswith(calendar):
            return _calendar(calendar, query)
        pagination = self.conf.get("pagination")
        if pagination and _LIST_PAGE.fullmatch(path.removeprefix(pagination["prefix"])) \
                and path.startswith(pagination["prefix"]):
            return _pagination(pagination, path)
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        suffix = query_file_suffix(query)
        if suffix and "/" not in suffix and target.with_name(f"{target.name}@{suffix}").is_file():
            target = target.with_name(f"{target.name}@{suffix}")
        if not target.is_relative_to(self.root) or not target.is_file() or target.name == SIDECAR:
            return None
        return target.read_bytes()


class SiteServer:
    """One fixture site served on ``host:port`` (a loopback address) from a background thread."""

    def __init__(self, root: str | Path, host: str, port: int) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"SiteServer only listens on loopback addresses, not {host}")
        self.root = Path(root)
        self.host = host
        self.port = port
        self._server: _SiteHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def stats(self) -> ServerStats:
        if self._server is None:
            raise RuntimeError("server not started")
        return self._server.stats

    def reset(self) -> None:
        """Forget what was requested (between two crawls of one session)."""
        if self._server is not None:
            self._server.stats = ServerStats()

    def start(self) -> SiteServer:
        self._server = _SiteHTTPServer(self.root, (self.host, self.port))
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"site-{self.host}",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def layered(base: Path, overlay: Path, into: Path, *ignore: str) -> Path:
    """A copy of ``base`` at ``into`` with the files of ``overlay`` laid over it (names matching an
    ``ignore`` pattern left out of the copy): a tree as it stood at an earlier inspection, when only
    the files that differ are kept."""
    shutil.copytree(base, into, ignore=shutil.ignore_patterns(*ignore) if ignore else None)
    shutil.copytree(overlay, into, dirs_exist_ok=True)
    return into


def serve_forever(root: str, host: str, port: int) -> None:
    """Serve one site until interrupted (Ctrl-C)."""
    with SiteServer(root, host, port) as server:
        print(f"serving {root} on {server.url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: python -m govcrawl.devtools.devserver ROOT HOST PORT")
    serve_forever(sys.argv[1], sys.argv[2], int(sys.argv[3]))
