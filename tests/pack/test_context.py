"""The pack's template context is documented: every field of every class has a docstring."""

from __future__ import annotations

import dataclasses
import inspect

from helpers import undocumented

import caf.pack.context as context_module


def test_every_context_field_is_documented() -> None:
    assert undocumented(inspect.getsource(context_module)) == []


def test_the_check_finds_an_undocumented_field() -> None:
    source = 'class A:\n    x: int\n    """Doc."""\n    y: str\n\nclass B:\n    z: int\n'
    assert undocumented(source) == ["A.y", "B.z"]


def test_every_context_class_is_a_frozen_dataclass_with_a_docstring() -> None:
    classes = [
        c
        for _, c in inspect.getmembers(context_module, inspect.isclass)
        if c.__module__ == context_module.__name__
    ]
    assert len(classes) >= 10
    for cls in classes:
        assert dataclasses.is_dataclass(cls), cls
        assert cls.__dataclass_params__.frozen, cls  # type: ignore[attr-defined]
        assert (cls.__doc__ or "").strip(), cls
