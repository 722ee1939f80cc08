"""Damaged workbooks are answered with one located ``damaged`` error, never a traceback."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from damage import DAMAGES, members, rezip

from caf.cli.main import main
from caf.errors import Code, InvalidInputError
from caf.models.assessment import Assessment, FrameworkRef, Round, Subject
from caf.validation.library import Library
from caf.xlsx.capture.reader import import_workbook
from caf.xlsx.capture.writer import write_capture

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    framework = Library().framework("starter")
    path = tmp_path_factory.mktemp("damaged") / "capture.xlsx"
    assessment = Assessment(
        framework=FrameworkRef(id=framework.id, version=framework.version),
        subject=Subject(name="Payments"),
        round=Round(label="2026-Q4"),
    )
    write_capture(path, framework, assessment)
    return path


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damaged_workbook_is_one_located_error(blank: Path, tmp_path: Path, damage: str) -> None:
    target = DAMAGES[damage](blank, tmp_path / f"{damage}.xlsx")
    with pytest.raises(InvalidInputError) as caught:
        import_workbook(target, Library())
    (issue,) = caught.value.issues
    assert issue.code is Code.DAMAGED
    assert issue.file == str(target)
    assert "the workbook is damaged" in issue.message


def test_import_command_exits_1_on_damage(blank: Path, tmp_path: Path) -> None:
    target = DAMAGES["shared-string-out-of-range"](blank, tmp_path / "x.xlsx")
    result = CliRunner().invoke(main, ["import", str(target)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "[damaged]" in result.output


def test_rows_past_the_declared_dimension_are_read(blank: Path, tmp_path: Path) -> None:
    # A dimension that claims the sheet ends at A1 must not hide the answer rows below it.
    contents = members(blank)
    sheet = "xl/worksheets/sheet2.xml"
    text = contents[sheet].decode()
    start = text.index("<dimension ref=")
    end = text.index("/>", start) + 2
    contents[sheet] = (text[:start] + '<dimension ref="A1"/>' + text[end:]).encode()
    imported = import_workbook(rezip(tmp_path / "dim.xlsx", contents), Library())
    assert imported.assessment.subject.name == "Payments"


def test_not_a_workbook_has_its_own_code(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(InvalidInputError) as caught:
        import_workbook(path, Library())
    assert caught.value.issues[0].code is Code.NOT_A_WORKBOOK
