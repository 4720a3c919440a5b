"""Canonical URL forms and hosts: one string per resource, so a page or link is fetched and stored once.

Government CMSs decorate the same page with session ids (``;jsessionid=…``, ``?sid=…``),
cache-busters (``?t=…``) and query parameters in any order. The canonical form drops the
fragment, the default port, path parameters and the parameters named in
``GOVCRAWL_DROP_QUERY_PARAMS``, lower-cases scheme and host and sorts the query. It does not
percent-encode: a Chinese attachment name stays readable in the annex.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Collection
from urllib.parse import urlsplit, urlunsplit

__all__ = ["GOVERNMENT_SUFFIXES", "canonical_url", "host_of", "is_government_host", "is_ip_address", "is_site_host",
           "page_key", "path_key", "url_digest"]

#: Host suffixes of government websites: where a page may send its reader (a moved homepage).
GOVERNMENT_SUFFIXES = (".gov.cn", ".gov")

_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_PARAMS = re.compile(r";[^/?]*")
_DIRECTORY_INDEX = re.compile(r"/(?:index|default)\.(?:s?html?|jsp|php|aspx?)$", re.IGNORECASE)


def host_of(url: str) -> str:
    """Lower-case host of ``url`` without port or trailing dot; "" when it has none."""
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_ip_address(host: str) -> bool:
    """``host`` is a bare IPv4 or IPv6 address (no brackets), not a name."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_site_host(host: str, site_hosts: Collection[str]) -> bool:
    """True when ``host`` is one of the site's hosts (a leading "www." is ignored)."""
    bare = host.removeprefix("www.")
    return any(bare == h.lower().removeprefix("www.") for h in site_hosts)


def is_government_host(host: str) -> bool:
    """True for a host under a government suffix (.gov.cn, .gov)."""
    return host.endswith(GOVERNMENT_SUFFIXES)


def canonical_url(url: str, drop_params: Collection[str] = ()) -> str:
    """The canonical form of an absolute http(s) URL (unchanged when it cannot be parsed)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets ([::1]:8741, not ::1:8741)
        host = f"[{host}]"
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    path = _PATH_PARAMS.sub("", parts.path) or "/"
    dropped = {p.lower() for p in drop_params}
    pairs = [p for p in parts.query.split("&") if p and p.split("=", 1)[0].lower() not in dropped]
    return urlunsplit((scheme, netloc, path, "&".join(sorted(pairs)), ""))


def page_key(url: str) -> str:
    """The key a canonical URL is fetched under: a directory's index file (``/xwdt/index.html``)
    is the directory (``/xwdt/``), as CMS list pagers link back to page one by file name while
    menus link the directory. Only the crawl's dedup uses it; requests keep the URL as found."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, _DIRECTORY_INDEX.sub("/", parts.path), parts.query, ""))


def path_key(url: str) -> str:
    """``url`` without its query: the resource that query variants are variants of."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def url_digest(url: str) -> bytes:
    """A short fixed-size key for a URL; sets of these keep the crawl's memory small."""
    return hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=12).digest()
