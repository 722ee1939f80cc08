"""The workbook reader says what is wrong in the words ``caf validate`` uses, at the cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

import openpyxl
import pytest

from caf.errors import Code, InvalidInputError
from caf.models.assessment import Assessment, FrameworkRef, Round, Subject
from caf.validation.library import Library
from caf.xlsx.capture.layout import SheetName, StartField
from caf.xlsx.capture.reader import import_workbook
from caf.xlsx.capture.writer import write_capture

if TYPE_CHECKING:
    from pathlib import Path


def typed_into_start(tmp_path: Path, label: StartField, value: str) -> tuple[Path, str]:
    """A capture workbook with ``value`` typed beside ``label`` on Start, and that cell."""
    framework = Library().framework("starter")
    blank = tmp_path / "blank.xlsx"
    write_capture(
        blank,
        framework,
        Assessment(
            framework=FrameworkRef(id=framework.id, version=framework.version),
            subject=Subject(name="Payments"),
            round=Round(label="2026-Q4"),
        ),
    )
    book = openpyxl.load_workbook(blank)
    sheet = book[SheetName.START]
    row = next(r for r in range(1, 60) if sheet.cell(r, 1).value == label.value)
    sheet.cell(row, 2).value = value
    target = tmp_path / "typed.xlsx"
    book.save(target)
    return target, f"{SheetName.START}!B{row}"


def test_a_bad_subject_id_is_located_at_its_cell_in_plain_words(tmp_path: Path) -> None:
    path, cell = typed_into_start(tmp_path, StartField.SUBJECT_ID, "Payments Team!")
    with pytest.raises(InvalidInputError) as caught:
        import_workbook(path, Library())
    # The workbook has no answers either: that is a warning beside the one error.
    (issue,) = [i for i in caught.value.issues if i.is_error]
    assert issue.code is Code.INVALID_VALUE
    assert issue.cell == cell
    assert issue.location == f"{path}:{cell}"
    assert "'Payments Team!' is not a valid id" in issue.message
    assert issue.as_dict()["file"] == str(path)
