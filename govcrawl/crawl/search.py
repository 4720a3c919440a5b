"""Site search policy: where govcrawl may send a search query, what it asks, and the address it sends.

A query goes only where the site's own homepage sends its readers: a host of the site, or an
external search host (集约化 search platform) the homepage's own search form names and that answers
for this site. Such a host is a government host (.gov.cn, .gov: a form injected into a hacked page
must not send the crawler to a gambling host) and either sits under the same government domain
(``search.gd.gov.cn`` for ``www.gd.gov.cn``) or is told by the form which site to search (this
site's 网站标识码 or host in a field, or a site-id field such as ``siteCode=…``, ``webid=…``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from govcrawl.crawl.urls import host_of, is_government_host, is_site_host
from govcrawl.extract.search import SUBMITTABLE, SearchOffer

__all__ = ["search_query", "search_target_refusal", "search_url"]

_SITE_FIELD = re.compile(r"^(?:site_?id|site_?code|web_?id|website_?id|siteno|site|webcode|chnlid|channelid)$",
                         re.IGNORECASE)
_TITLE_TAIL = re.compile(r"[\s_|｜-]+$")


def _government_parent(host: str) -> str:
    """``gd.gov.cn`` for ``search.gd.gov.cn``: the domain one label up, when it is still a government
    domain of its own (never the bare suffix ``gov.cn``)."""
    parent = host.partition(".")[2]
    return parent if is_government_host(parent) and parent.count(".") >= 2 else ""


def search_target_refusal(offer: SearchOffer, site_code: str, site_hosts: Collection[str]) -> str:
    """Why the offer's address may not be queried ("" when it may)."""
    if offer.kind != SUBMITTABLE:
        return "the search is run by a script or another page"
    host = host_of(offer.action)
    if not host:
        return "no search address"
    if is_site_host(host, site_hosts):
        return ""
    if not is_government_host(host):  # 集约化 platforms are government hosts; an injected form need not be
        return f"external search host {host} is not a government host"
    parent = _government_parent(host)
    if parent and any(_government_parent(h) == parent for h in site_hosts):
        return ""
    fields = list(offer.fields) + parse_qsl(urlsplit(offer.action).query)
    for name, value in fields:
        value = value.strip()
        if value and (value == site_code or _SITE_FIELD.match(name)
                      or any(h and h in value for h in site_hosts)):
            return ""
    return f"external search host {host} does not say it searches this site"


def search_query(title: str, max_chars: int) -> str:
    """The query for an article: its title, cut to ``max_chars`` (search boxes cap their input)."""
    return _TITLE_TAIL.sub("", " ".join(title.split())[:max_chars])


def search_url(offer: SearchOffer, query: str, page_encoding: str) -> str:
    """The GET address the form sends for ``query``: its fields in order, the query field last,
    encoded as the form would (its accept-charset, else the page's encoding: a GBK site's search
    reads GBK)."""
    encoding = offer.charset or page_encoding or "utf-8"
    parts = urlsplit(offer.action)
    pairs = list(parse_qsl(parts.query, keep_blank_values=True)) + list(offer.fields) + [(offer.param, query)]

    def encode(text: str) -> str:
        return quote(text.encode(encoding, "xmlcharrefreplace"), safe="")

    query_string = "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query_string, ""))
