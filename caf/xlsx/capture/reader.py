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

from pydantic import ValidationError

from caf.errors import (
    CafError,
    Code,
    DataPath,
    InvalidInputError,
    Issue,
    Severity,
    has_errors,
)
from caf.models.assessment import Answer, Assessment, Participant
from caf.models.base import content_ref
from caf.models.framework import digest
from caf.validation.checks import check_assessment
from caf.validation.messages import CellLocator, issues_from_validation
from caf.xlsx.archive import check_workbook_file
from caf.xlsx.capture.assess_reader import read_answers
from caf.xlsx.capture.cells import (
    CellError,
    read_date,
    read_text,
)
from caf.xlsx.capture.layout import (
    PARTICIPANT_HEADERS,
    SCALE_HEADERS,
    MetaKey,
    SheetName,
    StartField,
    header_key,
)
from caf.xlsx.capture.located import CellIssues, cell_address, cell_at
from caf.xlsx.capture.rawbook import RawBook, read_book

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from caf.models.framework import Framework
    from caf.validation.library import Library


@dataclass
class Imported:
    """A workbook read back: the assessment, the framework it answers, and the warnings."""

    assessment: Assessment
    framework: Framework
    warnings: list[Issue] = field(default_factory=list)


def _metacell_address(key: MetaKey) -> str:
    """Where the metadata sheet holds a value: keys are written one a row, in MetaKey order."""
    return cell_address(SheetName.META, list(MetaKey).index(key), 1)


def _meta(book: RawBook, issues: CellIssues) -> dict[str, str]:
    if SheetName.META not in book.sheetnames:
        issues.add(
            None,
            "this is not a caf capture workbook (its hidden _caf sheet is missing); "
            "write one with `caf workbook`",
            Code.UNKNOWN_KIND,
        )
        return {}
    values = {}
    for row in book[SheetName.META]:
        key, value = cell_at(row, 0), cell_at(row, 1)
        if isinstance(key, str) and value is not None:
            values[key] = str(value)
    return values


def _start(
    book: RawBook, issues: CellIssues
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
    for index, row in enumerate(book[SheetName.START]):
        label = header_key(cell_at(row, 0) or "")
        if in_people:
            if label == header_key(SCALE_HEADERS[0]):
                in_people = False
                continue
            name, role = read_text(cell_at(row, 0)), read_text(cell_at(row, 1))
            if name is not None and name.strip():
                people.append(Participant(name=name, role=role))
            elif role is not None and role.strip():
                issues.add(
                    cell_address(SheetName.START, index, 0),
                    "a participant's role is filled in but the name is empty",
                    Code.MISSING_KEY,
                    Severity.WARNING,
                )
        elif label == header_key(PARTICIPANT_HEADERS[0]):
            in_people = True
        elif label in labels and labels[label] not in fields:
            fields[labels[label]] = (cell_at(row, 1), cell_address(SheetName.START, index, 1))
    return fields, people


def _round_date(fields: dict[StartField, tuple[object, str]]) -> dt.date | None:
    """The round's date for checking due dates; a bad date is reported with the Start fields."""
    try:
        return read_date(fields.get(StartField.DATE, (None, ""))[0])
    except CellError:
        return None


def _framework(
    meta: dict[str, str], library: Library, issues: CellIssues, allow_mapping: bool
) -> Framework | None:
    framework_id = meta.get(MetaKey.FRAMEWORK_ID)
    version = meta.get(MetaKey.FRAMEWORK_VERSION)
    if not framework_id or not version:
        if meta:
            issues.add(
                cell_address(SheetName.META, 0, 0),
                "the workbook does not say which framework it answers",
                Code.MISSING_KEY,
            )
        return None
    try:
        framework = library.framework(content_ref(framework_id, version))
    except CafError as error:
        issues.add(_metacell_address(MetaKey.FRAMEWORK_ID), str(error), Code.UNKNOWN_FRAMEWORK)
        return None
    recorded = meta.get(MetaKey.FRAMEWORK_DIGEST)
    if recorded and recorded != digest(framework):
        message = (
            f"the workbook was written for different content of {framework.ref} than caf has now"
        )
        if allow_mapping:
            issues.add(
                _metacell_address(MetaKey.FRAMEWORK_DIGEST),
                f"{message}; answers are mapped by practice id",
                Code.DIGEST_MISMATCH,
                Severity.WARNING,
            )
        else:
            issues.add(
                _metacell_address(MetaKey.FRAMEWORK_DIGEST),
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
    issues: CellIssues,
) -> Assessment | None:
    def text(name: StartField) -> str | None:
        value = read_text(fields.get(name, (None, ""))[0])
        return value.strip() if value is not None and value.strip() else None

    subject_name, round_label = text(StartField.SUBJECT), text(StartField.ROUND)
    for name, value in ((StartField.SUBJECT, subject_name), (StartField.ROUND, round_label)):
        if value is None:
            issues.add(
                fields.get(name, (None, cell_address(SheetName.START, 0, 1)))[1],
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
    issues = CellIssues(str(path))
    guarded = check_workbook_file(path)
    if guarded:
        raise InvalidInputError(guarded, str(path))
    book = read_book(path)
    meta = _meta(book, issues)
    framework = _framework(meta, library, issues, allow_mapping)
    if framework is None:
        raise InvalidInputError(issues.items, str(path))
    fields, people = _start(book, issues)
    answers = read_answers(book, framework, issues, _round_date(fields))
    assessment = _assessment(framework, meta, fields, people, answers, issues)
    if assessment is not None:
        for issue in check_assessment(assessment, framework):
            if issue.code is not Code.NA_WITHOUT_REASON and issue.code is not Code.DIGEST_MISMATCH:
                issues.items.append(issue.at(file=str(path)))
    if assessment is None or has_errors(issues.items):
        raise InvalidInputError(issues.items, str(path))
    return Imported(assessment, framework, issues.items)
