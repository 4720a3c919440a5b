"""Loopback servers and a stub resolver for the IPv6/HTTPS check (未支持IPv6, 未启用HTTPS).

Names end in ``.test`` (RFC 2606: they resolve nowhere); ``NAMES`` maps each to its loopback addresses,
and both ``resolve`` (``GOVCRAWL_TRANSPORT_RESOLVER=tests.transport_servers:resolve``) and
``StubDNSResolver`` (Scrapy's ``DNS_RESOLVER``) answer from it alone: an unknown name fails, it is never
asked of a real resolver. ``HomeServer`` answers every GET with a small page, over IPv4 or IPv6, in
clear or over TLS with a certificate a ``trustme`` CA made at test time.
"""

from __future__ import annotations

import socket
import socketserver
import ssl
import threading
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import trustme
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

V6 = "::1"
HTTP_PORT = 8751   # the sites' addresses (IPv4 and, for ::1, IPv6)
HTTPS_PORT = 8752  # GOVCRAWL_HTTPS_PORT of the tests
DEAD_PORT = 8753   # a site on this port has ::1 as AAAA but nothing listens there over IPv6

#: name → (IPv4 addresses, IPv6 addresses)
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "www.ok.test": (("127.0.1.122",), (V6,)),
    "www.expired.test": (("127.0.1.123",), ()),
    "www.wrongname.test": (("127.0.1.124",), ()),
    "www.soon.test": (("127.0.1.125",), ()),
    "www.plain.test": (("127.0.1.126",), ()),
    "www.v6dead.test": (("127.0.1.127",), (V6,)),
    "www.untrusted.test": (("127.0.1.128",), ()),
}


def resolve(host: str, family: int) -> list[str]:
    """The stub lookup of crawl/transport.py."""
    if host not in NAMES:
        raise socket.gaierror(socket.EAI_FAIL, f"{host} is not a test name")
    v4, v6 = NAMES[host]
    return list(v6 if family == socket.AF_INET6 else v4)


class StubDNSResolver(CachingThreadedResolver):
    """Scrapy's resolver for the crawl: the test names' IPv4 address, loopback literals as they are."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Any:
        if name in NAMES:
            return defer.succeed(NAMES[name][0][0])
        if name.startswith("127."):
            return defer.succeed(name)
        return defer.fail(DNSLookupError(f"{name} is not a test name"))


class _Handler(BaseHTTPRequestHandler):
    server: HomeServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        body = "<html><head><title>首页</title></head><body><p>首页</p></body></html>".encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class HomeServer(ThreadingHTTPServer):
    """A homepage on ``host:port`` (IPv6 when ``host`` has a colon), over TLS when given a certificate."""

    daemon_threads = True

    def __init__(self, host: str, port: int, cert: trustme.LeafCert | None = None, status: int = 200) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.status = status
        super().__init__((host, port), _Handler)
        if cert is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            cert.configure_cert(context)
            self.socket = context.wrap_socket(self.socket, server_side=True)
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def server_bind(self) -> None:
        # HTTPServer's own asks getfqdn(), a reverse lookup that may leave the machine
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that drops the connection after reading the status line is expected

    def start(self) -> HomeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
