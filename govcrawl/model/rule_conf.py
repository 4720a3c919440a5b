"""The configuration a rule is judged with: shared by the spiders, the pipelines, the rules and the annex."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class RuleConf:
    """The inspection date and every ``GOVCRAWL_…`` value in force for one site or account
    (defaults from govcrawl.settings, then the region's ``[thresholds]``, then the site's own)."""

    as_of: date
    values: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]
