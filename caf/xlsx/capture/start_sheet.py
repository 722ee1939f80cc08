"""The capture workbook's Start sheet: how to fill it in, the scoring rule, who and when, the scale.

Everything a facilitator needs on the first screen comes first (steps, the rule for choosing a
level, the yellow inputs, the scale); where the framework comes from follows, and the
participants table is last, because the reader takes every row under its header as a person.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from caf import __version__
from caf.xlsx.book import PageSetup, Style
from caf.xlsx.capture.layout import (
    NA_TEXT,
    PARTICIPANT_HEADERS,
    PARTICIPANT_ROWS,
    SCALE_HEADERS,
    Name,
    SheetName,
    StartField,
    start_values,
)

if TYPE_CHECKING:
    from caf.models.assessment import Assessment, Participant
    from caf.models.framework import Framework
    from caf.xlsx.book import Book, Sheet

SCORING_RULE = (
    "How to choose a level: the level is the highest one whose statement is fully met; "
    "'every' means at least 90 % of the systems in scope."
)
"""The rule a room applies when it agrees a level (shown on Start; the docs say the same)."""

COLOUR_KEY = (
    "Colours: yellow cells are yours to type in; white cells come from the framework; grey "
    "cells compute themselves. Nothing else needs typing."
)
"""What the colours mean, in the words the other sheets use."""

STEPS = (
    "1. Fill in who and when below (yellow cells).",
    (
        f"2. On the {SheetName.ASSESS} sheet, agree a Level for each practice with the team. The "
        f"{SheetName.RUBRIC} sheet says what each level looks like; choose {NA_TEXT} (and give a "
        "reason) where a practice does not apply, and leave the level empty if it was not "
        "discussed."
    ),
    "3. Set a Target only where this team aims for a different level than the default.",
    (
        f"4. The {SheetName.SCORECARD} and {SheetName.NEXT_STEPS} sheets update as you type. "
        "Afterwards, bring the answers back with: caf import this-file.xlsx -o assessment.yaml"
    ),
)
"""The steps at the top of Start."""

_WIDTHS = (22, 48, 70)
_LINE = 15.0


def _epoch() -> dt.date:
    """Dates must be later than this for the date validations (any real date is)."""
    return dt.date(1900, 1, 2)


def _paragraph(sheet: Sheet, row: int, text: str, style: Style, lines: int = 2) -> None:
    """A text over the three columns, tall enough for ``lines`` lines."""
    sheet.text(row, 0, text, style)
    sheet.worksheet.merge_range(row, 0, row, len(_WIDTHS) - 1, None)
    sheet.worksheet.set_row(row, _LINE * lines)


def _fields(book: Book, sheet: Sheet, row: int, assessment: Assessment) -> int:
    """The labelled inputs (subject, round, date, ...); returns the next free row."""
    for field, value in start_values(assessment).items():
        sheet.text(row, 0, field.value, Style.LABEL)
        if field is StartField.DATE:
            sheet.date(row, 1, assessment.round.date, Style.INPUT_DATE)
            sheet.worksheet.data_validation(
                row,
                1,
                row,
                1,
                {"validate": "date", "criteria": ">", "value": _epoch(), "ignore_blank": True},
            )
        else:
            sheet.text(row, 1, str(value) if value else None, Style.INPUT)
        if field is StartField.SUBJECT:
            book.define_name(Name.SUBJECT, sheet, (row, 1), (row, 1))
        elif field is StartField.ROUND:
            book.define_name(Name.ROUND, sheet, (row, 1), (row, 1))
        row += 1
    return row


def _scale(book: Book, sheet: Sheet, row: int, framework: Framework) -> int:
    """The scale table (the Level dropdown's values); returns the next free row."""
    sheet.texts(row, 0, list(SCALE_HEADERS), Style.HEADER)
    for offset, level in enumerate(framework.scale.levels, start=1):
        sheet.number(row + offset, 0, level.value, Style.NUMBER)
        sheet.text(row + offset, 1, level.name, Style.FACT)
        sheet.text(row + offset, 2, level.description, Style.FACT)
    last = row + len(framework.scale.levels)
    book.define_name(Name.SCALE, sheet, (row + 1, 0), (last, 0))
    return last + 1


def _provenance(sheet: Sheet, row: int, framework: Framework) -> int:
    """Where the framework comes from, when it says; returns the next free row."""
    source = framework.source
    if source is None:
        return row
    sheet.text(row, 0, "About this framework", Style.LABEL)
    parts = [source.title]
    if source.url:
        parts.append(source.url)
    if source.date is not None:
        parts.append(f"edition of {source.date.isoformat()}")
    _paragraph(sheet, row + 1, "Source: " + ", ".join(parts), Style.NOTE, 1)
    if not source.notes:
        return row + 3
    notes = " ".join(source.notes.split())
    _paragraph(sheet, row + 2, notes, Style.NOTE, max(2, len(notes) // 120 + 1))
    return row + 4


def write_start_sheet(
    book: Book, framework: Framework, assessment: Assessment, header: str
) -> None:
    """Add the Start sheet; ``header`` is the page header every sheet prints."""
    sheet = book.sheet(SheetName.START)
    for index, width in enumerate(_WIDTHS):
        sheet.worksheet.set_column(index, index, width)
    sheet.text(0, 0, f"{framework.title} - capture workbook", Style.TITLE)
    sheet.text(1, 0, f"{framework.ref} | written by caf {__version__}", Style.SUBTITLE)
    row = 3
    for step in STEPS:
        _paragraph(sheet, row, step, Style.PLAIN)
        row += 1
    _paragraph(sheet, row, SCORING_RULE, Style.LABEL)
    _paragraph(sheet, row + 1, COLOUR_KEY, Style.PLAIN)
    row = _fields(book, sheet, row + 3, assessment)
    row = _scale(book, sheet, row + 1, framework)
    row = _provenance(sheet, row + 1, framework)
    sheet.texts(row, 0, list(PARTICIPANT_HEADERS), Style.HEADER)
    people: list[Participant | None] = list(assessment.participants)
    people += [None] * max(0, PARTICIPANT_ROWS - len(people))
    for offset, person in enumerate(people, start=1):
        sheet.text(row + offset, 0, person.name if person else None, Style.INPUT)
        sheet.text(row + offset, 1, person.role if person and person.role else None, Style.INPUT)
    sheet.worksheet.protect("", {"select_locked_cells": True, "format_columns": True})
    sheet.print_setup(PageSetup(header))
    sheet.worksheet.activate()
