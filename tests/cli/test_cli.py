"""The command line: every command, its exit codes, and numbers that match hand computation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import DATA, updating_golden, write

from caf.cli.main import main
from caf.render.schema import KINDS, schema_filename
from caf.resources import data_dir

COMMANDS = ["frameworks", "validate", "schema", "init", "score", "demo"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_every_command() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for command in COMMANDS:
        assert command in out
        sub_code, sub_out, _ = run(command, "--help")
        assert sub_code == 0
        assert "Usage:" in sub_out


def test_usage_errors_exit_2() -> None:
    assert run("validate")[0] == 2
    assert run("score", "--format", "xml", str(DATA / "five-mistakes.yaml"))[0] == 2
    assert run("no-such-command")[0] == 2


def test_frameworks_lists_shipped_and_path(tmp_path: Path) -> None:
    code, out, _ = run("frameworks")
    assert code == 0
    assert "starter@1.0" in out
    write(
        tmp_path / "p.yaml",
        "kind: profile\nid: mine\nversion: '1'\ntitle: Mine\nextends: starter@1.0\n",
    )
    code, out, _ = run("frameworks", "--path", str(tmp_path), "--format", "json")
    entries = {e["id"]: e for e in json.loads(out)}
    assert entries["mine"]["kind"] == "profile"
    assert entries["mine"]["shipped"] is False
    assert entries["starter"]["shipped"] is True


def test_validate_reports_every_mistake_and_exits_1() -> None:
    code, _, err = run("validate", str(DATA / "five-mistakes.yaml"))
    assert code == 1
    lines = [line for line in err.splitlines() if "error [" in line]
    assert len(lines) >= 5
    assert all(":" in line.split(" error")[0] for line in lines)
    assert len({line.split("[")[1].split("]")[0] for line in lines}) >= 5


def test_validate_json_is_machine_readable() -> None:
    code, out, _ = run("validate", "--format", "json", str(DATA / "five-mistakes.yaml"))
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False
    assert data["errors"] == len([i for i in data["issues"] if i["severity"] == "error"])
    assert all(isinstance(i["line"], int) and isinstance(i["column"], int) for i in data["issues"])


def test_validate_shipped_frameworks_is_clean() -> None:
    code, out, err = run("validate", str(data_dir("frameworks")))
    assert code == 0, err
    assert "0 errors" in out


def test_schema_prints_the_committed_copy(tmp_path: Path) -> None:
    for kind in KINDS:
        code, out, _ = run("schema", kind)
        assert code == 0
        committed_file = data_dir("frameworks") / "schema" / schema_filename(kind)
        if updating_golden():
            committed_file.write_text(out, encoding="utf-8")
        committed = committed_file.read_text(encoding="utf-8")
        assert out == committed, f"frameworks/schema/{schema_filename(kind)} is stale"
    target = tmp_path / "f.json"
    assert run("schema", "framework", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["title"] == "Framework"


def test_init_writes_a_blank_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    code, _, _ = run(
        "init", "starter", "--subject", "Payments", "--round", "2026-Q4", "-o", str(target)
    )
    assert code == 0
    text = target.read_text()
    assert "# Q: Is there a written, approved policy" in text
    assert "# 3 Defined:" in text
    code, out, err = run("validate", str(target))
    assert code == 0, err
    assert "0 errors, 0 warnings" in out
    assert run("init", "starter", "-o", str(target))[0] == 2  # no silent overwrite: usage error
    assert run("init", "starter", "-o", str(target), "--force")[0] == 0


def test_init_blank_filled_in_by_hand_scores(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    run("init", "starter", "-o", str(target))
    text = target.read_text().replace('  "GOV.POL.01":\n', '  "GOV.POL.01":\n    # x\n', 1)
    filled = text.replace("    level:\n", "    level: 2\n", 3)
    target.write_text(filled)
    code, out, err = run("score", str(target), "--format", "json")
    assert code == 0, err
    card = json.loads(out)["scorecards"][0]
    assert card["overall"]["answered"] == 3


HAND_FRAMEWORK = """\
kind: framework
id: hand
version: "1"
title: Hand-computed
perspectives:
  - id: A
    title: A
    weight: 2
    capabilities:
      - id: A1
        title: A1
        practices:
          - {id: p1, title: p1, question: p1?, target: 3}
          - {id: p2, title: p2, question: p2?, weight: 2, critical: true, target: 4}
      - id: A2
        title: A2
        weight: 3
        practices:
          - {id: p3, title: p3, question: p3?}
  - id: B
    title: B
    capabilities:
      - id: B1
        title: B1
        practices:
          - {id: p4, title: p4, question: p4?}
          - {id: p5, title: p5, question: p5?}
"""

HAND_ASSESSMENT = """\
kind: assessment
framework: {id: hand, version: "1"}
subject: {name: Team}
round: {label: R1}
answers:
  p1: {level: 2}
  p2: {level: 2}
  p3: {level: 4}
  p4: {level: n/a, na_reason: no such system}
"""


def test_score_json_matches_hand_computation(tmp_path: Path) -> None:
    write(tmp_path / "fw" / "hand.yaml", HAND_FRAMEWORK)
    assessment = write(tmp_path / "a.yaml", HAND_ASSESSMENT)
    code, out, err = run(
        "score", str(assessment), "--path", str(tmp_path / "fw"), "--format", "json"
    )
    assert code == 0, err
    card = json.loads(out)["scorecards"][0]
    a, b = card["perspectives"]
    a1, a2 = a["capabilities"]
    assert a1["summary"]["score"] == pytest.approx(6 / 3, abs=1e-12)
    assert a1["summary"]["target"] == pytest.approx(11 / 3, abs=1e-12)
    assert a2["summary"]["score"] == 4
    assert a["summary"]["score"] == pytest.approx(14 / 4, abs=1e-12)
    assert b["summary"]["score"] is None
    overall = card["overall"]
    assert overall["score"] == pytest.approx(3.5, abs=1e-12)
    assert overall["floor"] == 2
    assert overall["coverage"] == pytest.approx(0.75, abs=1e-12)
    assert overall["percent_to_target"] == pytest.approx(9 / 14, abs=1e-12)
    # The lists name practices by id; the full records are in "practices".
    assert card["actions"] == ["p2", "p1"]
    practices = {r["id"]: r for r in card["practices"]}
    assert [practices[i]["priority"] for i in card["actions"]] == [16, 1]
    assert [practices[i]["risk"] for i in card["actions"]] == ["HIGH", "MEDIUM"]
    assert card["na_register"] == ["p4"]
    assert card["not_assessed"] == ["p5"]


def test_score_several_makes_a_portfolio(tmp_path: Path) -> None:
    write(tmp_path / "fw" / "hand.yaml", HAND_FRAMEWORK)
    write(tmp_path / "s" / "a.yaml", HAND_ASSESSMENT)
    write(
        tmp_path / "s" / "b.yaml",
        HAND_ASSESSMENT.replace("name: Team", "name: Other").replace(
            "p3: {level: 4}", "p3: {level: 0}"
        ),
    )
    code, out, err = run(
        "score", str(tmp_path / "s"), "--path", str(tmp_path / "fw"), "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    (portfolio,) = data["portfolios"]
    assert portfolio["overall"]["count"] == 2
    code, out, _ = run("score", str(tmp_path / "s"), "--path", str(tmp_path / "fw"))
    assert "Portfolio" in out
    assert "Other" in out


def test_score_reports_every_problem_and_writes_nothing() -> None:
    code, out, err = run("score", str(DATA / "broken-assessment.yaml"))
    assert code == 1
    assert out == ""
    assert "broken-assessment.yaml:6:23" in err
    assert "unknown practice 'SEC.DP.99'" in err


def test_score_table_neutralises_terminal_escapes(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.yaml",
        HAND_ASSESSMENT.replace("name: Team", 'name: "Evil\\e[2J\\e]0;pwned\\a Team"'),
    )
    write(tmp_path / "fw" / "hand.yaml", HAND_FRAMEWORK)
    code, out, _ = run("score", str(path), "--path", str(tmp_path / "fw"))
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "Evil?[2J?]0;pwned? Team" in out


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One run of ``caf demo`` shared by the demo tests (it writes three workbooks)."""
    folder: Path = tmp_path_factory.mktemp("demo") / "demo"
    code, out, err = run("demo", "-o", str(folder))
    assert code == 0, err
    return folder, out


def test_demo_runs_the_pipeline(demo_run: tuple[Path, str]) -> None:
    folder, out = demo_run
    assert "Portfolio | caf-ai@1.1" in out
    assert "Top actions" in out
    written = sorted((folder / "assessments").glob("*.yaml"))
    assert len(written) >= 4
    data = json.loads((folder / "scorecards.json").read_text())
    assert data["portfolios"][0]["overall"]["count"] >= 2
    # the files written are plain assessments a user could edit and re-score
    first = yaml.safe_load(written[0].read_text())
    assert first["kind"] == "assessment"
    assert run("score", str(written[0]))[0] == 0
    # a workshop pack for one team's next round, built on its latest round (--previous)
    pack = folder / "pack"
    assert (pack / "deck.pptx").is_file()
    assert (folder / "pack.zip").is_file()
    assert "Last round: level" in (pack / "facilitator-guide.html").read_text(encoding="utf-8")
    assert "Workshop pack for " in out


def test_demo_writes_the_leadership_outputs(demo_run: tuple[Path, str]) -> None:
    folder, out = demo_run
    assessments = [yaml.safe_load(p.read_text()) for p in (folder / "assessments").glob("*.yaml")]
    teams = {a["subject"]["id"] for a in assessments}
    units = {a["subject"]["business_unit"] for a in assessments}
    rounds = {a["round"]["label"] for a in assessments}
    assert len(teams) >= 12
    assert len(units) == 3
    assert 2 <= len(rounds) <= 3
    portfolio = folder / "portfolio-scorecard.xlsx"
    assert f"Portfolio scorecard: {portfolio}" in out
    team = next(folder.glob("scorecard-*.xlsx"))
    assert str(team) in out
    rows = (folder / "data.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) - 1 == len(assessments) * 129
    assert str(folder / "data.csv") in out


def test_demo_is_reproducible(demo_run: tuple[Path, str], tmp_path: Path) -> None:
    run("demo", "-o", str(tmp_path / "two"))
    one = (demo_run[0] / "scorecards.json").read_text()
    two = (tmp_path / "two" / "scorecards.json").read_text()
    assert one == two
    assert (demo_run[0] / "data.csv").read_bytes() == (tmp_path / "two" / "data.csv").read_bytes()


def test_installed_command_runs() -> None:
    """The real console script, as a user runs it (not through CliRunner)."""
    script = Path(sys.executable).with_name("caf")
    result = subprocess.run(
        [str(script), "frameworks"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "starter" in result.stdout


def test_demo_writes_the_reports(demo_run: tuple[Path, str]) -> None:
    folder, out = demo_run
    portfolio = (folder / "portfolio-report.html").read_text(encoding="utf-8")
    assert "Portfolio scorecard \u2014 12 subjects" in portfolio
    assert "Heatmap by business unit" in portfolio
    team = next(folder.glob("report-*.html"))
    assert str(team) in out
    assert "Trend" in team.read_text(encoding="utf-8")
    # The action plan says where on AWS to look (caf-ai's aws_evidence).
    assert "On AWS, look at:" in team.read_text(encoding="utf-8")
