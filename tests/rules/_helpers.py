"""Page- and post-scope rule tests: items built from HTML strings through the real extraction, and
a one-line check with the settings' defaults."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from govcrawl.config import threshold_defaults
from govcrawl.extract.page import extract_page
from govcrawl.model.findings import Finding
from govcrawl.model.items import PageItem, PostItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules.base import RuleModule
from govcrawl.settings import GOVCRAWL_COLUMN_CLASSES

SITE_CODE = "4110000001"
HOST = "127.0.1.1"
FETCHED = datetime(2026, 9, 30, 10, 0)
FEED_READ = datetime(2026, 10, 2, 8, 0)  # a post is seen when its feed is read, not on as_of
ACCOUNT = "许昌发布"


def page(body: str, *, title: str = "测试页面", path: str = "/xwdt/2026/0901/1.html", head: str = "",
         published: str | None = None) -> PageItem:
    """A PageItem of the HTML page with ``body``; ``published`` (YYYY-MM-DD) adds a PubDate meta."""
    meta = f'<meta name="PubDate" content="{published} 09:00">' if published else ""
    html = (f"<html><head><meta charset='utf-8'><title>{title}</title>{meta}{head}</head>"
            f"<body>{body}</body></html>")
    url = f"http://{HOST}{path}"
    facts = extract_page(html, url, is_home=path == "/", site_hosts=[HOST], classes=GOVCRAWL_COLUMN_CLASSES)
    return PageItem(site=SITE_CODE, url=url, final_url=url, status=200, depth=1, is_home=path == "/",
                    fetched_at=FETCHED, facts=facts)


def post(text: str, *, title: str = "一条发文", published: datetime | None = datetime(2026, 9, 20, 9, 0),
         link: str = "http://127.0.1.20/p/1") -> PostItem:
    return PostItem(account=ACCOUNT, platform="微信", title=title, text=text, link=link, published=published,
                    feed_url="http://127.0.1.20/feed.xml", fetched_at=FEED_READ)


def check(rule: RuleModule, subject: Any, **overrides: Any) -> list[Finding]:
    """Run ``rule`` with the settings' defaults, ``overrides`` given by short name (spam_block_terms=…)."""
    values = threshold_defaults()
    values.update({f"GOVCRAWL_{k.upper()}": v for k, v in overrides.items()})
    return list(rule.check(subject, RuleConf(FETCHED.date(), values)))
