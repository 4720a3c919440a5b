from __future__ import annotations

from datetime import datetime, timedelta

from govcrawl.model.facts import Availability
from govcrawl.model.findings import VETO
from govcrawl.rules import site_unreachable
from tests.rules._site import check, facts

WEEK_START = datetime(2026, 9, 23)


def probes(per_day: int, failed: int, *, slow: bool = False) -> tuple[Availability, ...]:
    """``per_day`` visits on each of the 7 days before AS_OF, the first ``failed`` of them failing."""
    samples = []
    for n in range(per_day * 7):
        at = WEEK_START + timedelta(days=n // per_day, minutes=n % per_day * 50)
        bad = n < failed
        samples.append(Availability(at=at, ok=not bad or slow, status=None if bad and not slow else 200,
                                    error="timeout" if bad and not slow else "",
                                    elapsed=16.0 if bad and slow else 0.4, source="probe"))
    return tuple(samples)


def crawl(*oks: bool) -> tuple[Availability, ...]:
    return tuple(Availability(at=datetime(2026, 9, 30, 9, i), ok=ok, status=200 if ok else 503,
                              error="", elapsed=0.5, source="crawl") for i, ok in enumerate(oks))


def test_monitored_week_with_too_many_failures_is_a_veto() -> None:
    [finding] = check(site_unreachable, facts(samples=probes(24, 9)))
    assert finding.category == VETO and finding.problem_type == "站点无法访问"
    assert "监测首页168次" in finding.description and "9次无法打开（5.4%）" in finding.description
    assert finding.url == "http://127.0.1.1/"


def test_slow_homepage_counts_as_not_open() -> None:
    assert len(check(site_unreachable, facts(samples=probes(24, 9, slow=True)))) == 1


def test_failures_under_the_rate_pass() -> None:
    assert check(site_unreachable, facts(samples=probes(24, 8))) == []   # 4.8%


def test_at_the_rate_fails() -> None:
    assert len(check(site_unreachable, facts(samples=probes(20, 7)))) == 1   # exactly 5% of 140


def test_thin_monitoring_falls_back_to_the_crawl() -> None:
    thin = probes(19, 100)   # 19 visits a day: not monitored, however bad
    assert check(site_unreachable, facts(samples=thin)) == []
    [finding] = check(site_unreachable, facts(samples=thin + crawl(False, False, False), home=None, page_count=0))
    assert "首页访问3次（含重试）均无法打开（HTTP 503）" in finding.description


def test_crawl_that_got_through_once_passes() -> None:
    assert check(site_unreachable, facts(samples=crawl(False, True), home=None)) == []
    assert check(site_unreachable, facts(samples=crawl(False, False, False))) == []  # a homepage was stored after all

