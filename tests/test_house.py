"""The house rules a reader can rely on: modules of one concept stay small, functions short.

A module holds at most 450 lines. A function longer than 60 lines says why in its docstring
(the word "long" in it, as in "Longer than most functions: …"); otherwise it should be split.
"""

from __future__ import annotations

import ast
import re

from helpers import ROOT

MODULE_LINES = 450
"""The most lines a module of caf may hold."""

FUNCTION_LINES = 60
"""The most lines a function may take without a reason in its docstring."""

_REASON = re.compile(r"\blong", re.IGNORECASE)


def _sources() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "caf").rglob("*.py"))
        if "_data" not in path.parts
    ]


def test_no_module_is_over_the_limit() -> None:
    long_modules = [
        f"{name}: {text.count(chr(10))} lines"
        for name, text in _sources()
        if text.count("\n") > MODULE_LINES
    ]
    assert long_modules == []


def test_long_functions_say_why() -> None:
    unexplained = []
    for name, text in _sources():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            reason = _REASON.search(ast.get_docstring(node) or "")
            if length > FUNCTION_LINES and reason is None:
                unexplained.append(f"{name}:{node.lineno} {node.name} ({length} lines)")
    assert unexplained == []
