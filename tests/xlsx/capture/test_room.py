"""The capture workbook in the room: projected, typed into, printed and handed back (issue 9).

Fast checks on the written file (no spreadsheet program): what a 1280 px screen shows, how
every sheet prints, the slips the import warns about, text levels, the Next steps sheet and the
demo's workbooks as python-calamine reads them. LibreOffice renders pages in test_pages.py.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from typing import TYPE_CHECKING

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from caf.demo import run as run_demo
from caf.errors import Code, OutputError, Severity
from caf.models.assessment import Answer, Assessment, FrameworkRef, Participant, Round, Subject
from caf.scoring.scorecard import score
from caf.validation.library import Library
from caf.xlsx.capture.cells import counted_level, read_level
from caf.xlsx.capture.layout import (
    ASSESS_COLUMNS,
    ASSESS_HEADER_ROW,
    PARTICIPANT_HEADERS,
    SCALE_HEADERS,
    Kind,
    SheetName,
    col,
    column_index,
)
from caf.xlsx.capture.next_steps import NEXT_STEPS_COLUMNS
from caf.xlsx.capture.reader import import_workbook
from caf.xlsx.capture.scorecard_sheet import legend
from caf.xlsx.capture.start_sheet import SCORING_RULE
from caf.xlsx.capture.writer import write_capture
from caf.xlsx.text import MAX_CELL_TEXT

if TYPE_CHECKING:
    from pathlib import Path

    from caf.models.framework import Framework

FAR = dt.datetime(2099, 1, 1)  # noqa: DTZ001 - spreadsheet dates are naive
SCREEN_PX = 1280
"""The narrowest projector the workbook is made for."""
ROW_HEADER_PX = 40
"""Excel's row numbers and the window's frame."""


def px(width: float) -> float:
    """Excel's on-screen width of a column of ``width`` characters (Calibri 11, 100 %)."""
    return width * 7 + 5


def caf_ai() -> Framework:
    return Library().framework("caf-ai")


def assessment(fw: Framework, answers: dict[str, Answer] | None = None) -> Assessment:
    return Assessment(
        framework=FrameworkRef(id=fw.id, version=fw.version),
        subject=Subject(name="Payments Platform"),
        round=Round(label="2026-Q4", date=dt.date(2026, 11, 12)),
        answers=answers or {},
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    run_demo(out, echo=lambda _: None)
    return out


def test_what_the_room_looks_at_fits_a_1280_px_screen(demo: Path) -> None:
    first = [c.key for c in ASSESS_COLUMNS[:5]]
    assert first == ["id", "practice", "level", "meaning", "target"]
    seen = sum(px(c.width) for c in ASSESS_COLUMNS[:5])
    assert ROW_HEADER_PX + seen <= SCREEN_PX
    book = openpyxl.load_workbook(demo / "capture-filled.xlsx")
    # frozen through the practice: the practice stays in view while notes and owners are typed
    assert book[SheetName.ASSESS].freeze_panes == f"{col('level')}{ASSESS_HEADER_ROW + 2}"
    # the radar is anchored at the left edge, below the perspective table
    with zipfile.ZipFile(demo / "capture-filled.xlsx") as archive:
        drawing = archive.read("xl/drawings/drawing1.xml").decode()
    anchor = re.search(r"<xdr:from><xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>", drawing)
    assert anchor is not None
    assert int(anchor.group(1)) == 0
    assert int(anchor.group(2)) < 15


def who(path: Path) -> str:
    """``subject | round`` of a capture workbook, as caf reads it."""
    imported = import_workbook(path, Library()).assessment
    return f"{imported.subject.name} | {imported.round.label}"


def test_every_sheet_prints_readably_with_subject_round_and_page(demo: Path) -> None:
    book = openpyxl.load_workbook(demo / "capture-filled.xlsx")
    shown = who(demo / "capture-filled.xlsx")
    for name in (n for n in book.sheetnames if n != SheetName.META):
        sheet = book[name]
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.page_setup.paperSize == 9, name
        assert sheet.page_setup.fitToWidth in (1, None), name  # one page wide
        assert sheet.page_setup.fitToHeight == 0, name  # as many pages tall as needed
        header, footer = sheet.oddHeader, sheet.oddFooter
        assert header is not None
        assert footer is not None
        assert shown in str(header.left.text), name
        assert header.center.text == "&A", name  # the sheet's name
        assert "Page &P of &N" in str(footer.right.text), name
    assess = book[SheetName.ASSESS]
    # only the columns the room discussed print, so the text stays readable (not 4 pt)
    assert assess.print_area == f"'Assess'!$A$1:${col('due')}${assess.max_row}"
    printed = sum(c.width for c in ASSESS_COLUMNS[: column_index("due") + 1])
    assert printed <= 175
    assert assess.print_title_rows == f"${ASSESS_HEADER_ROW + 1}:${ASSESS_HEADER_ROW + 1}"
    # the Scorecard names the team and the round at its top, live from Start
    values = openpyxl.load_workbook(demo / "capture-filled.xlsx", data_only=True)
    assert values[SheetName.SCORECARD]["B1"].value == shown


def test_layout_details(demo: Path) -> None:
    book = openpyxl.load_workbook(demo / "capture-filled.xlsx")
    assess, card, start = (
        book[SheetName.ASSESS],
        book[SheetName.SCORECARD],
        book[SheetName.START],
    )
    # headers get two lines, so "Medium risks" and "Default target" are not cut
    assert assess.row_dimensions[ASSESS_HEADER_ROW + 1].height >= 30
    header_rows = [c.row for c in card["C"] if c.value == "Score"]
    assert all(card.row_dimensions[r].height >= 30 for r in header_rows)
    # Critical reads the same in every row
    critical = {assess.cell(r, column_index("critical") + 1).value for r in range(5, 30)}
    assert critical <= {"Yes", "No"}
    # the scale is on the first screen of Start, with the scoring rule above it
    labels = [start.cell(r, 1).value for r in range(1, 60)]
    assert labels.index(SCALE_HEADERS[0]) < 30
    assert SCORING_RULE in labels
    assert labels.index(SCALE_HEADERS[0]) < labels.index(PARTICIPANT_HEADERS[0])
    # the framework's provenance is shown when it has any
    notes = caf_ai().source
    assert notes is not None
    assert "About this framework" in labels
    # Floor, To target and High risks are explained on the Scorecard
    texts = {str(c.value) for row in card.iter_rows() for c in row if c.value}
    for name, meaning in legend(caf_ai()):
        assert name in texts
        assert meaning in texts
    # only input columns are yellow and unlocked; the colour key says what white and grey are
    row = ASSESS_HEADER_ROW + 2
    for column in ASSESS_COLUMNS:
        fill = assess.cell(row, column_index(column.key) + 1).fill.fgColor.rgb
        assert (fill == "FFFFF8DC") is (column.kind is Kind.INPUT), column.key


def test_aws_evidence_is_shown_beside_the_guidance(tmp_path: Path) -> None:
    fw = caf_ai()
    pid = fw.practice_ids()[0]
    practice = next(p for _, _, p in fw.practices() if p.id == pid)
    pointed = practice.model_copy(update={"aws_evidence": ["AWS Config rules", "KMS key policies"]})
    first = fw.perspectives[0]
    capability = first.capabilities[0]
    capability = capability.model_copy(update={"practices": [pointed, *capability.practices[1:]]})
    perspective = first.model_copy(update={"capabilities": [capability, *first.capabilities[1:]]})
    fw = fw.model_copy(update={"perspectives": [perspective, *fw.perspectives[1:]]})
    path = tmp_path / "aws.xlsx"
    write_capture(path, fw, assessment(fw))
    sheet = openpyxl.load_workbook(path)[SheetName.ASSESS]
    cell = sheet.cell(ASSESS_HEADER_ROW + 2, column_index("aws_evidence") + 1)
    assert cell.value == "AWS Config rules\nKMS key policies"
    assert sheet.cell(ASSESS_HEADER_ROW + 1, column_index("aws_evidence") + 1).value == (
        "On AWS, look at"
    )


def test_a_participants_role_error_names_the_role_cell(tmp_path: Path) -> None:
    fw = caf_ai()
    people = [Participant(name="Sam", role="x" * (MAX_CELL_TEXT + 1))]
    bad = assessment(fw).model_copy(update={"participants": people})
    with pytest.raises(OutputError) as caught:
        write_capture(tmp_path / "x.xlsx", fw, bad)
    match = re.search(r"Start!([A-Z]+)(\d+)", str(caught.value))
    assert match is not None
    assert match.group(1) == "B"  # the role's column, not the name's


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        *[(3, 3), (3.0, 3), ("3", 3), (" 3 ", 3), ("3.0", 3), ("3 - Defined", 3)],
        *[("3 Defined", 3), ("3  -  defined", 3), ("N/A", "N/A"), ("n/a", "N/A")],
        *[("NA", "N/A"), ("Not applicable", "N/A"), (" n/a ", "N/A")],
    ],
)
def test_the_formulas_count_what_the_import_reads(typed: object, level: object) -> None:
    scale = caf_ai().scale
    assert read_level(typed, scale) == level
    assert counted_level(typed) == level


def edit_levels(
    source: Path, target: Path, typed: dict[int, dict[str, str | float | dt.datetime]]
) -> Path:
    book = openpyxl.load_workbook(source)
    sheet = book[SheetName.ASSESS]
    for offset, values in typed.items():
        for key, value in values.items():
            cell = sheet.cell(ASSESS_HEADER_ROW + 2 + offset, column_index(key) + 1)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
    book.save(target)
    return target


def at(key: str, offset: int) -> str:
    return f"{SheetName.ASSESS}!{col(key)}{ASSESS_HEADER_ROW + 2 + offset}"


def test_slips_import_with_located_warnings(tmp_path: Path) -> None:
    fw = caf_ai()
    blank = tmp_path / "blank.xlsx"
    write_capture(blank, fw, assessment(fw))
    path = edit_levels(
        blank,
        tmp_path / "slips.xlsx",
        {
            0: {"target": 4},  # a level typed into Target
            1: {"level": 2, "due": 3},  # 3 typed into Due: 1900-01-03
            2: {"level": 2, "due": FAR},  # absurdly far
            3: {"level": "3-Defined"},  # imported as 3, not counted by the formulas
            4: {"level": "3 - Defined"},  # counted by both: no warning
            5: {"notes": "talked about it"},
        },
    )
    imported = import_workbook(path, Library())
    found = {(w.cell, w.code) for w in imported.warnings if w.severity is Severity.WARNING}
    assert (at("level", 0), Code.MISSING_KEY) in found
    assert (at("due", 1), Code.INVALID_VALUE) in found
    assert (at("due", 2), Code.INVALID_VALUE) in found
    assert (at("level", 3), Code.INVALID_VALUE) in found
    assert (at("level", 5), Code.MISSING_KEY) in found
    assert not any(cell == at("level", 4) for cell, _ in found)
    assert imported.assessment.answers[fw.practice_ids()[4]].level == 3


def test_a_blank_workbook_imports_with_a_warning(tmp_path: Path) -> None:
    fw = caf_ai()
    blank = tmp_path / "blank.xlsx"
    write_capture(blank, fw, assessment(fw))
    imported = import_workbook(blank, Library())
    assert [w.code for w in imported.warnings] == [Code.EMPTY]
    assert imported.warnings[0].cell == f"{SheetName.ASSESS}!A{ASSESS_HEADER_ROW + 1}"


def test_next_steps_lists_the_engines_actions(demo: Path) -> None:
    imported = import_workbook(demo / "capture-filled.xlsx", Library())
    card = score(imported.framework, imported.assessment)
    book = CalamineWorkbook.from_path(str(demo / "capture-filled.xlsx"))
    rows = book.get_sheet_by_name(SheetName.NEXT_STEPS).to_python()
    header = rows.index([name for name, _ in NEXT_STEPS_COLUMNS] + rows[3][9:])
    listed = [(r[1], r[7], r[8]) for r in rows[header + 1 :] if r[1]]
    expected = [(a.id, a.owner or "", a.due) for a in card.actions[: len(listed)]]
    assert len(listed) == 15
    assert [(i, o) for i, o, _ in listed] == [(i, o) for i, o, _ in expected]
    assert [d for _, _, d in listed] == [d for _, _, d in expected]


def test_the_demos_workbooks_read_as_numbers_in_calamine(demo: Path) -> None:
    for name, answered in (("capture-filled.xlsx", True), ("capture-blank.xlsx", False)):
        book = CalamineWorkbook.from_path(str(demo / name))
        rows = book.get_sheet_by_name(SheetName.SCORECARD).to_python()
        overall = next(r for r in rows if r[0] == "Overall")
        figures = dict(zip(rows[3], overall, strict=False))
        assert isinstance(figures["Applicable"], float), name
        assert figures["Applicable"] > 0, name
        if answered:
            for key in ("Score", "Target", "Floor", "Coverage", "To target", "Answered"):
                assert isinstance(figures[key], float), (name, key)
        else:
            assert figures["Answered"] == 0, name
