"""站点无法访问 — the homepage cannot be opened (单项否决).

With a week of monitoring (``probe`` samples on every one of the GOVCRAWL_PROBE_WINDOW_DAYS days
before as_of, at least GOVCRAWL_PROBE_MIN_DAILY a day), the site fails when the share of visits
that did not open the homepage (an error, or slower than GOVCRAWL_HOME_OPEN_SECONDS) reaches
GOVCRAWL_UNREACHABLE_RATE. Without that much monitoring the crawl's own attempts decide: the site
fails only when the homepage never answered in this run, retries included, and no homepage was
stored.

Fails: 7 × 24 probe visits, 9 of them timed out (5.4%).
Passes: 7 × 24 probe visits, 8 timed out (4.8%); or no probe, and the crawl's second attempt
answered.

Reads: GOVCRAWL_PROBE_WINDOW_DAYS, GOVCRAWL_PROBE_MIN_DAILY, GOVCRAWL_UNREACHABLE_RATE,
GOVCRAWL_HOME_OPEN_SECONDS.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

from govcrawl.model.facts import Availability, SiteFacts
from govcrawl.model.findings import VETO, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._site import site_finding

ID = "site_unreachable"
PROBLEM_TYPE = "站点无法访问"
CATEGORY = VETO
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_PROBE_WINDOW_DAYS", "GOVCRAWL_PROBE_MIN_DAILY", "GOVCRAWL_UNREACHABLE_RATE",
         "GOVCRAWL_HOME_OPEN_SECONDS")
ALSO_YIELDS: tuple[str, ...] = ()


def _failed(sample: Availability, open_seconds: float) -> bool:
    return not sample.ok or (sample.elapsed is not None and sample.elapsed > open_seconds)


def _why(sample: Availability) -> str:
    if sample.status is not None:
        return f"HTTP {sample.status}"
    return sample.error or "无响应"


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    window = int(conf["GOVCRAWL_PROBE_WINDOW_DAYS"])
    start = conf.as_of - timedelta(days=window)
    probes = sorted((s for s in facts.samples if s.source == "probe" and start <= s.at.date() < conf.as_of),
                    key=lambda s: s.at)
    per_day = Counter(s.at.date() for s in probes)
    if probes and all(per_day[start + timedelta(days=i)] >= conf["GOVCRAWL_PROBE_MIN_DAILY"] for i in range(window)):
        failed = [s for s in probes if _failed(s, conf["GOVCRAWL_HOME_OPEN_SECONDS"])]
        rate = len(failed) / len(probes)
        if rate >= conf["GOVCRAWL_UNREACHABLE_RATE"]:
            yield site_finding(
                facts, ID, PROBLEM_TYPE, CATEGORY, key="probe", url=facts.site.url,
                description=(f"{start}至{conf.as_of - timedelta(days=1)}监测首页{len(probes)}次，"
                             f"{len(failed)}次无法打开（{rate:.1%}）"),
                evidence=f"最近一次失败：{failed[-1].at:%Y-%m-%d %H:%M} {_why(failed[-1])}")
        return
    attempts = sorted((s for s in facts.samples if s.source == "crawl"), key=lambda s: s.at)
    if attempts and facts.home is None and not any(s.ok for s in attempts):
        last = attempts[-1]
        yield site_finding(
            facts, ID, PROBLEM_TYPE, CATEGORY, key="crawl", url=facts.site.url,
            description=f"首页访问{len(attempts)}次（含重试）均无法打开（{_why(last)}）",
            evidence=f"最近一次：{last.at:%Y-%m-%d %H:%M} {_why(last)}")
