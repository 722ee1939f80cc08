"""The capture workbook's sheets and columns, declared once as data.

The writer (:mod:`caf.xlsx.capture.writer`) lays the workbook out from these declarations and
the reader (:mod:`caf.xlsx.capture.reader`) finds everything by them: rows by the ID column,
columns by their header text, Start-sheet inputs by their label. Renaming a header here
renames it for both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

from xlsxwriter.utility import xl_col_to_name

from caf.errors import OutputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from caf.models.assessment import Answer, Assessment

LAYOUT_VERSION = 2
"""Bumped whenever the layout changes; the reader finds columns and fields by their text, so
workbooks of every version so far read the same (version 2 reordered the Assess columns)."""


class SheetName(StrEnum):
    """The sheets of a capture workbook (all within Excel's 31-character limit)."""

    START = "Start"
    ASSESS = "Assess"
    RUBRIC = "Rubric"
    SCORECARD = "Scorecard"
    NEXT_STEPS = "Next steps"
    META = "_caf"


class Kind(StrEnum):
    """What a column holds, which decides whether users can type into it."""

    FACT = "fact"
    """Copied from the framework; locked."""
    INPUT = "input"
    """Typed by the facilitator; unlocked."""
    FORMULA = "formula"
    """Computed by the spreadsheet; locked."""
    HELPER = "helper"
    """Computed, hidden: the sums the Scorecard formulas use."""


@dataclass(frozen=True)
class Column:
    """One column of the Assess sheet."""

    key: str
    """The name code uses."""
    header: str
    """The header text; the reader finds the column by it (case and spaces ignored)."""
    width: float
    """Column width in characters."""
    kind: Kind
    """Whether it is a fact, an input, a formula or a hidden helper."""
    note: str = ""
    """What goes in the column, shown to the facilitator on the Start sheet."""


ASSESS_COLUMNS: tuple[Column, ...] = (
    # What the room looks at first, frozen through the practice; then the other inputs; then
    # the framework's facts and the computed columns; hidden helpers last.
    Column("id", "ID", 11, Kind.FACT),
    Column("practice", "Practice", 40, Kind.FACT),
    Column("level", "Level", 9, Kind.INPUT, "the level the team agrees, from the list, or N/A"),
    Column("meaning", "What this level means", 40, Kind.FORMULA),
    Column("target", "Target", 8, Kind.INPUT, "only if this team aims for another level"),
    Column("notes", "Notes", 30, Kind.INPUT, "what was said"),
    Column("owner", "Owner", 16, Kind.INPUT, "who will close the gap"),
    Column("due", "Due", 11, Kind.INPUT, "when, as a date"),
    Column("evidence", "Evidence", 28, Kind.INPUT, "documents and links, one per line"),
    Column("na_reason", "N/A reason", 24, Kind.INPUT, "why the practice does not apply"),
    Column("gap", "Gap", 6, Kind.FORMULA),
    Column("risk", "Risk", 12, Kind.FORMULA),
    Column("priority", "Priority", 9, Kind.FORMULA),
    Column("guidance", "Guidance", 70, Kind.FACT),
    Column("aws_evidence", "On AWS, look at", 48, Kind.FACT),
    Column("perspective", "Perspective", 14, Kind.FACT),
    Column("capability", "Capability", 22, Kind.FACT),
    Column("weight", "Weight", 8, Kind.FACT),
    Column("critical", "Critical", 9, Kind.FACT),
    Column("default_target", "Default target", 10, Kind.FACT),
    Column("perspective_id", "Perspective ID", 10, Kind.HELPER),
    Column("capability_id", "Capability ID", 10, Kind.HELPER),
    Column("effective_target", "Effective target", 8, Kind.HELPER),
    Column("answered", "Answered", 8, Kind.HELPER),
    Column("applicable", "Applicable", 8, Kind.HELPER),
    Column("level_value", "Level value", 8, Kind.HELPER),
    Column("w_level", "Weighted level", 8, Kind.HELPER),
    Column("w_answered", "Answered weight", 8, Kind.HELPER),
    Column("w_target", "Weighted target", 8, Kind.HELPER),
    Column("w_reached", "Weighted reached", 8, Kind.HELPER),
    Column("w_reachable", "Weighted reachable", 8, Kind.HELPER),
    Column("rank", "Rank key", 8, Kind.HELPER),
)
"""The Assess sheet, left to right."""

ASSESS_TABLE = "caf_assess"
"""The Excel Table over the Assess rows."""

ASSESS_HEADER_ROW = 3
"""0-based row of the Assess headers (rows above hold the title and a hint)."""

NA_TEXT = "N/A"
"""What the Level dropdown offers for *not applicable*."""

CRITICAL_TEXT = ("Yes", "No")
"""How the Critical column shows a practice that is (or is not) critical."""

PRINTED_COLUMNS = ("id", "due")
"""The first and last Assess columns printed: what the room discussed, readable on A4."""

FROZEN_THROUGH = "practice"
"""The Assess column up to which the panes are frozen, so the practice stays in view."""


_POSITIONS = {column.key: index for index, column in enumerate(ASSESS_COLUMNS)}
_LETTERS = {key: str(xl_col_to_name(index)) for key, index in _POSITIONS.items()}


def column_index(key: str) -> int:
    """The 0-based position of an Assess column."""
    return _POSITIONS[key]


def col(key: str) -> str:
    """The column letter of an Assess column."""
    return _LETTERS[key]


def assess_range(key: str, rows: int) -> str:
    """The absolute range of an Assess column's data cells, as Scorecard formulas use it."""
    first = ASSESS_HEADER_ROW + 2
    letter = col(key)
    return f"{SheetName.ASSESS}!${letter}${first}:${letter}${first + rows - 1}"


def header_key(text: object) -> str:
    """How headers and labels are compared: case, spaces and punctuation ignored."""
    return "".join(ch for ch in str(text).lower() if ch.isalnum())


HEADER_SCAN_ROWS = 30
"""How far down the Assess sheet the reader looks for the header row."""


def find_header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[str, int]] | None:
    """The Assess header row (0-based) and the position of each known column in it.

    The header row is the first of the top rows with both an ID and a Level header; columns
    are matched by header text, so moved or extra columns do not matter.
    """
    wanted = {header_key(c.header): c.key for c in ASSESS_COLUMNS if c.kind is not Kind.HELPER}
    for row_index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found: dict[str, int] = {}
        for index, value in enumerate(row):
            key = wanted.get(header_key(value)) if value is not None else None
            if key is not None:
                found.setdefault(key, index)
        if "id" in found and "level" in found:
            return row_index, found
    return None


class StartField(StrEnum):
    """The labelled inputs on the Start sheet; the label text is the value."""

    SUBJECT = "Subject (team)"
    SUBJECT_ID = "Subject ID"
    SCOPE = "Scope"
    BUSINESS_UNIT = "Business unit"
    TAGS = "Tags"
    ROUND = "Round"
    DATE = "Date"
    FACILITATOR = "Facilitator"


CellValue: TypeAlias = str | int | dt.date | None
"""What caf puts into an input cell: text, a level, a date, or nothing."""


def start_values(assessment: Assessment) -> dict[StartField, CellValue]:
    """The Start sheet's inputs for an assessment, by field (empty text as None)."""
    subject = assessment.subject
    return {
        StartField.SUBJECT: subject.name,
        StartField.SUBJECT_ID: subject.id,
        StartField.SCOPE: subject.scope,
        StartField.BUSINESS_UNIT: subject.business_unit,
        StartField.TAGS: ", ".join(subject.tags) or None,
        StartField.ROUND: assessment.round.label,
        StartField.DATE: assessment.round.date,
        StartField.FACILITATOR: assessment.facilitator or None,
    }


def answer_values(answer: Answer, where: str) -> dict[str, CellValue]:
    """An answer's input cells on the Assess sheet, by column key (the reader's inverse).

    Raises:
        OutputError: an evidence item has a line break; the cell holds one item per line, so
            it would not come back whole.
    """
    if any("\n" in item or "\r" in item for item in answer.evidence):
        raise OutputError(
            f"{where}: an evidence item contains a line break; the workbook keeps one item per line"
        )
    return {
        "level": NA_TEXT if answer.na else answer.level,
        "target": answer.target,
        "na_reason": answer.na_reason or None,
        "notes": answer.notes or None,
        "evidence": "\n".join(answer.evidence) or None,
        "owner": answer.owner or None,
        "due": answer.due,
    }


PARTICIPANT_HEADERS = ("Participant", "Role")
"""Headers of the participants table on the Start sheet."""

PARTICIPANT_ROWS = 24
"""Empty participant rows offered."""

SCALE_HEADERS = ("Level", "Name", "What it means")
"""Headers of the scale table on the Start sheet."""


class MetaKey(StrEnum):
    """Keys of the very hidden metadata sheet (column A keys, column B values)."""

    LAYOUT_VERSION = "layout_version"
    FRAMEWORK_ID = "framework_id"
    FRAMEWORK_VERSION = "framework_version"
    FRAMEWORK_DIGEST = "framework_digest"
    CAF_VERSION = "caf_version"


class Name(StrEnum):
    """Defined names the formulas use (valid Excel names: letters, digits, underscores)."""

    RUBRIC = "caf_rubric"
    RUBRIC_IDS = "caf_rubric_ids"
    RUBRIC_TITLES = "caf_rubric_titles"
    SCALE = "caf_scale"
    SUBJECT = "caf_subject"
    ROUND = "caf_round"


SCORECARD_COLUMNS: tuple[str, ...] = (
    "Perspective",
    "Capability",
    "Score",
    "Target",
    "Floor",
    "Coverage",
    "To target",
    "Answered",
    "Applicable",
    "High risks",
    "Medium risks",
)
"""Visible Scorecard columns, left to right; hidden helper columns follow them."""

SCORECARD_HELPERS: tuple[str, ...] = (
    "ID",
    "Weight",
    "Scored weight",
    "Weighted score",
    "Weighted target",
    "Weighted reached",
    "Weighted reachable",
)
"""Hidden Scorecard columns: what perspective and overall rows add up."""
