"""Slips a room makes in a capture workbook that still import: what the reader warns about.

Each check returns the warning's message (the reader adds the cell), or None when all is well.
A slip never stops an import; it tells the facilitator where the workbook and the import might
disagree with what the room meant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from caf.xlsx.capture.cells import counted_level
from caf.xlsx.capture.layout import ASSESS_COLUMNS, NA_TEXT

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

FAR_YEARS = 10
"""A due date more than this many years after the round is taken for a slip."""

PLAUSIBLE_YEARS = range(2000, 2101)
"""Without a round date, due dates outside these years are taken for slips."""

BLANK_WORKBOOK = "no practice has a level, N/A or anything else filled in: the workbook is blank"
"""The warning for a workbook with no answers at all."""

_HEADERS = {column.key: column.header for column in ASSESS_COLUMNS}


def uncounted_level(typed: object, level: int | str | None) -> str | None:
    """The import reads ``level`` from the cell value ``typed``; did the formulas count it too?"""
    if level is None:
        return None
    counted = counted_level(typed)
    if counted == level or (isinstance(level, int) and counted == float(level)):
        return None
    shown = NA_TEXT if level == "N/A" else str(level)
    return (
        f"the import reads this level as {shown}, but the workbook's formulas did not count it, "
        f"so its Scorecard and Next steps left it out; choose {shown} from the list"
    )


def missing_level(filled: Iterable[str]) -> str | None:
    """Inputs of a row (by column key) filled in while its Level is empty."""
    names = [_HEADERS[key] for key in filled]
    if not names:
        return None
    return (
        f"{', '.join(names)} filled in but the Level is empty: the practice counts as not "
        "discussed (was the level typed into another column?)"
    )


def due_date_slip(due: dt.date, round_date: dt.date | None) -> str | None:
    """Why a due date looks like a slip (a number typed into a date cell), or None."""
    if round_date is None:
        if due.year in PLAUSIBLE_YEARS:
            return None
        return f"due date {due.isoformat()} looks like a slip; write it as 2026-12-31"
    if due < round_date:
        return f"due date {due.isoformat()} is before the round's date {round_date.isoformat()}"
    if due.year - round_date.year > FAR_YEARS:
        return (
            f"due date {due.isoformat()} is more than {FAR_YEARS} years after the round; "
            "is it a slip?"
        )
    return None
