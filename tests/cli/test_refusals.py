"""Options users get wrong: refused with a clear message, never a traceback (issue 8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from caf.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

USAGE = 2


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


@pytest.mark.parametrize("command", ["init", "workbook"])
@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--subject", ""),
        ("--subject", "   "),
        ("--subject", "x" * 40_000),
        ("--round", "y" * 40_000),
        ("--round", " \t "),
    ],
)
def test_empty_or_huge_labels_are_refused(
    tmp_path: Path, command: str, option: str, value: str
) -> None:
    target = tmp_path / ("out.xlsx" if command == "workbook" else "out.yaml")
    code, err = invoke(command, "starter", option, value, "-o", str(target))
    assert code == 1
    assert option in err
    assert not target.exists()


def test_workbook_message_neutralises_control_characters(tmp_path: Path) -> None:
    target = tmp_path / "w.xlsx"
    code, err = invoke(
        "workbook",
        "starter",
        "--subject",
        "Pay\x1b[31mments",
        "--round",
        "R\x07",
        "-o",
        str(target),
    )
    assert code == 0
    assert "\x1b" not in err
    assert "\x07" not in err
    assert "Pay?[31mments" in err


def test_demo_refuses_a_folder_with_files_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    out.mkdir()
    keep = out / "mine.txt"
    keep.write_text("mine")
    code, err = invoke("demo", "-o", str(out))
    assert code == USAGE
    assert "--force" in err
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]


def test_existing_output_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("mine")
    code, err = invoke("init", "starter", "-o", str(target))
    assert code == USAGE
    assert "--force" in err
    assert target.read_text() == "mine"
