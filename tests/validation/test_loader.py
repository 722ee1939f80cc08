"""Loading files: every problem collected, located and said in plain words (golden files)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import DATA, ROOT, write

from caf.errors import Code, Severity
from caf.validation.paths import validate_paths

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

GOLDEN = DATA / "golden"


def issues_text(path: Path) -> str:
    """The issues of one file as ``caf validate`` prints them, with a relative file name."""
    report = validate_paths([path])
    return "\n".join(str(i).replace(str(path), path.name) for i in report.issues) + "\n"


@pytest.mark.parametrize("name", ["five-mistakes", "broken-assessment", "bad-profile"])
def test_golden_messages(name: str, golden: Callable[[Path, str], None]) -> None:
    """The messages a user sees; regenerate with --update-golden and review the diff."""
    golden(GOLDEN / f"{name}.txt", issues_text(DATA / f"{name}.yaml"))


def test_five_mistakes_all_reported_with_line_and_column() -> None:
    report = validate_paths([DATA / "five-mistakes.yaml"])
    codes = [issue.code for issue in report.issues]
    assert set(codes) >= {
        Code.UNKNOWN_ROLE,
        Code.UNKNOWN_KEY,
        Code.LEVEL_OFF_SCALE,
        Code.WRONG_TYPE,
        Code.DUPLICATE_ID,
    }
    assert all(issue.line is not None and issue.column is not None for issue in report.issues)
    assert not report.ok


def test_unknown_key_suggests_the_near_miss() -> None:
    report = validate_paths([DATA / "five-mistakes.yaml"])
    unknown = next(i for i in report.issues if i.code is Code.UNKNOWN_KEY)
    assert "'questoin'" in unknown.message
    assert "did you mean 'question'" in unknown.message
    assert (unknown.line, unknown.column) == (19, 13)


def test_assessment_problems_are_all_reported() -> None:
    report = validate_paths([DATA / "broken-assessment.yaml"])
    by_code = {issue.code for issue in report.issues}
    assert by_code >= {
        Code.LEVEL_OFF_SCALE,
        Code.UNKNOWN_PRACTICE,
        Code.INVALID_VALUE,
        Code.WRONG_TYPE,
        Code.UNKNOWN_KEY,
        Code.NA_WITHOUT_REASON,
    }
    na = next(i for i in report.issues if i.code is Code.NA_WITHOUT_REASON)
    assert na.severity is Severity.WARNING


def test_wrong_kind_and_top_level_shapes(tmp_path: Path) -> None:
    report = validate_paths([write(tmp_path / "list.yaml", "- a\n- b\n")])
    assert report.issues[0].code is Code.WRONG_TYPE
    report = validate_paths([write(tmp_path / "kind.yaml", "kind: framwork\nid: x\n")])
    assert report.issues[0].code is Code.UNKNOWN_KIND
    assert "did you mean 'framework'" in report.issues[0].message
    report = validate_paths([write(tmp_path / "what.yaml", "hello: world\n")])
    assert "add 'kind:'" in report.issues[0].message


def test_version_written_as_a_number_gets_a_hint(tmp_path: Path) -> None:
    path = write(
        tmp_path / "v.yaml",
        "kind: catalog\nid: c\nversion: 1.10\ntitle: C\nitems: [{id: A, title: a}]\n",
    )
    (issue,) = validate_paths([path]).issues
    assert issue.code is Code.WRONG_TYPE
    assert "put it in quotes" in issue.message
    assert (issue.line, issue.column) == (3, 10)


def test_shipped_files_have_no_issues() -> None:
    report = validate_paths([ROOT / "frameworks"])
    assert report.ok, "\n".join(str(i) for i in report.issues)
    assert report.issues == []
