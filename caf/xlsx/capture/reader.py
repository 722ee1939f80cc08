"""Import a filled capture workbook back into an assessment, losing nothing (docs/workbook.md).

The workbook is read with openpyxl in read-only, values-only mode (defusedxml guarding the XML),
after :mod:`caf.xlsx.archive` has looked at the archive. Rows are found by their ID and columns by
their header text, so a sorted, filtered or re-saved workbook (Excel, LibreOffice, Google
Sheets) imports the same. Every problem is collected with its cell (``Assess!F12``); if there
is any error, no assessment is returned. The workbook is never written to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from caf.errors import (
    LISTED_PER_CODE,
    CafError,
    Code,
    DataPath,
    InvalidInputError,
    Issue,
    Severity,
    has_errors,
    more_issues,
)
from caf.models.assessment import Answer, Assessment, Participant
from caf.models.base import content_ref
from caf.models.framework import digest
from caf.validation.checks import check_assessment
from caf.validation.messages import CellLocator, issues_from_validation, suggest
from caf.xlsx.archive import check_workbook_file
from caf.xlsx.capture.cells import (
    CellError,
    is_blank,
    read_date,
    read_level,
    read_lines,
    read_text,
)
from caf.xlsx.capture.layout import (
    ASSESS_COLUMNS,
    HEADER_SCAN_ROWS,
    PARTICIPANT_HEADERS,
    SCALE_HEADERS,
    MetaKey,
    SheetName,
    StartField,
    find_header,
    header_key,
)
from caf.xlsx.capture.rawbook import RawBook, Rows, read_book
from caf.xlsx.capture.slips import BLANK_WORKBOOK, due_date_slip, missing_level, uncounted_level

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from caf.models.framework import Framework
    from caf.validation.library import Library

_LISTED = 10
"""Most missing ids named in one message."""
_NEEDED = ("id", "level", "target", "na_reason", "notes", "evidence", "owner", "due")


@dataclass
class Imported:
    """A workbook read back: the assessment, the framework it answers, and the warnings."""

    assessment: Assessment
    framework: Framework
    warnings: list[Issue] = field(default_factory=list)


class _Issues:
    """Collects located issues for one workbook."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Issue] = []
        self.counts: dict[Code, int] = {}
        self.cut: dict[Code, int] = {}
        """Index in ``items`` of each code's more-issues line."""

    def wants(self, code: Code) -> bool:
        """True while issues of ``code`` are still listed (worth a costly message)."""
        return self.counts.get(code, 0) < LISTED_PER_CODE

    def add(
        self,
        cell: str | None,
        message: str,
        code: Code = Code.INVALID_VALUE,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Keep the first issues of each code; count the rest in one more-issues line.

        A workbook of a million bad rows would otherwise print hundreds of megabytes.
        """
        issue = Issue(code, message, severity, file=self.file, cell=cell)
        count = self.counts.get(code, 0) + 1
        self.counts[code] = count
        if count <= LISTED_PER_CODE:
            self.items.append(issue)
            return
        line = more_issues(code, count - LISTED_PER_CODE, issue)
        if code in self.cut:
            self.items[self.cut[code]] = line
        else:
            self.cut[code] = len(self.items)
            self.items.append(line)


def _rows(sheet: Rows) -> Rows:
    return sheet


def _cell(sheet: str, row: int, col: int) -> str:
    """``Sheet!B12`` for 0-based row and column."""
    return f"{sheet}!{get_column_letter(col + 1)}{row + 1}"


def _meta_cell(key: MetaKey) -> str:
    """Where the metadata sheet holds a value: keys are written one a row, in MetaKey order."""
    return _cell(SheetName.META, list(MetaKey).index(key), 1)


def _get(row: tuple[object, ...], index: int | None) -> object:
    return row[index] if index is not None and index < len(row) else None


def _meta(book: RawBook, issues: _Issues) -> dict[str, str]:
    if SheetName.META not in book.sheetnames:
        issues.add(
            None,
            "this is not a caf capture workbook (its hidden _caf sheet is missing); "
            "write one with `caf workbook`",
            Code.UNKNOWN_KIND,
        )
        return {}
    values = {}
    for row in _rows(book[SheetName.META]):
        key, value = _get(row, 0), _get(row, 1)
        if isinstance(key, str) and value is not None:
            values[key] = str(value)
    return values


def _start(
    book: RawBook, issues: _Issues
) -> tuple[
    dict[StartField, tuple[object, str]],
    list[Participant],
]:
    if SheetName.START not in book.sheetnames:
        issues.add(None, f"the {SheetName.START} sheet is missing", Code.MISSING_KEY)
        return {}, []
    labels = {header_key(field.value): field for field in StartField}
    fields: dict[StartField, tuple[object, str]] = {}
    people: list[Participant] = []
    in_people = False
    for index, row in enumerate(_rows(book[SheetName.START])):
        label = header_key(_get(row, 0) or "")
        if in_people:
            if label == header_key(SCALE_HEADERS[0]):
                in_people = False
                continue
            name, role = read_text(_get(row, 0)), read_text(_get(row, 1))
            if name is not None and name.strip():
                people.append(Participant(name=name, role=role))
            elif role is not None and role.strip():
                issues.add(
                    _cell(SheetName.START, index, 0),
                    "a participant's role is filled in but the name is empty",
                    Code.MISSING_KEY,
                    Severity.WARNING,
                )
        elif label == header_key(PARTICIPANT_HEADERS[0]):
            in_people = True
        elif label in labels and labels[label] not in fields:
            fields[labels[label]] = (_get(row, 1), _cell(SheetName.START, index, 1))
    return fields, people


@dataclass
class _Columns:
    header_row: int
    index: dict[str, int]


def _columns(rows: list[tuple[object, ...]], issues: _Issues) -> _Columns | None:
    found = find_header(rows)
    if found is None:
        issues.add(
            _cell(SheetName.ASSESS, 0, 0),
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
            _cell(SheetName.ASSESS, row_index, 0),
            f"the {header!r} column is missing from the header row",
            Code.MISSING_KEY,
        )
    return None if missing else _Columns(row_index, index)


class _AnswerReader:
    """Reads the answer cells of the Assess rows."""

    def __init__(
        self, framework: Framework, columns: _Columns, issues: _Issues, round_date: dt.date | None
    ) -> None:
        self.framework = framework
        self.columns = columns
        self.issues = issues
        self.round_date = round_date

    def where(self, row: int, key: str) -> str:
        return _cell(SheetName.ASSESS, row, self.columns.index[key])

    def value(self, row: tuple[object, ...], key: str) -> object:
        return _get(row, self.columns.index.get(key))

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


def _answers(
    book: RawBook, framework: Framework, issues: _Issues, round_date: dt.date | None
) -> dict[str, Answer]:
    if SheetName.ASSESS not in book.sheetnames:
        issues.add(None, f"the {SheetName.ASSESS} sheet is missing", Code.MISSING_KEY)
        return {}
    rows = _rows(book[SheetName.ASSESS])
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
    missing = [pid for pid in known if pid not in seen]
    if missing:
        shown = ", ".join(missing[:_LISTED]) + (
            f" and {len(missing) - _LISTED} more" if len(missing) > _LISTED else ""
        )
        issues.add(
            _cell(SheetName.ASSESS, columns.header_row, 0),
            f"{len(missing)} practice rows are missing: {shown}",
            Code.MISSING_PRACTICE,
        )
    if seen and not answers:
        issues.add(
            _cell(SheetName.ASSESS, columns.header_row, 0),
            BLANK_WORKBOOK,
            Code.EMPTY,
            Severity.WARNING,
        )
    return {pid: answers[pid] for pid in known if pid in answers}


def _round_date(fields: dict[StartField, tuple[object, str]]) -> dt.date | None:
    """The round's date for checking due dates; a bad date is reported with the Start fields."""
    try:
        return read_date(fields.get(StartField.DATE, (None, ""))[0])
    except CellError:
        return None


def _framework(
    meta: dict[str, str], library: Library, issues: _Issues, allow_mapping: bool
) -> Framework | None:
    framework_id = meta.get(MetaKey.FRAMEWORK_ID)
    version = meta.get(MetaKey.FRAMEWORK_VERSION)
    if not framework_id or not version:
        if meta:
            issues.add(
                _cell(SheetName.META, 0, 0),
                "the workbook does not say which framework it answers",
                Code.MISSING_KEY,
            )
        return None
    try:
        framework = library.framework(content_ref(framework_id, version))
    except CafError as error:
        issues.add(_meta_cell(MetaKey.FRAMEWORK_ID), str(error), Code.UNKNOWN_FRAMEWORK)
        return None
    recorded = meta.get(MetaKey.FRAMEWORK_DIGEST)
    if recorded and recorded != digest(framework):
        message = (
            f"the workbook was written for different content of {framework.ref} than caf has now"
        )
        if allow_mapping:
            issues.add(
                _meta_cell(MetaKey.FRAMEWORK_DIGEST),
                f"{message}; answers are mapped by practice id",
                Code.DIGEST_MISMATCH,
                Severity.WARNING,
            )
        else:
            issues.add(
                _meta_cell(MetaKey.FRAMEWORK_DIGEST),
                f"{message}; re-import with --allow-mapping to map answers by practice id",
                Code.DIGEST_MISMATCH,
            )
    return framework


def _assessment(
    framework: Framework,
    meta: dict[str, str],
    fields: dict[StartField, tuple[object, str]],
    people: list[Participant],
    answers: dict[str, Answer],
    issues: _Issues,
) -> Assessment | None:
    def text(name: StartField) -> str | None:
        value = read_text(fields.get(name, (None, ""))[0])
        return value.strip() if value is not None and value.strip() else None

    subject_name, round_label = text(StartField.SUBJECT), text(StartField.ROUND)
    for name, value in ((StartField.SUBJECT, subject_name), (StartField.ROUND, round_label)):
        if value is None:
            issues.add(
                fields.get(name, (None, _cell(SheetName.START, 0, 1)))[1],
                f"{name.value} is empty; fill it in on the Start sheet",
                Code.MISSING_KEY,
            )
    date = None
    if StartField.DATE in fields:
        raw, where = fields[StartField.DATE]
        try:
            date = read_date(raw)
        except CellError as error:
            issues.add(where, str(error), Code.WRONG_TYPE)
    if subject_name is None or round_label is None:
        return None
    tags = [t.strip() for t in (text(StartField.TAGS) or "").split(",") if t.strip()]
    data: dict[str, object] = {
        "framework": {
            "id": framework.id,
            "version": framework.version,
            "digest": meta.get(MetaKey.FRAMEWORK_DIGEST) or digest(framework),
        },
        "subject": {
            "name": subject_name,
            "id": text(StartField.SUBJECT_ID),
            "scope": text(StartField.SCOPE),
            "business_unit": text(StartField.BUSINESS_UNIT),
            "tags": tags,
        },
        "round": {"label": round_label, "date": date},
        "facilitator": text(StartField.FACILITATOR),
        "participants": people,
        "answers": answers,
    }
    try:
        return Assessment.model_validate(data)
    except ValidationError as error:
        locator = CellLocator(issues.file, data, _start_cells(fields))
        issues.items.extend(issues_from_validation(error, Assessment, locator))
        return None


_START_PATHS: dict[StartField, DataPath] = {
    StartField.SUBJECT: ("subject", "name"),
    StartField.SUBJECT_ID: ("subject", "id"),
    StartField.SCOPE: ("subject", "scope"),
    StartField.BUSINESS_UNIT: ("subject", "business_unit"),
    StartField.TAGS: ("subject", "tags"),
    StartField.ROUND: ("round", "label"),
    StartField.DATE: ("round", "date"),
    StartField.FACILITATOR: ("facilitator",),
}
"""Where each Start sheet input goes in an assessment."""


def _start_cells(fields: dict[StartField, tuple[object, str]]) -> dict[DataPath, str]:
    """The cell of each assessment path that comes from the Start sheet."""
    cells: dict[DataPath, str] = {("framework",): f"{SheetName.META}!B2"}
    for name, (_, cell) in fields.items():
        cells[_START_PATHS[name]] = cell
    return cells


def import_workbook(path: Path, library: Library, *, allow_mapping: bool = False) -> Imported:
    """Read a filled capture workbook into an assessment.

    Raises:
        InvalidInputError: with every problem found, each located ``Sheet!Cell``.
    """
    issues = _Issues(str(path))
    guarded = check_workbook_file(path)
    if guarded:
        raise InvalidInputError(guarded, str(path))
    book = read_book(path)
    meta = _meta(book, issues)
    framework = _framework(meta, library, issues, allow_mapping)
    if framework is None:
        raise InvalidInputError(issues.items, str(path))
    fields, people = _start(book, issues)
    answers = _answers(book, framework, issues, _round_date(fields))
    assessment = _assessment(framework, meta, fields, people, answers, issues)
    if assessment is not None:
        for issue in check_assessment(assessment, framework):
            if issue.code is not Code.NA_WITHOUT_REASON and issue.code is not Code.DIGEST_MISMATCH:
                issues.items.append(issue.at(file=str(path)))
    if assessment is None or has_errors(issues.items):
        raise InvalidInputError(issues.items, str(path))
    return Imported(assessment, framework, issues.items)
