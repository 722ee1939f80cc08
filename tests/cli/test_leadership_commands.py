from __future__ import annotations

import json
from typing import TYPE_CHECKING

from click.testing import CliRunner
from helpers import write

from caf.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

GOOD = """kind: assessment
framework: {id: starter, version: "1.0"}
subject: {name: %s}
round: {label: R1}
answers: {}
"""


def _folder(tmp_path: Path) -> Path:
    write(tmp_path / "in" / "a.yaml", GOOD % "A")
    write(tmp_path / "in" / "b.yaml", GOOD % "B")
    write(tmp_path / "in" / "bad.yaml", "kind: assessment\nframework: {id: starter\n")
    return tmp_path / "in"


def test_scorecard_writes_nothing_when_a_file_is_bad(tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    result = CliRunner().invoke(main, ["scorecard", str(_folder(tmp_path)), "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.yaml:" in result.stderr
    assert not out.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_scorecard_skip_invalid_lists_the_skipped(tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    result = CliRunner().invoke(
        main, ["scorecard", str(_folder(tmp_path)), "-o", str(out), "--skip-invalid"]
    )
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stderr
    assert "bad.yaml" in result.stderr
    assert out.is_file()
    assert "2 subject(s)" in result.stderr


def test_export_to_stdout_and_nothing_on_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    runner = CliRunner()
    failed = runner.invoke(main, ["export", "data", str(folder), "-o", "-"])
    assert failed.exit_code == 1
    assert failed.stdout == ""
    result = runner.invoke(
        main, ["export", "data", str(folder), "-o", "-", "--format", "jsonl", "--skip-invalid"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {row["subject"] for row in rows} == {"A", "B"}
    sqlite = runner.invoke(main, ["export", "data", str(folder), "-o", "-", "--format", "sqlite"])
    assert sqlite.exit_code == 1


def test_score_crosswalk_in_terminal_and_json(demo_folder: Path) -> None:
    runner = CliRunner()
    one = str(demo_folder / "payments-2026-Q4.yaml")
    text = runner.invoke(main, ["score", one, "--crosswalk", "iso-42001", "--no-detail"])
    assert text.exit_code == 0, text.output
    assert "against ISO/IEC 42001" in text.stdout
    assert "Claimed, unevidenced" in text.stdout
    data = runner.invoke(main, ["score", one, "--crosswalk", "iso-42001", "--format", "json"])
    card = json.loads(data.stdout)["scorecards"][0]
    assert card["crosswalk"]["catalog"] == "iso-42001"
    verdicts = {item["verdict"] for item in card["crosswalk"]["items"]}
    assert verdicts <= {"met", "partly", "not met", "not assessed"}
    assert all(isinstance(pid, str) for pid in card["unevidenced"])
    unknown = runner.invoke(main, ["score", one, "--crosswalk", "nope"])
    assert unknown.exit_code == 1
    assert "references no catalog 'nope'" in unknown.stderr
