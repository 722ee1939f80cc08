"""The report's template context and chart geometry are documented, field by field."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from helpers import undocumented

import caf.report.charts as charts_module
import caf.report.context as context_module


@pytest.mark.parametrize("module", [context_module, charts_module])
def test_every_field_is_documented(module: object) -> None:
    assert undocumented(inspect.getsource(module)) == []  # type: ignore[arg-type]


def test_the_check_fails_on_an_undocumented_report_field() -> None:
    source = inspect.getsource(context_module).replace(
        '    """The subject\'s name."""\n\n    anchor: str', "    anchor: str", 1
    )
    assert undocumented(source) == ["HeatLine.subject"]


@pytest.mark.parametrize("module", [context_module, charts_module])
def test_every_class_is_a_frozen_dataclass_with_a_docstring(module: object) -> None:
    classes = [
        c
        for _, c in inspect.getmembers(module, inspect.isclass)
        if c.__module__ == module.__name__  # type: ignore[attr-defined]
    ]
    assert len(classes) >= 5
    for cls in classes:
        assert dataclasses.is_dataclass(cls), cls
        assert cls.__dataclass_params__.frozen, cls  # type: ignore[attr-defined]
        assert (cls.__doc__ or "").strip(), cls
