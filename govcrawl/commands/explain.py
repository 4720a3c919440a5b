"""``scrapy explain URL|FILE``: print, as JSON, what extraction sees in one page.

Inspection staff use it to check a finding ("why does govcrawl think this column is stale?") and
developers use it on saved pages. A FILE is read as bytes and decoded like a crawled body; a URL is
fetched once with the project's user agent (no crawl, no robots.txt: one page a person asked for).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import urllib.request
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from govcrawl.crawl.column_urls import column_page
from govcrawl.crawl.urls import host_of
from govcrawl.extract.charset import decode_html
from govcrawl.extract.page import PageFacts, extract_page, is_home_url

logger = logging.getLogger(__name__)

FETCH_TIMEOUT = 20.0
MAX_BODY = 20 * 1024 * 1024


def fetch(url: str, user_agent: str, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str | None, str]:
    """GET ``url``: (body, charset from the Content-Type header, final URL after redirects)."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "text/html,*/*"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body: bytes = response.read(MAX_BODY)
        charset = response.headers.get_content_charset()
        final: str = response.geturl()
    return body, charset, final


def _identity(url: str) -> dict[str, Any]:
    """The column a list page is merged into: its first page, this page's pager number, and
    the URL pattern read (``file`` index_N/list_N, ``query`` page=/pageNo=/pageNum=, ``none``)."""
    page = column_page(url)
    return {"column_url": page.key, "page": page.page or 1, "pager": page.pager}


def explain_json(facts: PageFacts) -> dict[str, Any]:
    """The JSON document ``scrapy explain`` prints for one page."""
    column = facts.column
    newest = facts.homepage_newest
    return {
        "url": facts.url,
        "kind": facts.kind,
        "title": facts.title,
        "publish_date": facts.publish_date.date.isoformat() if facts.publish_date.date else None,
        "date_source": facts.publish_date.source,
        "date_conflict": facts.publish_date.conflict,
        "column": None if column is None else {
            "name": column.name,
            "class": column.cls,
            "items": [
                {"title": e.title, "url": e.url, "date": e.date.isoformat() if e.date else None}
                for e in column.items
            ],
            "newest_date": column.newest_date.isoformat() if column.newest_date else None,
            "item_count": column.item_count,
            "empty": column.empty,
            "empty_marker": column.empty_marker,
            "next_pages": list(column.next_pages),
            "pager_total": column.pager_total,
            "script_pager": column.script_pager,
            "identity": _identity(facts.url),
        },
        "homepage_newest": None if newest is None else {
            "title": newest.title,
            "url": newest.url,
            "date": newest.date.isoformat() if newest.date else None,
            "date_source": newest.date_source,
        },
        "metadata": facts.metadata,
        "missing_metadata": list(facts.missing_metadata),
        "footer": {
            "site_id_code": facts.footer.site_id_code,
            "icp": facts.footer.icp,
            "police": facts.footer.police,
            "dzjg": facts.footer.dzjg,
        },
        "hidden": [{"text": h.text, "href": h.href, "reason": h.reason} for h in facts.hidden],
        "guide": None if facts.guide is None else {
            "name": facts.guide.name,
            "present": list(facts.guide.present),
            "missing": list(facts.guide.missing),
        },
        "mailbox": [
            {
                "title": m.title,
                "url": m.url,
                "posted": m.posted.isoformat() if m.posted else None,
                "answered": m.answered.isoformat() if m.answered else None,
                "status": m.status,
            }
            for m in facts.mailbox
        ],
        "links": dict(sorted(Counter(link.kind for link in facts.links).items())),
        "links_capped": facts.links_capped,  # more links than GOVCRAWL_MAX_LINKS_PER_PAGE: the rest unread
        "script_ratio": facts.script_ratio,
        "has_list_scripts": facts.has_list_scripts,
    }


class Command(ScrapyCommand):
    """Print what extraction sees in one page (a URL or a saved file) as JSON."""

    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[options] <url|file>"

    def short_desc(self) -> str:
        return "Print what govcrawl extracts from one page (URL or saved file) as JSON"

    def long_desc(self) -> str:
        return (
            "Decode and extract one page the way the crawl does, and print kind, title, publish date, "
            "column items, metadata, footer identifiers, hidden links, guide elements and mailbox "
            "entries as JSON. For a FILE, --url gives the address it was saved from (relative links, "
            "home page detection)."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="spargs", action="append", default=[], metavar="NAME=VALUE",
                            help="argument (e.g. -a region=X); may be repeated")
        parser.add_argument("--url", dest="page_url", default=None,
                            help="URL the FILE was saved from (default: file:// path)")
        parser.add_argument("--as-of", dest="as_of", default=None, metavar="YYYY-MM-DD",
                            help="inspection date that dates list items printed without a year (default: none: such"
                                 " items stay undated)")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        parsed: dict[str, str] = {}
        for pair in opts.spargs:
            name, sep, value = pair.partition("=")
            if not sep or not name:
                raise UsageError(f"Invalid -a value, use -a NAME=VALUE: {pair!r}", print_help=False)
            parsed[name.strip()] = value
        opts.spargs = parsed
        try:
            opts.as_of = date.fromisoformat(opts.as_of) if opts.as_of else None
        except ValueError as exc:
            raise UsageError(f"Invalid --as-of, use YYYY-MM-DD: {opts.as_of!r}", print_help=False) from exc

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError()
        assert self.settings is not None
        target = args[0]
        if urlsplit(target).scheme in ("http", "https"):
            user_agent = str(self.settings.get("USER_AGENT") or "govcrawl")
            try:
                body, charset, url = fetch(target, user_agent)
            except OSError as exc:
                print(f"explain: cannot fetch {target}: {exc}", file=sys.stderr)
                self.exitcode = 1
                return
        else:
            path = Path(target)
            if not path.is_file():
                raise UsageError(f"No such file or URL: {target}", print_help=False)
            body, charset = path.read_bytes(), None
            url = opts.page_url or path.resolve().as_uri()
        html, encoding = decode_html(body, charset)
        classes = self.settings.getdict("GOVCRAWL_COLUMN_CLASSES")
        hosts = [host_of(url)] if host_of(url) else []
        facts = extract_page(html, url, is_home=is_home_url(url), site_hosts=hosts, classes=classes,
                             as_of=opts.as_of)
        document = {"encoding": encoding, **explain_json(facts)}
        if opts.spargs:
            document["args"] = opts.spargs
        print(json.dumps(document, ensure_ascii=False, indent=2))
