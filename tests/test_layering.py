"""The packages import downwards only; a lower stage never reaches into a higher one.

The stages, highest first: ``cli``; ``demo``; the output packages (``pack``, ``report``);
``render`` and ``xlsx`` (peers); ``scoring``; ``validation``; ``models``; and the foundation
(``errors``, ``files``, ``resources``). A module may import its own stage or any stage below it.
On top of that: ``models`` imports nothing of caf but ``errors``; ``validation`` and ``scoring``
never import ``render``, ``xlsx`` or ``cli``; nothing imports ``cli`` but ``caf.__main__``.
Imports are read from the source with :mod:`ast`, including those inside functions and
``TYPE_CHECKING`` blocks.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import pytest
from helpers import ROOT

if TYPE_CHECKING:
    from pathlib import Path

STAGES: dict[str, int] = {
    "cli": 8,
    "__main__": 8,
    "demo": 7,
    "pack": 6,
    "report": 6,
    "render": 5,
    "xlsx": 5,
    "scoring": 4,
    "validation": 3,
    "models": 2,
    "errors": 1,
    "files": 1,
    "resources": 1,
    "__init__": 1,
}
"""The stage of each top-level package or module of caf; higher numbers sit higher."""

ONLY: dict[str, frozenset[str]] = {"models": frozenset({"models", "errors"})}
"""Packages that may import only these parts of caf."""

NEVER: dict[str, frozenset[str]] = {
    "validation": frozenset({"render", "xlsx", "cli"}),
    "scoring": frozenset({"render", "xlsx", "cli"}),
}
"""Packages that must never import these, whatever the stages say."""


def _part(module: str) -> str:
    """The top-level part of caf that a dotted module name belongs to ('' for ``caf`` itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imported(source: str, module: str) -> list[tuple[int, str]]:
    """Every caf module imported by ``source`` (absolute or relative), with its line."""
    found: list[tuple[int, str]] = []
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "caf"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if name.split(".")[0] != "caf":
                continue
            if name == "caf":
                found += [(node.lineno, _child(a.name)) for a in node.names]
            else:
                found.append((node.lineno, name))
    return found


def _child(name: str) -> str:
    """``caf.<name>`` when it is a module or package of caf, else ``caf`` (an attribute)."""
    base = ROOT / "caf" / name
    return f"caf.{name}" if base.is_dir() or base.with_suffix(".py").is_file() else "caf"


def violations(source: str, module: str) -> list[str]:
    """What is wrong with the imports of ``module`` (whose text is ``source``)."""
    importer = _part(module)
    problems: list[str] = []
    for line, name in _imported(source, module):
        target = _part(name)
        if target not in STAGES:
            problems.append(f"{module}:{line}: {name} belongs to no known stage")
            continue
        if target == "cli" and importer not in {"cli", "__main__"}:
            problems.append(f"{module}:{line}: imports {name}; nothing imports the CLI")
        elif importer in ONLY and target not in ONLY[importer]:
            problems.append(f"{module}:{line}: {importer} may import only errors, not {name}")
        elif target in NEVER.get(importer, frozenset()):
            problems.append(f"{module}:{line}: {importer} must never import {name}")
        elif STAGES[target] > STAGES.get(importer, 0):
            problems.append(f"{module}:{line}: {importer} imports the higher stage {name}")
    return problems


def _modules() -> list[tuple[str, Path]]:
    files = sorted((ROOT / "caf").rglob("*.py"))
    return [
        (".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"), path)
        for path in files
        if "_data" not in path.parts
    ]


def test_every_module_has_a_stage() -> None:
    unknown = {_part(module) for module, _ in _modules()} - set(STAGES)
    assert unknown == set()


def test_imports_point_down() -> None:
    problems = [
        problem
        for module, path in _modules()
        for problem in violations(path.read_text(encoding="utf-8"), module)
    ]
    assert problems == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("caf.models.base", "from caf.validation.library import Library\n"),
        ("caf.models.framework", "from caf.files import write_text\n"),
        ("caf.validation.loader", "def f():\n    from caf.render.numbers import fmt_number\n"),
        ("caf.scoring.scorecard", "import caf.xlsx.book\n"),
        ("caf.scoring.scorecard", "from caf import render\n"),
        ("caf.demo", "from caf.cli.options import user_errors\n"),
        ("caf.render.terminal", "from caf.demo import run\n"),
        ("caf.validation.checks", "from ..scoring import scorecard\n"),
    ],
)
def test_a_forbidden_import_is_caught(module: str, source: str) -> None:
    assert violations(source, module) != []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("caf.models.base", "from caf.errors import Issue\nfrom caf.models import framework\n"),
        ("caf.render.terminal", "from caf.scoring.scorecard import Scorecard\n"),
        ("caf.xlsx.capture.writer", "from .layout import SheetName\n"),
        ("caf.cli.main", "from caf.cli.assess import score\n"),
    ],
)
def test_an_allowed_import_passes(module: str, source: str) -> None:
    assert violations(source, module) == []
