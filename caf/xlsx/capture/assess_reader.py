"""The Assess sheet read back: its header row found by text, then one answer per practice row.

Rows are found by their ID and columns by their header text, so a sorted, filtered or re-saved
workbook reads the same. Every problem is added to the workbook's :class:`CellIssues` with its
cell; slips a facilitator may have made (a target without a level, a due date before the round)
are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from caf.errors import Code, Severity
from caf.models.assessment import Answer
from caf.validation.messages import suggest
from caf.xlsx.capture.cells import (
    CellError,
    is_blank,
    read_date,
    read_level,
    read_lines,
    read_text,
)
from caf.xlsx.capture.layout import ASSESS_COLUMNS, HEADER_SCAN_ROWS, SheetName, find_header
from caf.xlsx.capture.located import CellIssues, cell_address, cell_at
from caf.xlsx.capture.slips import BLANK_WORKBOOK, due_date_slip, missing_level, uncounted_level

if TYPE_CHECKING:
    import datetime as dt

    from caf.models.framework import Framework
    from caf.xlsx.capture.rawbook import RawBook

_LISTED = 10
"""Most missing ids named in one message."""
_NEEDED = ("id", "level", "target", "na_reason", "notes", "evidence", "owner", "due")


_NEEDED = ("id", "level", "target", "na_reason", "notes", "evidence", "owner", "due")
"""The columns an import cannot do without."""


@dataclass
class _Columns:
    header_row: int
    index: dict[str, int]


def _columns(rows: list[tuple[object, ...]], issues: CellIssues) -> _Columns | None:
    found = find_header(rows)
    if found is None:
        issues.add(
            cell_address(SheetName.ASSESS, 0, 0),
            "no header row with ID and Level columns was found "
            f"in the first {HEADER_SCAN_ROWS} rows",
            Code.MISSING_KEY,
        )
        return None
    row_index, index = found
    missing = [key for key in _NEEDED if key not in index]
    for key in missing:
        header = next(c.header for c in ASSESS_COLUMNS if c.key == key)
        issues.add(
            cell_address(SheetName.ASSESS, row_index, 0),
            f"the {header!r} column is missing from the header row",
            Code.MISSING_KEY,
        )
    return None if missing else _Columns(row_index, index)


class _AnswerReader:
    """Reads the answer cells of the Assess rows."""

    def __init__(
        self,
        framework: Framework,
        columns: _Columns,
        issues: CellIssues,
        round_date: dt.date | None,
    ) -> None:
        self.framework = framework
        self.columns = columns
        self.issues = issues
        self.round_date = round_date

    def where(self, row: int, key: str) -> str:
        return cell_address(SheetName.ASSESS, row, self.columns.index[key])

    def value(self, row: tuple[object, ...], key: str) -> object:
        return cell_at(row, self.columns.index.get(key))

    def answer(self, index: int, row: tuple[object, ...]) -> Answer | None:
        """The answer of one row, or None when nothing was filled in."""
        data = {**self._levels(index, row), **self._texts(row), **self._due(index, row)}
        if not data:
            return None
        if "level" not in data and not data.get("na") and is_blank(self.value(row, "level")):
            filled = [key for key in ("target", "notes", "owner", "evidence", "due") if key in data]
            slip = missing_level(filled)
            if slip:
                self.issues.add(
                    self.where(index, "level"), slip, Code.MISSING_KEY, Severity.WARNING
                )
        if data.get("na") and is_blank(data.get("na_reason")):
            self.issues.add(
                self.where(index, "na_reason"),
                "marked N/A without a reason",
                Code.NA_WITHOUT_REASON,
                Severity.WARNING,
            )
        return Answer.model_validate(data)

    def _levels(self, index: int, row: tuple[object, ...]) -> dict[str, object]:
        data: dict[str, object] = {}
        scale = self.framework.scale
        try:
            level = read_level(self.value(row, "level"), scale)
            slip = uncounted_level(self.value(row, "level"), level)
            if slip:
                where = self.where(index, "level")
                self.issues.add(where, slip, Code.INVALID_VALUE, Severity.WARNING)
            if level == "N/A":
                data["na"] = True
            elif level is not None:
                data["level"] = level
        except CellError as error:
            self.issues.add(self.where(index, "level"), str(error), Code.LEVEL_OFF_SCALE)
        try:
            target = read_level(self.value(row, "target"), scale, allow_na=False, what="target")
            if target is not None:
                data["target"] = target
        except CellError as error:
            self.issues.add(self.where(index, "target"), str(error), Code.LEVEL_OFF_SCALE)
        return data

    def _texts(self, row: tuple[object, ...]) -> dict[str, object]:
        data: dict[str, object] = {}
        for key in ("na_reason", "notes", "owner"):
            text = read_text(self.value(row, key))
            if text is not None:
                data[key] = text
        evidence = read_lines(self.value(row, "evidence"))
        if evidence:
            data["evidence"] = evidence
        return data

    def _due(self, index: int, row: tuple[object, ...]) -> dict[str, object]:
        try:
            due = read_date(self.value(row, "due"))
        except CellError as error:
            self.issues.add(self.where(index, "due"), str(error), Code.WRONG_TYPE)
            return {}
        if due is None:
            return {}
        slip = due_date_slip(due, self.round_date)
        if slip:
            self.issues.add(self.where(index, "due"), slip, Code.INVALID_VALUE, Severity.WARNING)
        return {"due": due}


def read_answers(
    book: RawBook, framework: Framework, issues: CellIssues, round_date: dt.date | None
) -> dict[str, Answer]:
    """The answers of the Assess rows, by practice id in framework order; problems to ``issues``.

    Unknown, duplicate and missing practice rows are errors; a workbook with rows but no answer
    at all is a warning.
    """
    if SheetName.ASSESS not in book.sheetnames:
        issues.add(None, f"the {SheetName.ASSESS} sheet is missing", Code.MISSING_KEY)
        return {}
    rows = book[SheetName.ASSESS]
    columns = _columns(rows, issues)
    if columns is None:
        return {}
    reader = _AnswerReader(framework, columns, issues, round_date)
    known = framework.practice_ids()
    known_set = frozenset(known)  # a list lookup per row made large frameworks quadratic
    seen: dict[str, str] = {}
    answers: dict[str, Answer] = {}
    for index in range(columns.header_row + 1, len(rows)):
        row = rows[index]
        raw_id = read_text(reader.value(row, "id"))
        if raw_id is None or not raw_id.strip():
            continue
        practice_id = raw_id.strip()
        where = reader.where(index, "id")
        if practice_id in seen:
            issues.add(
                where,
                f"practice {practice_id} appears twice (first at {seen[practice_id]})",
                Code.DUPLICATE_ID,
            )
            continue
        seen[practice_id] = where
        if practice_id not in known_set:
            issues.add(
                where,
                f"unknown practice {practice_id!r}"
                + (suggest(practice_id, known) if issues.wants(Code.UNKNOWN_PRACTICE) else ""),
                Code.UNKNOWN_PRACTICE,
            )
            continue
        answer = reader.answer(index, row)
        if answer is not None:
            answers[practice_id] = answer
    _whole_sheet(
        known, seen, bool(answers), cell_address(SheetName.ASSESS, columns.header_row, 0), issues
    )
    return {pid: answers[pid] for pid in known if pid in answers}


def _whole_sheet(
    known: list[str], seen: dict[str, str], answered: bool, header: str, issues: CellIssues
) -> None:
    """Practice rows missing from the sheet (an error), and rows with no answer at all (a slip)."""
    missing = [pid for pid in known if pid not in seen]
    if missing:
        shown = ", ".join(missing[:_LISTED]) + (
            f" and {len(missing) - _LISTED} more" if len(missing) > _LISTED else ""
        )
        issues.add(
            header, f"{len(missing)} practice rows are missing: {shown}", Code.MISSING_PRACTICE
        )
    if seen and not answered:
        issues.add(header, BLANK_WORKBOOK, Code.EMPTY, Severity.WARNING)
