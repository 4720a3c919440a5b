"""The registry: every rule govcrawl runs, listed explicitly (no discovery by import side effects).

A rule module keeps the contract of govcrawl/rules/base.py. ``SCOPE`` decides where it runs:
``page`` and ``post`` rules in the rules pipeline as items arrive, ``site`` rules once per site
over its stored facts when the crawl closes (and again in ``scrapy annex``), ``account`` rules once
per account. tests/rules/test_registry.py checks that this list and the folder agree.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from govcrawl.model.findings import Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules import (
    accessibility,
    account_interaction,
    account_stale,
    account_unreachable,
    annual_report,
    backdated,
    broken_links,
    column_empty,
    column_stale,
    domain_name,
    guide_elements,
    hidden_content,
    home_stale,
    https_enabled,
    interaction,
    ipv6_support,
    jiucuo_entry,
    metadata_missing,
    post_serious_wording,
    post_typos,
    republished,
    search_function,
    serious_wording,
    site_identifiers,
    site_unreachable,
    typos,
)
from govcrawl.rules.base import SCOPES, RuleModule

logger = logging.getLogger(__name__)

RULES: tuple[RuleModule, ...] = (
    # 附件1, page scope (content)
    serious_wording,
    hidden_content,
    typos,
    backdated,
    # 附件1, site scope (structural)
    site_unreachable,
    home_stale,
    column_stale,
    column_empty,
    site_identifiers,
    jiucuo_entry,
    domain_name,
    ipv6_support,
    https_enabled,
    republished,
    annual_report,
    search_function,
    accessibility,
    metadata_missing,
    broken_links,
    guide_elements,
    interaction,
    # 附件2, post scope (content)
    post_serious_wording,
    post_typos,
    # 附件2, account scope
    account_unreachable,
    account_stale,
    account_interaction,
)


def rules_for(scope: str) -> tuple[RuleModule, ...]:
    """The registered rules of one scope, in registry order."""
    if scope not in SCOPES:
        raise ValueError(f"unknown rule scope {scope!r} (known: {', '.join(SCOPES)})")
    return tuple(rule for rule in RULES if scope == rule.SCOPE)


def apply(rules: Iterable[RuleModule], subject: Any, conf: RuleConf, label: str,
          failures: list[str] | None = None) -> list[Finding]:
    """Every finding of ``rules`` on ``subject`` (``label`` names it in the log). A rule that raises
    is logged and skipped: one faulty rule must not cost the crawl or the annex the others. Its
    failure ("规则 ID 出错（ExceptionType）") is appended to ``failures``: the caller marks the
    subject's check incomplete, so a rule that never ran can never leave a site 合格."""
    findings: list[Finding] = []
    for rule in rules:
        try:
            findings.extend(rule.check(subject, conf))
        except Exception as exc:
            logger.exception("rule %s failed on %s", rule.ID, label)
            if failures is not None:
                failures.append(rule_failure(rule.ID, exc))
    return findings


def rule_failure(rule_id: str, exc: BaseException) -> str:
    """The reason an incomplete check gives for a rule that raised."""
    return f"规则 {rule_id} 出错（{type(exc).__name__}）"
