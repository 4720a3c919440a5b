"""Backoff arithmetic and the private-address test of the downloader middlewares."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from govcrawl.middlewares.guard import is_private_address
from govcrawl.middlewares.retry import backoff_delay, retry_after_seconds


def test_retry_after_forms() -> None:
    now = datetime(2026, 11, 20, 8, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(b"7") == 7.0
    assert retry_after_seconds("Fri, 20 Nov 2026 08:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Fri, 20 Nov 2026 07:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_backoff_doubles_honours_retry_after_and_is_capped() -> None:
    assert [backoff_delay(n, 1.0, 60.0) for n in (1, 2, 3)] == [1.0, 2.0, 4.0]
    assert backoff_delay(1, 1.0, 60.0, retry_after=10) == 10.0
    assert backoff_delay(3, 1.0, 60.0, retry_after=1) == 4.0
    assert backoff_delay(10, 1.0, 60.0) == 60.0
    assert backoff_delay(1, 1.0, 60.0, retry_after=3600) == 60.0


@pytest.mark.parametrize(("address", "private"), [
    ("127.0.1.1", True), ("10.1.2.3", True), ("192.168.0.1", True), ("169.254.1.1", True),
    ("::1", True), ("0.0.0.0", True), ("fe80::1", True), ("8.8.8.8", False), ("www.gov.cn", False),
])
def test_is_private_address(address: str, private: bool) -> None:
    assert is_private_address(address) is private
