"""A wheel built from the repository carries frameworks/ and templates/ and finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import caf
from caf.resources import data_dir

ROOT = Path(__file__).parents[1]


def test_source_tree_resolves_data() -> None:
    assert (data_dir("frameworks") / "examples" / "starter.yaml").is_file()
    assert data_dir("templates").is_dir()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("caf_governance-*.whl")
    return built


def test_wheel_contains_the_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "caf/_data/frameworks/examples/starter.yaml" in names
    assert "caf/_data/frameworks/schema/framework.schema.json" in names
    assert "caf/_data/templates/README.md" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_wheel_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import caf, caf.resources as r; print(caf.__file__); "
        "print(r.data_dir('frameworks')); "
        "from caf.validation.library import Library; print(Library().framework('starter').ref)"
    )
    # Run from an empty folder with only the installed copy on the path ahead of anything else.
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    package, frameworks, ref = result.stdout.split()
    assert package.startswith(str(target))
    assert frameworks == str(target / "caf" / "_data" / "frameworks")
    assert ref == "starter@1.0"


def test_one_version_source() -> None:
    assert metadata.version("caf-governance") == caf.__version__
    assert (
        "version ="
        not in (ROOT / "pyproject.toml")
        .read_text()
        .split("[project]")[1]
        .split("[project.optional-dependencies]")[0]
    )
