"""Write the capture workbook a facilitator fills in during the workshop (docs/workbook.md).

Sheets: Start (how to fill it in, the scoring rule, who and when, the scale;
:mod:`~caf.xlsx.capture.start_sheet`), Assess (one row per practice, an Excel Table with
dropdowns; :mod:`~caf.xlsx.capture.assess_sheet`), Rubric (every level of every practice),
Scorecard (live formulas and a radar chart; :mod:`~caf.xlsx.capture.scorecard_sheet`), Next steps
(the top actions by priority; :mod:`~caf.xlsx.capture.next_steps`) and a very hidden metadata
sheet. Every formula is written with the value caf's engine computes for it, so previews,
pandas and python-calamine see numbers while the formulas stay live; a test recalculates the
formulas in LibreOffice and compares them with the engine.

The workbook follows the scoring rules of docs/scoring.md exactly. Formulas use plain ranges
and defined names, never structured references, so every spreadsheet program computes them, and
they find rows by criteria, not position, so sorting or filtering the Assess table changes
nothing. Every sheet prints on A4 landscape with the subject and round in the page header.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from caf import __version__
from caf.files import atomic_path
from caf.models.framework import digest
from caf.scoring.scorecard import score
from caf.xlsx.book import Book, PageSetup, Style, page_text
from caf.xlsx.capture.assess_sheet import row_height, write_assess_sheet
from caf.xlsx.capture.layout import LAYOUT_VERSION, MetaKey, Name, SheetName
from caf.xlsx.capture.next_steps import write_next_steps_sheet
from caf.xlsx.capture.scorecard_sheet import write_scorecard_sheet
from caf.xlsx.capture.start_sheet import write_start_sheet

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from caf.models.assessment import Assessment
    from caf.models.framework import Framework

_RUBRIC_WIDTHS = (10, 24, 26)
"""ID, practice, and each level's column: six levels fit A4 landscape at about 75 %."""


def page_header(framework: Framework, assessment: Assessment) -> str:
    """The page header of every sheet: subject and round, the sheet's name, the framework."""
    who = page_text(f"{assessment.subject.name} | {assessment.round.label}")
    return f"&L{who}&C&A&R{page_text(framework.ref)}"


def _rubric(book: Book, framework: Framework, header: str) -> None:
    sheet = book.sheet(SheetName.RUBRIC)
    levels = framework.scale.levels
    headers = ["ID", "Practice", *(f"{level.value} {level.name}" for level in levels)]
    sheet.texts(0, 0, headers, Style.HEADER)
    ws = sheet.worksheet
    ws.set_column(0, 0, _RUBRIC_WIDTHS[0])
    ws.set_column(1, 1, _RUBRIC_WIDTHS[1])
    ws.set_column(2, 1 + len(levels), _RUBRIC_WIDTHS[2])
    row = 0
    for row, (_, _, practice) in enumerate(framework.practices(), start=1):
        sheet.text(row, 0, practice.id, Style.FACT)
        sheet.text(row, 1, practice.title, Style.FACT)
        texts = [framework.rubric_text(practice, level.value) for level in levels]
        for offset, text in enumerate(texts):
            sheet.text(row, 2 + offset, text, Style.FACT)
        ws.set_row(
            row,
            row_height(
                [(practice.title, _RUBRIC_WIDTHS[1])] + [(t, _RUBRIC_WIDTHS[2]) for t in texts]
            ),
        )
    last = max(row, 1)
    book.define_name(Name.RUBRIC_IDS, sheet, (1, 0), (last, 0))
    book.define_name(Name.RUBRIC_TITLES, sheet, (1, 1), (last, 1))
    book.define_name(Name.RUBRIC, sheet, (1, 2), (last, 1 + len(levels)))
    ws.freeze_panes(1, 2)
    ws.protect("", {"select_locked_cells": True, "format_columns": True, "format_rows": True})
    sheet.print_setup(PageSetup(header, repeat_rows=(0, 0)))


def _meta(book: Book, framework: Framework) -> None:
    sheet = book.sheet(SheetName.META)
    values = {
        MetaKey.LAYOUT_VERSION: str(LAYOUT_VERSION),
        MetaKey.FRAMEWORK_ID: framework.id,
        MetaKey.FRAMEWORK_VERSION: framework.version,
        MetaKey.FRAMEWORK_DIGEST: digest(framework),
        MetaKey.CAF_VERSION: __version__,
    }
    for row, key in enumerate(MetaKey):  # one key a row, in MetaKey order (the reader's too)
        value = values[key]
        sheet.text(row, 0, key.value, Style.PLAIN)
        sheet.text(row, 1, value, Style.PLAIN)
    sheet.worksheet.protect()
    sheet.worksheet.very_hidden()


def write_capture(
    target: Path, framework: Framework, assessment: Assessment, inputs: Iterable[Path] = ()
) -> None:
    """Write the capture workbook for ``assessment`` (its answers, if any, pre-filled).

    Raises:
        OutputError: text breaks a spreadsheet limit, or ``target`` is one of ``inputs``.
    """
    card = score(framework, assessment)
    header = page_header(framework, assessment)
    with atomic_path(target, inputs) as temporary:
        book = Book(temporary, f"{framework.title} - {assessment.subject.name}")
        write_start_sheet(book, framework, assessment, header)
        write_assess_sheet(book, framework, assessment, card, header)
        _rubric(book, framework, header)
        rows = len(card.practices)
        write_scorecard_sheet(book, framework, card, rows, header)
        write_next_steps_sheet(book, card, header)
        _meta(book, framework)
        book.close()
