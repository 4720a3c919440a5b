"""The browser session glue: real status after a challenge, shared clearance, merged headers."""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.http.headers import Headers
from scrapy_playwright.page import PageMethod

from govcrawl.render.browser import SETTLE_META, browser_headers, settle
from govcrawl.render.middleware import BrowserSessionMiddleware

URL = "http://127.0.1.62:8701/"


def _browser_response(status: int, report: dict[str, Any]) -> tuple[Request, HtmlResponse]:
    method = PageMethod(settle, rounds=3, timeout_ms=1000)
    method.result = report
    request = Request(URL, meta={"playwright": True, "playwright_page_methods": [method]})
    return request, HtmlResponse(URL, status=status, body=b"<html></html>", request=request, flags=["playwright"])


def test_challenged_browser_response_gets_the_final_status_and_shares_its_cookies() -> None:
    middleware = BrowserSessionMiddleware()
    cookie = {"name": "gc_clearance", "value": "8c1e", "domain": "127.0.1.62", "path": "/"}
    request, response = _browser_response(412, {"status": 200, "reloads": 1, "challenge": False,
                                                 "cookies": [cookie]})
    fixed = middleware.process_response(request, response)
    assert fixed.status == 200 and request.meta[SETTLE_META]["reloads"] == 1

    plain = Request(URL + "xxgk/index.html", cookies={"lang": "zh"})
    middleware.process_request(plain)
    assert plain.cookies == [{"name": "lang", "value": "zh"}, {"name": "gc_clearance", "value": "8c1e", "path": "/"}]
    other_host = Request("http://127.0.1.99/")
    middleware.process_request(other_host)
    assert other_host.cookies == {}


def test_unpassed_challenge_keeps_its_status_and_shares_nothing() -> None:
    middleware = BrowserSessionMiddleware()
    request, response = _browser_response(521, {"status": 521, "reloads": 3, "challenge": True,
                                                 "cookies": [{"name": "x", "value": "1", "path": "/"}]})
    assert middleware.process_response(request, response).status == 521
    plain = Request(URL)
    middleware.process_request(plain)
    assert plain.cookies == {}


def test_plain_responses_pass_untouched() -> None:
    middleware = BrowserSessionMiddleware()
    request = Request(URL)
    response = HtmlResponse(URL, status=412, body=b"", request=request)
    assert middleware.process_response(request, response) is response


class _FakePlaywrightRequest:
    def __init__(self, headers: dict[str, str], navigation: bool) -> None:
        self._headers = headers
        self._navigation = navigation

    async def all_headers(self) -> dict[str, str]:
        return dict(self._headers)

    def is_navigation_request(self) -> bool:
        return self._navigation


def _headers(browser: dict[str, str], scrapy: dict[str, str], navigation: bool) -> dict[str, str]:
    data = {"headers": Headers(scrapy)}
    return asyncio.run(browser_headers(browser_type_name="chromium", scrapy_request_data=data,
                                       playwright_request=_FakePlaywrightRequest(browser, navigation)))


def test_navigation_keeps_the_cookie_a_challenge_script_set() -> None:
    headers = _headers({"user-agent": "HeadlessChrome", "cookie": "gc_clearance=8c1e; lang=en"},
                       {"User-Agent": "govcrawl/0.1", "Cookie": "lang=zh; sid=1", "Accept-Language": "zh-CN"},
                       navigation=True)
    assert headers["user-agent"] == "govcrawl/0.1"
    assert headers["accept-language"] == "zh-CN"
    assert dict(p.split("=") for p in headers["cookie"].split("; ")) == {"lang": "en", "sid": "1",
                                                                          "gc_clearance": "8c1e"}


def test_subresources_keep_browser_headers_with_the_crawler_identity() -> None:
    headers = _headers({"user-agent": "HeadlessChrome", "accept": "image/*"},
                       {"User-Agent": "govcrawl/0.1", "Accept-Language": "zh-CN"}, navigation=False)
    assert headers == {"user-agent": "govcrawl/0.1", "accept": "image/*"}
