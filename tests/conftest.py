"""Shared fixtures: the shipped library and the starter framework."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from caf.validation.library import Library

if TYPE_CHECKING:
    from caf.models.framework import Framework


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped frameworks only."""
    return Library()


@pytest.fixture(scope="session")
def starter(library: Library) -> Framework:
    """The small example framework that ships with caf."""
    return library.framework("starter")
