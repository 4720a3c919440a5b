"""Whether a response needs the browser: pure decisions over status, headers, body and page facts.

Two cases make the raw HTML a false witness. A firewall challenge answers a plain client with a
script that sets a cookie and reloads (jiasule's ``__jsl_clearance`` behind HTTP 521, Aliyun's
``acw_sc__v2``, 云锁 yunsuo, 412/202 pages of domestic WAFs): judging that body would report the
page's links broken and its columns empty. And a page that builds its lists in the browser shows
an empty list to anyone who does not run its scripts: judging that would report a live column as
blank or stale. Both are retried in the browser before anything is said about the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

from govcrawl.regions import RENDER_MODES

__all__ = [
    "CHALLENGE_STATUSES",
    "NOTE_UNRENDERED",
    "RENDER_MODES",
    "browser_lost",
    "is_challenge",
    "needs_browser",
    "visible_text_length",
]

#: Statuses firewalls use for their JavaScript challenge (with a script body).
CHALLENGE_STATUSES = frozenset({202, 412, 521})

#: The 备注 of a finding made from a page that needed the browser when none was available.
NOTE_UNRENDERED = "未经浏览器渲染判定"

# Names that only firewall challenge pages carry (cookie names and vendor strings).
_VENDOR_MARKERS = re.compile(
    r"__jsl_clearance|__jsluid|acw_sc__v2|acw_tc|yunsuo_session|yunsuo|safedog|waf_sc|"
    r"_waf_|ccsession|wzws_cid|wzws_reurl",
    re.IGNORECASE,
)
_ENABLE_JS = re.compile(
    r"please\s+enable\s+javascript|enable\s+javascript\s+and\s+cookies|"
    r"请(?:开启|启用|打开|允许)\s*(?:浏览器的?)?\s*javascript|需要\s*javascript\s*支持",
    re.IGNORECASE,
)
_SETS_COOKIE = re.compile(r"document\s*\.\s*cookie\s*=")
_RELOADS = re.compile(
    r"location\s*\.\s*(?:reload|replace|assign)\s*\(|location(?:\s*\.\s*href)?\s*=(?!=)|"
    r"window\s*\.\s*location\s*=(?!=)|document\s*\.\s*location\s*=(?!=)",
)
_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
# What Playwright says when the browser itself went away under a page (killed, crashed, closed):
# no fault of the site's. A navigation error of the site reads "net::ERR_…" instead.
_BROWSER_GONE = re.compile(r"target page, context or browser has been closed|browser has been closed|"
                           r"browser has disconnected|target closed|connection closed|page crashed",
                           re.IGNORECASE)
_NON_TEXT = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+|&nbsp;|&#160;")

# A challenge page is a stub: it shows (almost) nothing until its script has run. Real pages that
# merely mention JavaScript in a <noscript> block show far more text than this.
_STUB_TEXT_CHARS = 200


def visible_text_length(body_text: str) -> int:
    """Characters a reader would see: the body without scripts, styles, tags and whitespace."""
    return len(_SPACE.sub("", _TAG.sub(" ", _NON_TEXT.sub(" ", body_text))))


def is_challenge(status: int, headers: Mapping[str, str], body_text: str) -> bool:
    """True when the response is a firewall's JavaScript challenge rather than the page.

    ``headers`` maps lower-case header names to their (joined) values. A challenge status with a
    script body is one; so is any stub page (little visible text) whose script sets a cookie and
    reloads, that names a firewall's cookie, or that asks the reader to enable JavaScript. A full
    page with a ``<noscript>`` notice or an analytics cookie is not.
    """
    has_script = bool(_SCRIPT.search(body_text))
    if status in CHALLENGE_STATUSES and has_script:
        return True
    if visible_text_length(body_text) > _STUB_TEXT_CHARS:
        return False
    cookie_header = headers.get("set-cookie", "")
    if has_script and _SETS_COOKIE.search(body_text) and _RELOADS.search(body_text):
        return True
    if has_script and (_VENDOR_MARKERS.search(body_text) or _VENDOR_MARKERS.search(cookie_header)):
        return True
    return bool(_ENABLE_JS.search(body_text)) and has_script


def browser_lost(exc: BaseException) -> str | None:
    """A log-ready reason when ``exc`` says the browser died under the request (it was killed,
    crashed or closed; Playwright's TargetClosedError), else None: such a failure says nothing
    about the page, which is then judged from its raw HTML and marked as needing rendering."""
    message = str(exc).strip()
    if type(exc).__name__ != "TargetClosedError" and not _BROWSER_GONE.search(message):
        return None
    return f"browser lost ({(message.splitlines() or [type(exc).__name__])[0]})"


class _Column(Protocol):
    @property
    def item_count(self) -> int: ...


class _Entry(Protocol):
    @property
    def title(self) -> str: ...


class PageFactsLike(Protocol):
    """The part of extract.page.PageFacts the decision reads."""

    @property
    def kind(self) -> str: ...
    @property
    def column(self) -> _Column | None: ...
    @property
    def homepage_newest(self) -> _Entry | None: ...
    @property
    def has_list_scripts(self) -> bool: ...
    @property
    def script_ratio(self) -> float: ...


def needs_browser(facts: PageFactsLike, mode: str, min_script_ratio: float) -> str | None:
    """Why the page must be judged from the browser's rendering (a log-ready reason), or None.

    ``mode`` is the site's render mode: "never" renders nothing, "always" everything; "auto"
    renders a list page that shows no items while its scripts build lists, a homepage with no
    dated list whose scripts build lists, and a page whose text is mostly script
    (``script_ratio`` ≥ ``min_script_ratio``).
    """
    if mode not in RENDER_MODES:
        raise ValueError(f"render mode must be one of {', '.join(RENDER_MODES)}, not {mode!r}")
    if mode == "never":
        return None
    if mode == "always":
        return "site renders every page (render = always)"
    if facts.has_list_scripts:
        if facts.column is not None and facts.column.item_count == 0:
            return "list page shows no items but its scripts build lists"
        if facts.kind == "home" and facts.homepage_newest is None:
            return "homepage shows no dated list but its scripts build lists"
    if facts.script_ratio >= min_script_ratio:
        return f"page text is {facts.script_ratio:.0%} script"
    return None
