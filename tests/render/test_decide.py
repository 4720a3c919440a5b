"""decide.is_challenge and decide.needs_browser: when the raw response cannot be judged."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from govcrawl.extract.page import PageFacts, extract_page
from govcrawl.render.decide import browser_lost, is_challenge, needs_browser, visible_text_length
from tests.sites_js.serve import CHALLENGE_BODY, HERE

CLASSES = {"news": ["动态", "要闻"], "notice": ["通知公告", "公告"]}

JSL_521 = """<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+
('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+(-~[]+'')+'760934.5|0|'+'Y2x0Km';location.href=location.pathname+
location.search</script></body></html>"""
ACW = """<html><script>var arg1='3A1B2C';function setCookie(n,v){var e=new Date();e.setTime(e.getTime()+3600000);
document.cookie=n+'='+v+';expires='+e.toGMTString()+';path=/';}setCookie('acw_sc__v2', x);reload(arg2);
</script></html>"""
YUNSUO = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<script type="text/javascript" src="/yunsuo_session_verify/check.js"></script></body></html>"""
ENABLE_JS = """<html><body><noscript>Please enable JavaScript to view the page content.</noscript>
<script src="/_guard/auto.js"></script></body></html>"""
FULL_PAGE = "<html><body><noscript>请开启JavaScript</noscript><script>var _hmt=[];document.cookie='a=1';" \
            "location.href='#top';</script>" + "<p>" + "政务公开工作要点。" * 40 + "</p></body></html>"


@pytest.mark.parametrize(("status", "body", "headers"), [
    (412, CHALLENGE_BODY.decode(), {}),
    (521, JSL_521, {"set-cookie": "__jsluid_h=0a1b2c; path=/"}),
    (200, ACW, {}),
    (200, YUNSUO, {"set-cookie": "yunsuo_session_verify=abc; path=/"}),
    (202, ENABLE_JS, {}),
    (200, ENABLE_JS, {}),
])
def test_challenges_are_recognised(status: int, body: str, headers: dict[str, str]) -> None:
    assert is_challenge(status, headers, body)


@pytest.mark.parametrize(("status", "body"), [
    (200, FULL_PAGE),                                       # a real page with a noscript note and a cookie
    (412, "<html><body>Precondition Failed</body></html>"),  # a 412 without any script
    (404, "<html><body><h1>404</h1><script>var a=1;</script></body></html>"),
    (200, "<html><body><p>短页面</p></body></html>"),
])
def test_pages_are_not_challenges(status: int, body: str) -> None:
    assert not is_challenge(status, {}, body)


def test_visible_text_ignores_scripts_styles_and_tags() -> None:
    assert visible_text_length("<p>政务 公开</p><script>var x='很多很多字';</script><style>p{}</style>") == 4


def _facts(path: str) -> PageFacts:
    html = (HERE / path).read_text(encoding="utf-8")
    return extract_page(html, "http://127.0.1.61/" + path.split("/", 1)[1], is_home=path.endswith("/index.html")
                        and path.count("/") == 1, site_hosts={"127.0.1.61"}, classes=CLASSES)


def test_script_built_column_needs_the_browser_in_auto_mode() -> None:
    facts = _facts("jslist_stale/gzdt/index.html")
    assert needs_browser(facts, "auto", 0.6) == "list page shows no items but its scripts build lists"
    assert needs_browser(facts, "never", 0.6) is None


def test_column_with_items_in_the_html_needs_no_browser() -> None:
    facts = _facts("jslist_stale/tzgg.html")
    assert needs_browser(facts, "auto", 0.6) is None
    assert needs_browser(facts, "always", 0.6) == "site renders every page (render = always)"


@dataclass(frozen=True)
class _Facts:
    kind: str = "other"
    column: None = None
    homepage_newest: None = None
    has_list_scripts: bool = False
    script_ratio: float = 0.0


@pytest.mark.parametrize(("ratio", "expected"), [(0.59, None), (0.6, "page text is 60% script"),
                                                 (0.9, "page text is 90% script")])
def test_script_ratio_threshold(ratio: float, expected: str | None) -> None:
    assert needs_browser(_Facts(script_ratio=ratio), "auto", 0.6) == expected


def test_homepage_without_dated_list_but_list_scripts() -> None:
    assert needs_browser(_Facts(kind="home", has_list_scripts=True), "auto", 0.6) == \
        "homepage shows no dated list but its scripts build lists"


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="render mode"):
        needs_browser(_Facts(), "sometimes", 0.6)


class TargetClosedError(Exception):
    """Stands for playwright's class of that name (decide reads names and messages, never imports it)."""


@pytest.mark.parametrize(("exc", "lost"), [
    (TargetClosedError("Target page, context or browser has been closed"), True),
    (RuntimeError("Browser has been closed"), True),
    (RuntimeError("Page.goto: Target closed\nCall log: navigating to ..."), True),
    (RuntimeError("Page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.1.9/"), False),
    (TimeoutError("Timeout 30000ms exceeded"), False),
])
def test_browser_lost_is_the_browser_dying_not_the_site_failing(exc: BaseException, lost: bool) -> None:
    reason = browser_lost(exc)
    assert (reason is not None) == lost
    assert reason is None or reason.startswith("browser lost (")
