"""Link-check verdicts (govcrawl.crawl.linkcheck)."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError

from govcrawl.crawl.linkcheck import failure_outcome, is_network_fault, is_refused, status_verdict, wants_get_fallback
from govcrawl.middlewares.guard import PrivateAddressRefused


def http_error(status: int) -> HttpError:
    return HttpError(Response("http://x.gov.cn/a", status=status, request=Request("http://x.gov.cn/a")), "x")


@pytest.mark.parametrize(("status", "verdict"), [
    (200, "ok"), (301, "ok"), (404, "broken"), (410, "broken"), (500, "broken"), (502, "broken"),
    (403, "suspected"), (412, "suspected"), (429, "suspected"), (503, "suspected"), (401, "suspected"),
])
def test_status_verdict(status: int, verdict: str) -> None:
    assert status_verdict(status) == verdict


@pytest.mark.parametrize(("exc", "verdict"), [
    (http_error(404), "broken"),
    (http_error(403), "suspected"),
    (CannotResolveHostError("no such host"), "broken"),
    (DownloadConnectionRefusedError("refused"), "broken"),
    (DownloadTimeoutError("took longer than 20 seconds"), "suspected"),
    (IgnoreRequest("Forbidden by robots.txt"), "unchecked"),
    (PrivateAddressRefused("10.0.0.1"), "unchecked"),
    (IgnoreRequest("max redirections reached"), "suspected"),
    (DownloadCancelledError("Expected to receive 300000 bytes which is larger than download max size"), "ok"),
    (ConnectionResetError("reset"), "suspected"),
])
def test_failure_outcome(exc: BaseException, verdict: str) -> None:
    assert failure_outcome(exc)[0] == verdict


def test_failure_outcome_keeps_the_status() -> None:
    assert failure_outcome(http_error(410)) == ("broken", 410, "HTTP 410")


@pytest.mark.parametrize(("exc", "fallback"), [
    (http_error(405), True), (http_error(404), True), (ConnectionResetError(), True),
    (DownloadConnectionRefusedError(), False), (DownloadTimeoutError(), False),
    (IgnoreRequest("Forbidden by robots.txt"), False),
])
def test_head_failures_fall_back_to_get(exc: BaseException, fallback: bool) -> None:
    assert wants_get_fallback(exc) is fallback


def test_size_limits_are_answers_not_failures() -> None:
    assert failure_outcome(IgnoreRequest("Ignored response <200 http://x.gov.cn/b> because its body (9 B compressed, "
                                         "9000 B decompressed so far) exceeded DOWNLOAD_MAXSIZE (10 B) during "
                                         "decompression.")) == (
        "ok", None, "larger than DOWNLOAD_MAXSIZE once decompressed")
    verdict, _, error = failure_outcome(DownloadCancelledError())
    assert verdict == "suspected" and "DOWNLOAD_MAXSIZE" in error


@pytest.mark.parametrize(("exc", "network", "refused"), [
    (CannotResolveHostError("no such host"), True, False),
    (DownloadConnectionRefusedError("refused"), True, True),
    (DownloadTimeoutError("took longer than 20 seconds"), True, False),
    (http_error(404), False, False),
    (IgnoreRequest("Forbidden by robots.txt"), False, False),
    (DownloadCancelledError(), False, False),
])
def test_network_faults(exc: BaseException, network: bool, refused: bool) -> None:
    assert (is_network_fault(exc), is_refused(exc)) == (network, refused)
