"""Shared fixtures: the shipped library and the starter framework."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from caf.demo import fictional_portfolio
from caf.render.yamltext import dump_model
from caf.validation.library import Library

if TYPE_CHECKING:
    from pathlib import Path

    from caf.models.framework import Framework


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped frameworks only."""
    return Library()


@pytest.fixture(scope="session")
def starter(library: Library) -> Framework:
    """The small example framework that ships with caf."""
    return library.framework("starter")


@pytest.fixture(scope="session")
def demo_folder(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portfolio (12 teams, 3 rounds of caf-ai) written as assessment files."""
    folder = tmp_path_factory.mktemp("demo") / "assessments"
    folder.mkdir()
    for assessment in fictional_portfolio(library.framework("caf-ai")):
        name = f"{assessment.subject.key}-{assessment.round.label}.yaml"
        (folder / name).write_text(dump_model(assessment), encoding="utf-8")
    return folder
