"""Plausible mistakes in assessment files: located errors, never a traceback (issue 8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import yaml
from click.testing import CliRunner
from helpers import write

from caf.cli.main import main
from caf.errors import Code, InvalidInputError, Issue, bounded
from caf.validation.library import Library
from caf.validation.paths import load_assessments, validate_paths

if TYPE_CHECKING:
    from pathlib import Path

GOOD = {
    "kind": "assessment",
    "framework": {"id": "starter", "version": "1.0"},
    "subject": {"name": "Payments"},
    "round": {"label": "R1"},
    "answers": {"GOV.POL.01": {"level": 2}},
}


def assessment(path: Path, **changes: object) -> Path:
    data = {**GOOD, **changes}
    return write(path, yaml.safe_dump({k: v for k, v in data.items() if v is not ...}))


MISTAKES: dict[str, dict[str, object]] = {
    "subject-as-text": {"subject": "Payments Team"},
    "subject-missing": {"subject": ...},
    "framework-missing": {"framework": ...},
    "framework-a-number": {"framework": 3},
    "round-a-list": {"round": ["R1"]},
    "round-missing": {"round": ...},
    "round-date-words": {"round": {"label": "R1", "date": "next week"}},
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_plausible_mistakes_are_located_errors(tmp_path: Path, mistake: str) -> None:
    bad = assessment(tmp_path / "bad.yaml", **MISTAKES[mistake])
    good = assessment(tmp_path / "good.yaml")
    report = validate_paths([tmp_path])
    # The good file beside the bad one is still validated.
    assert len(report.files) == 2
    errors = [issue for issue in report.issues if issue.is_error]
    assert errors
    assert all(issue.file == str(bad) and issue.line is not None for issue in errors)
    assert not [issue for issue in report.issues if issue.file == str(good)]
    with pytest.raises(InvalidInputError):
        load_assessments([bad], Library())
    result = CliRunner().invoke(main, ["score", str(bad)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)


def test_round_date_is_named_as_the_key_it_is(tmp_path: Path) -> None:
    bad = assessment(tmp_path / "bad.yaml", round={"label": "R1", "date": "next week"})
    (issue,) = validate_paths([bad]).issues
    assert issue.code is Code.WRONG_TYPE
    assert issue.path == ("round", "date")
    assert "date" in issue.message


@pytest.mark.parametrize("word", ["yes", "on", "true", "false", "no", "off"])
def test_yaml_booleans_are_not_levels(tmp_path: Path, word: str) -> None:
    path = write(
        tmp_path / "a.yaml",
        yaml.safe_dump({**GOOD, "answers": {}}) + f"answers:\n  GOV.POL.01:\n    level: {word}\n",
    )
    text = path.read_text().replace("answers: {}\n", "")
    path.write_text(text)
    issues = validate_paths([path]).issues
    (issue,) = issues
    assert issue.code is Code.WRONG_TYPE
    assert issue.line is not None
    assert "not a level" in issue.message


def test_boolean_target_is_not_a_level(tmp_path: Path) -> None:
    path = assessment(tmp_path / "a.yaml", answers={"GOV.POL.01": {"level": 2, "target": True}})
    (issue,) = validate_paths([path]).issues
    assert issue.code is Code.WRONG_TYPE
    assert issue.path[-1] == "target"


def test_an_answer_the_profile_excludes_says_so(tmp_path: Path) -> None:
    library = Library()
    profile = library.framework("caf-ai-regulated")
    base = library.framework("caf-ai")
    excluded = sorted(set(base.practice_ids()) - set(profile.practice_ids()))
    assert excluded
    path = assessment(
        tmp_path / "a.yaml",
        framework={"id": profile.id, "version": profile.version},
        answers={excluded[0]: {"level": 2}},
    )
    codes = [issue.code for issue in validate_paths([path]).issues]
    assert Code.EXCLUDED_PRACTICE in codes
    assert Code.UNKNOWN_PRACTICE not in codes


def test_error_summary_reads_as_english(tmp_path: Path) -> None:
    bad = assessment(tmp_path / "bad.yaml", subject="Payments Team")
    result = CliRunner().invoke(main, ["score", str(bad)])
    assert "1 error in the assessments" in result.stderr


def test_reports_are_bounded_per_code(tmp_path: Path) -> None:
    answers = {f"ZZ.UNK.{i:04d}": {"level": 1} for i in range(300)}
    path = assessment(tmp_path / "a.yaml", answers=answers)
    issues = validate_paths([path]).issues
    assert len(issues) == 300
    # Only the listed ones pay for a "did you mean".
    assert sum("did you mean" in i.message for i in issues[50:]) == 0
    listed = list(bounded(issues))
    assert len(listed) == 51
    assert listed[-1].code is Code.MORE_ISSUES
    assert listed[-1].count == 250
    assert "250 more [unknown-practice] issues" in listed[-1].message
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.stderr.count("[unknown-practice]") == 51
    assert "300 errors" in result.stdout


def test_issue_as_dict_carries_the_file() -> None:
    issue = Issue(Code.SYNTAX, "x", file="a.yaml", line=3, column=1)
    assert issue.as_dict()["file"] == "a.yaml"


def test_a_document_of_too_many_plain_values_is_too_large_not_a_bomb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("caf.validation.document.MAX_VALUES", 100)
    answers = {f"ZZ.UNK.{i:04d}": {"level": 1} for i in range(60)}
    path = assessment(tmp_path / "a.yaml", answers=answers)
    (issue,) = validate_paths([path]).issues
    assert issue.code is Code.FILE_TOO_LARGE
    assert "more than 100 values" in issue.message
