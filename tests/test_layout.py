"""DESIGN.md "Layout": dependencies point down the list of stages. Read from every module's import
statements (those inside functions too), so a new module is checked the day it is added."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import govcrawl

PACKAGE = Path(govcrawl.__file__).parent
STAGES = frozenset(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())

# stage -> stages it must never import
FORBIDDEN: dict[str, frozenset[str]] = {
    "model": STAGES - {"model"},
    "extract": frozenset({"storage", "spiders", "pipelines"}),
    "rules": frozenset({"storage", "spiders", "pipelines"}),
    "storage": frozenset({"rules", "extract"}),
}


# A PageItem carries extraction's PageFacts (a type-only import): moving PageFacts and every value it
# holds (columns, dates, links, footer, guide, mailbox) into model/ is a move of its own.
KNOWN: dict[str, set[str]] = {"model/items.py": {"extract"}}


def _imported_stages(source: str, module: tuple[str, ...]) -> set[str]:
    """The govcrawl stages the source of ``module`` (its dotted parts) imports, absolute or relative."""
    stages = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(module[:-node.level])
                names = [".".join(base + ([node.module] if node.module else []))]
            else:
                names = [node.module or ""]
            if names[0] == "govcrawl":  # from govcrawl import extract
                names = [f"govcrawl.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "govcrawl" and parts[1] in STAGES:
                stages.add(parts[1])
    return stages


def _modules(stage: str) -> list[Path]:
    return sorted((PACKAGE / stage).rglob("*.py"))


def test_the_stages_are_there() -> None:
    assert set(FORBIDDEN) <= STAGES
    assert all(_modules(stage) for stage in FORBIDDEN)


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_stage_imports_point_down(stage: str) -> None:
    wrong = {}
    for path in _modules(stage):
        name = path.relative_to(PACKAGE).as_posix()
        module = path.relative_to(PACKAGE.parent).with_suffix("").parts
        bad = _imported_stages(path.read_text(encoding="utf-8"), module) & FORBIDDEN[stage]
        if bad - KNOWN.get(name, set()):
            wrong[name] = sorted(bad)
    assert wrong == {}


def test_the_check_sees_relative_absolute_and_local_imports() -> None:
    source = ("from ..extract import dates\nimport govcrawl.rules.lexicon\nimport os\n"
              "def f():\n    from govcrawl import pipelines, settings\n")
    assert _imported_stages(source, ("govcrawl", "storage", "probe")) == {"extract", "rules", "pipelines"}
