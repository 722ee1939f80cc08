"""Type an assessment's answers into a capture workbook, as a facilitator would.

Used by the tests and benchmarks to stand in for a person in a workshop: the workbook is opened
with openpyxl (not written fresh with XlsxWriter), the input cells are filled and the file is
saved, so the import that follows reads a workbook that a spreadsheet program has edited. The
cells are found the way the reader finds them (rows by ID, columns by header). openpyxl drops
charts and the cached values of formulas when it saves, so nothing caf hands a user is made
this way: ``caf demo`` and ``caf workbook --from`` write filled workbooks with XlsxWriter, every
formula with its computed value.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import openpyxl

from caf.errors import CafError
from caf.files import atomic_path
from caf.xlsx.capture.layout import (
    PARTICIPANT_HEADERS,
    CellValue,
    SheetName,
    StartField,
    answer_values,
    find_header,
    header_key,
    start_values,
)
from caf.xlsx.text import escape, looks_like_formula

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

    from caf.models.assessment import Assessment


def _put(cell: Cell | MergedCell, value: str | int | dt.datetime | None) -> None:
    """Type a value into a cell; text stays text even when it looks like a formula."""
    cell.value = value
    if isinstance(value, str):
        # openpyxl turns a string starting with "=" into a formula; typed text is text.
        cell.data_type = "s"
        cell.quotePrefix = looks_like_formula(value)


def _typed(value: CellValue) -> str | int | dt.datetime | None:
    """A cell value as typed: text escaped for openpyxl, dates as spreadsheet dates."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return value


def _fill_start(sheet: Worksheet, assessment: Assessment) -> None:
    values = start_values(assessment)
    labels = {header_key(field.value): field for field in StartField}
    people_row = None
    for row in sheet.iter_rows(min_row=1, max_col=2):
        label = header_key(row[0].value or "")
        field = labels.get(label)
        if field is not None:
            _put(row[1], _typed(values[field]))
        elif label == header_key(PARTICIPANT_HEADERS[0]) and people_row is None:
            people_row = row[0].row
    if people_row is not None:
        for offset, person in enumerate(assessment.participants, start=1):
            _put(sheet.cell(people_row + offset, 1), _typed(person.name))
            _put(sheet.cell(people_row + offset, 2), _typed(person.role))


def fill_capture(source: Path, target: Path, assessment: Assessment) -> None:
    """Save a copy of the capture workbook ``source`` with the assessment typed in."""
    book = openpyxl.load_workbook(source)
    _fill_start(book[SheetName.START], assessment)
    sheet = book[SheetName.ASSESS]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=1)]
    found = find_header(rows)
    if found is None:
        raise CafError(f"{source}: no Assess header row; is this a caf capture workbook?")
    header_row, columns = found
    for index in range(header_row + 1, len(rows)):
        practice_id = rows[index][columns["id"]]
        answer = assessment.answers.get(str(practice_id)) if practice_id else None
        if answer is None:
            continue
        for key, value in answer_values(answer, f"{SheetName.ASSESS} row {index + 1}").items():
            _put(sheet.cell(index + 1, columns[key] + 1), _typed(value))
    with atomic_path(target, [source]) as temporary:
        book.save(temporary)
