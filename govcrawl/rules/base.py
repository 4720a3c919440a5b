"""The contract every rule module keeps, and the configuration it reads.

A rule module has a docstring (the indicator, a failing and a passing example, the thresholds it
reads), the constants ``ID``, ``PROBLEM_TYPE``, ``CATEGORY``, ``SCOPE`` and ``READS`` (the settings
it reads), and a pure ``check(subject, conf)`` generator of ``Finding``s. ``SCOPE`` names what
``subject`` is: ``page`` (a PageItem), ``site`` (a SiteFacts), ``post`` (a PostItem) or
``account`` (an AccountFacts).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from govcrawl.model.findings import Finding

SCOPES = ("page", "site", "post", "account")


@dataclass(frozen=True)
class RuleConf:
    """The inspection date and every ``GOVCRAWL_…`` value in force for one site or account
    (defaults from govcrawl.settings, then the region's ``[thresholds]``, then the site's own)."""

    as_of: date
    values: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


class RuleModule(Protocol):
    ID: str
    PROBLEM_TYPE: str
    CATEGORY: str
    SCOPE: str
    READS: tuple[str, ...]

    def check(self, subject: Any, conf: RuleConf) -> Iterator[Finding]: ...
