"""The contract every rule module keeps.

A rule module has a docstring in the template tests/rules/test_docstrings.py checks (README
"Adding a rule"), the constants ``ID``, ``PROBLEM_TYPE``, ``CATEGORY``, ``SCOPE``, ``READS`` (the
settings it reads) and ``ALSO_YIELDS`` (any other 指标类别 it may yield besides ``CATEGORY``:
单项否决 for a 扣分 rule with a veto line; empty for most), and a pure ``check(subject, conf)``
generator of ``Finding``s. ``SCOPE`` names what ``subject`` is: ``page`` (a PageItem), ``site``
(a SiteFacts), ``post`` (a PostItem) or ``account`` (an AccountFacts).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from govcrawl.model.findings import Finding
from govcrawl.model.rule_conf import RuleConf

SCOPES = ("page", "site", "post", "account")


class RuleModule(Protocol):
    ID: str
    PROBLEM_TYPE: str
    CATEGORY: str
    SCOPE: str
    READS: tuple[str, ...]
    ALSO_YIELDS: tuple[str, ...]

    def check(self, subject: Any, conf: RuleConf) -> Iterator[Finding]: ...
