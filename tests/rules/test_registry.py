"""The registry and the folder agree, and every registered rule keeps the contract of base.py."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import govcrawl.rules
from govcrawl.config import threshold_defaults
from govcrawl.model.findings import ACCOUNT_PROBLEM_TYPES, DEDUCTION, SITE_PROBLEM_TYPES, VETO
from govcrawl.rules import RULES, rules_for
from govcrawl.rules.base import SCOPES


def _modules_with_check() -> set[str]:
    names = set()
    for info in pkgutil.iter_modules(govcrawl.rules.__path__):
        if info.name.startswith("_") or info.ispkg:
            continue
        module = importlib.import_module(f"govcrawl.rules.{info.name}")
        if callable(getattr(module, "check", None)):
            names.add(module.__name__)
    return names


def test_every_rule_module_is_registered_and_nothing_else() -> None:
    registered = {rule.__name__ for rule in RULES}  # type: ignore[attr-defined]
    assert registered == _modules_with_check()
    assert len(RULES) == len(registered)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_rule_keeps_the_contract(rule: govcrawl.rules.RuleModule) -> None:
    assert rule.SCOPE in SCOPES
    assert rule.CATEGORY in (VETO, DEDUCTION)
    vocabulary = SITE_PROBLEM_TYPES if rule.SCOPE in ("site", "page") else ACCOUNT_PROBLEM_TYPES
    assert rule.PROBLEM_TYPE in vocabulary
    assert set(rule.READS) <= set(threshold_defaults()), "a rule reads a setting govcrawl.settings lacks"
    assert rule.__doc__ and len(rule.__doc__.strip().splitlines()) > 3  # type: ignore[attr-defined]


def test_ids_are_unique_and_scopes_partition_the_registry() -> None:
    assert len({rule.ID for rule in RULES}) == len(RULES)
    assert sum(len(rules_for(scope)) for scope in SCOPES) == len(RULES)
    with pytest.raises(ValueError, match="unknown rule scope"):
        rules_for("planet")
