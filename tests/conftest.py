"""Shared fixtures and options: the shipped library, golden files, hypothesis profiles.

- ``--update-golden`` (or ``CAF_UPDATE_GOLDEN=1``) rewrites golden files and committed schemas
  from what the code produces now; review the diff before committing.
- Hypothesis runs a quick profile by default; ``--hypothesis-profile=ci`` (or
  ``HYPOTHESIS_PROFILE=ci``) runs many more examples per property.
- The shipped library is parsed once per session (``library``); tests that need a fresh
  library (their own search path) build one.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from helpers import updating_golden
from hypothesis import HealthCheck, settings

from caf.demo import fictional_portfolio
from caf.render.yamltext import dump_model
from caf.validation.library import Library

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from caf.models.framework import Framework

settings.register_profile(
    "default",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden``: rewrite golden files instead of comparing with them."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files and committed schemas from the current output.",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Carry ``--update-golden`` to the tests (and subprocesses) as CAF_UPDATE_GOLDEN=1."""
    if config.getoption("--update-golden"):
        os.environ["CAF_UPDATE_GOLDEN"] = "1"


@pytest.fixture
def golden() -> Callable[[Path, str], None]:
    """Compare text with a golden file, or rewrite the file under ``--update-golden``."""

    def check(path: Path, text: str) -> None:
        if updating_golden():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        assert path.exists(), f"{path} is missing; run pytest --update-golden and review it"
        assert text == path.read_text(encoding="utf-8"), f"{path.name} differs from its golden copy"

    return check


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped frameworks only, parsed once for the whole session."""
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
