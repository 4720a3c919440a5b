"""The IPv6 and HTTPS facts of a site's homepage host (未支持IPv6, 未启用HTTPS), gathered once per site.

Blocking sockets on purpose: the spider runs ``check_transport`` in a thread of the reactor's pool,
once for each site (never per page), against the region file's homepage host only. Three things are
tried, politely (one connection each, the crawl's User-Agent):

- the host's AAAA record, asked of the system resolver (``socket.getaddrinfo`` with AF_INET6): Scrapy's
  own resolver answers IPv4 only and would blame every site;
- when there is one, the homepage fetched over the first IPv6 address (HTTP status read, body not);
- a TLS handshake with the certificate verified for the host (``GOVCRAWL_CA_BUNDLE``, default the
  system store) at the region file's https:// address or, for an http:// one, on ``GOVCRAWL_HTTPS_PORT``;
  when verification fails, a second unverified handshake reads the certificate's names and expiry for
  the evidence; after a verified one the homepage is requested over it.

What cannot be told is marked so and never judged: a lookup that timed out, a checking machine
without an IPv6 route. A bare-IP host is not checked (the caller skips it: 域名不规范 covers it).
"""

from __future__ import annotations

import errno
import importlib
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509

from govcrawl.config import ConfigError, number, text
from govcrawl.crawl.urls import is_ip_address
from govcrawl.model.facts import TransportFacts

__all__ = ["Resolver", "TransportConfig", "check_transport", "checked_host", "system_resolver"]

#: (host, address family) → its addresses of that family; [] when it has none. Raises OSError when
#: the lookup could not tell (a timeout, a failing resolver).
Resolver = Callable[[str, int], list[str]]

#: getaddrinfo's answers meaning "this name has no address of that family" (not a failure)
_NO_ADDRESS = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME),
               getattr(socket, "EAI_ADDRFAMILY", socket.EAI_NONAME)}
#: connect errors that are this machine's lack of IPv6, not the site's
_NO_ROUTE_HERE = {errno.ENETUNREACH, errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT}
# X509_V_ERR_CERT_HAS_EXPIRED, X509_V_ERR_HOSTNAME_MISMATCH (OpenSSL's verify codes)
_EXPIRED, _HOSTNAME = 10, 62


def system_resolver(host: str, family: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, family, socket.SOCK_STREAM)
    except socket.gaierror as exc:
        if exc.errno in _NO_ADDRESS:
            return []
        raise
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class TransportConfig:
    """The process-wide settings of the check (see govcrawl/settings.py)."""

    ca_bundle: str
    https_port: int
    timeout: float
    user_agent: str
    resolver: Resolver

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> TransportConfig:
        return cls(ca_bundle=text(settings, "GOVCRAWL_CA_BUNDLE"),
                   https_port=number(settings, "GOVCRAWL_HTTPS_PORT", int, minimum=1),
                   timeout=number(settings, "GOVCRAWL_TRANSPORT_TIMEOUT", float, minimum=0.1),
                   user_agent=str(settings.get("USER_AGENT") or "govcrawl"),
                   resolver=_resolver(text(settings, "GOVCRAWL_TRANSPORT_RESOLVER")))


def _resolver(path: str) -> Resolver:
    if not path:
        return system_resolver
    module, _, name = path.partition(":")
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError):
        raise ConfigError(f"GOVCRAWL_TRANSPORT_RESOLVER must name a function as module:name, not {path!r}") from None
    resolver: Resolver = found
    return resolver


def _status(sock: socket.socket, host: str, netloc: str, path: str, user_agent: str) -> int | None:
    """Request ``path`` on an open connection; the HTTP status of the answer (None: not HTTP)."""
    sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {netloc}\r\nUser-Agent: {user_agent}\r\n"
                  "Accept: text/html\r\nConnection: close\r\n\r\n").encode("latin-1"))
    head = b""
    while b"\r\n" not in head and len(head) < 4096:
        chunk = sock.recv(1024)
        if not chunk:
            break
        head += chunk
    parts = head.split(b"\r\n", 1)[0].split()
    if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
        return int(parts[1])
    return None


def _error(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"证书验证失败: {exc.verify_message}"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "连接超时"
    if isinstance(exc, ConnectionRefusedError):
        return "连接被拒绝"
    return f"{type(exc).__name__}: {exc}"


def _certificate(der: bytes | None) -> tuple[tuple[str, ...], datetime | None]:
    if not der:
        return (), None
    cert = x509.load_der_x509_certificate(der)
    try:
        names = tuple(cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
                      .value.get_values_for_type(x509.DNSName))
    except x509.ExtensionNotFound:
        names = ()
    return names, cert.not_valid_after_utc.replace(tzinfo=None)


@dataclass
class _Https:
    problem: str = "none"
    status: int | None = None
    error: str = ""
    names: tuple[str, ...] = ()
    expires: datetime | None = None


def _https(addresses: list[str], host: str, port: int, path: str, config: TransportConfig) -> _Https:
    if not addresses:  # the lookup failed (the crawl reached the host, so it has some): cannot tell
        return _Https(problem="unknown", error="域名解析失败")
    found = _Https()
    netloc = host if port == 443 else f"{host}:{port}"
    verified = ssl.create_default_context(cafile=config.ca_bundle or None)
    for address in addresses:
        try:
            with socket.create_connection((address, port), timeout=config.timeout) as raw, \
                    verified.wrap_socket(raw, server_hostname=host) as tls:
                found.names, found.expires = _certificate(tls.getpeercert(binary_form=True))
                found.problem, found.error = "", ""
                found.status = _status(tls, host, netloc, path, config.user_agent)
                return found
        except ssl.SSLCertVerificationError as exc:
            code = exc.verify_code
            found.problem = "expired" if code == _EXPIRED else "name" if code == _HOSTNAME else "untrusted"
            found.error = _error(exc)
            found.names, found.expires = _unverified_certificate(address, host, port, config.timeout)
            return found
        except (OSError, ssl.SSLError) as exc:
            if found.problem == "":
                return found  # verified; only the HTTP request failed (the status stays None)
            found.error = f"{f'[{address}]' if ':' in address else address}:{port} {_error(exc)}"
    return found


def _unverified_certificate(address: str, host: str, port: int,
                            timeout: float) -> tuple[tuple[str, ...], datetime | None]:
    """The names and expiry of the certificate a server presents, not verified (evidence only)."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    try:
        with socket.create_connection((address, port), timeout=timeout) as raw, \
                context.wrap_socket(raw, server_hostname=host) as tls:
            return _certificate(tls.getpeercert(binary_form=True))
    except (OSError, ssl.SSLError, ValueError):
        return (), None


def checked_host(url: str) -> bool:
    """Whether the check applies to a homepage address: a host name, not a bare IP address."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    return bool(host) and not is_ip_address(host)


def check_transport(url: str, config: TransportConfig) -> TransportFacts:
    """The IPv6 and HTTPS facts of the host of ``url`` (a site's homepage address)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        aaaa, unknown, lookup_error = tuple(config.resolver(host, socket.AF_INET6)), False, ""
    except OSError as exc:
        aaaa, unknown, lookup_error = (), True, f"AAAA查询失败: {exc}"
    ipv6_url, ipv6_status, ipv6_error = "", None, lookup_error
    if aaaa:
        ipv6_url = f"{parts.scheme}://[{aaaa[0]}]:{port}{path}"
        ipv6_status, ipv6_error, unknown = _ipv6_fetch(aaaa[0], host, port, path, parts.scheme, config)
    https_port = port if parts.scheme == "https" else config.https_port
    try:
        v4 = config.resolver(host, socket.AF_INET)
    except OSError:
        v4 = []
    https = _https([*v4, *aaaa], host, https_port, path, config)
    return TransportFacts(
        host=host, aaaa=aaaa, ipv6_url=ipv6_url, ipv6_status=ipv6_status, ipv6_error=ipv6_error,
        ipv6_unknown=unknown, https_url=f"https://{host}{'' if https_port == 443 else f':{https_port}'}{path}",
        cert_problem=https.problem, https_status=https.status, https_error=https.error,
        cert_names=https.names, cert_expires=https.expires)


def _ipv6_fetch(address: str, host: str, port: int, path: str, scheme: str,
                config: TransportConfig) -> tuple[int | None, str, bool]:
    """(status, error, unknown) of the homepage fetched over ``address``."""
    netloc = host if port in (80, 443) else f"{host}:{port}"
    try:
        with socket.create_connection((address, port), timeout=config.timeout) as raw:
            if scheme != "https":
                return _status(raw, host, netloc, path, config.user_agent), "", False
            context = ssl.create_default_context(cafile=config.ca_bundle or None)
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # HTTPS is judged apart
            with context.wrap_socket(raw, server_hostname=host) as tls:
                return _status(tls, host, netloc, path, config.user_agent), "", False
    except OSError as exc:
        return None, _error(exc), exc.errno in _NO_ROUTE_HERE

