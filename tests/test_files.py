"""Outputs are written atomically and never over an input."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from caf.errors import OutputError
from caf.files import atomic_path, write_text

if TYPE_CHECKING:
    from pathlib import Path


def test_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text(target, "one")
    write_text(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    assert target.stat().st_mode & 0o777 != 0o600  # not left private by the temp file


def test_failure_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("precious")

    def fail_half_way() -> None:
        with atomic_path(target) as temporary:
            temporary.write_text("half")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "in.yaml"
    source.write_text("x")
    with pytest.raises(OutputError, match="input"):
        write_text(tmp_path / "." / "in.yaml", "y", inputs=[source])
    assert source.read_text() == "x"
