"""Importing filled workbooks: lenient where people are, located errors, hostile files refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING

import openpyxl
import pytest
from click.testing import CliRunner

from caf.cli.main import main
from caf.errors import Code, InvalidInputError, Severity
from caf.models.assessment import Answer, Assessment, FrameworkRef, Round, Subject
from caf.validation.library import Library
from caf.xlsx.archive import check_workbook_file
from caf.xlsx.capture.cells import CellError, read_date, read_level, read_lines
from caf.xlsx.capture.layout import ASSESS_HEADER_ROW, col, column_index
from caf.xlsx.capture.reader import import_workbook
from caf.xlsx.capture.writer import write_capture

if TYPE_CHECKING:
    from pathlib import Path

    from caf.models.framework import Framework


def starter() -> Framework:
    return Library().framework("starter")


def blank_assessment() -> Assessment:
    fw = starter()
    return Assessment(
        framework=FrameworkRef(id=fw.id, version=fw.version),
        subject=Subject(name="Payments"),
        round=Round(label="2026-Q4"),
    )


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "capture.xlsx"
    write_capture(path, starter(), blank_assessment())
    return path


def at(key: str, offset: int) -> str:
    """The address of a practice row's cell (0-based row offset under the header)."""
    return f"Assess!{col(key)}{ASSESS_HEADER_ROW + 2 + offset}"


def edit(
    path: Path, target: Path, cells: dict[tuple[str, int, str], str | int | float | None]
) -> Path:
    """Type values into (sheet, practice row offset, column key) cells and save a copy."""
    book = openpyxl.load_workbook(path)
    for (sheet, offset, key), value in cells.items():
        cell = book[sheet].cell(ASSESS_HEADER_ROW + 2 + offset, column_index(key) + 1)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    book.save(target)
    return target


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3),
        (3.0, 3),
        ("3", 3),
        ("3.0", 3),
        ("3 - Defined", 3),
        ("3 Defined", 3),
        (" 4 \u2013 measured ", 4),
        ("N/A", "N/A"),
        ("n/a", "N/A"),
        ("NA", "N/A"),
        ("not applicable", "N/A"),
        (None, None),
        ("  ", None),
    ],
)
def test_level_spellings(value: object, expected: object) -> None:
    assert read_level(value, starter().scale) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (7, "level 7 is not on the scale 0\u20135"),
        (2.5, "not a whole level"),
        ("three", "is not a level"),
        ("3 - Measured", "called 'Defined'"),
        (True, "not a level"),
    ],
)
def test_level_errors(value: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        read_level(value, starter().scale)


def test_dates_and_lines() -> None:
    assert read_date(dt.datetime.combine(dt.date(2026, 12, 31), dt.time())) == dt.date(2026, 12, 31)
    assert read_date("2026-12-31") == dt.date(2026, 12, 31)
    assert read_date(46022) == dt.date(2025, 12, 31)
    with pytest.raises(CellError, match="2026-12-31"):
        read_date("next Tuesday")
    assert read_lines("a\r\nb\n\nc") == ["a", "b", "c"]


def test_every_problem_is_located_and_nothing_is_returned(blank: Path, tmp_path: Path) -> None:
    path = edit(
        blank,
        tmp_path / "bad.xlsx",
        {
            ("Assess", 0, "level"): 7,
            ("Assess", 1, "level"): "three",
            ("Assess", 2, "target"): "N/A",
            ("Assess", 3, "due"): "soon",
            ("Assess", 4, "level"): "N/A",
            ("Assess", 5, "id"): "GOV.POL.99",
            ("Assess", 6, "id"): "GOV.POL.01",
        },
    )
    with pytest.raises(InvalidInputError) as caught:
        import_workbook(path, Library())
    found = {(i.cell, i.code, i.severity) for i in caught.value.issues}
    assert (at("level", 0), Code.LEVEL_OFF_SCALE, Severity.ERROR) in found
    assert (at("level", 1), Code.LEVEL_OFF_SCALE, Severity.ERROR) in found
    assert (at("target", 2), Code.LEVEL_OFF_SCALE, Severity.ERROR) in found
    assert (at("due", 3), Code.WRONG_TYPE, Severity.ERROR) in found
    assert (at("na_reason", 4), Code.NA_WITHOUT_REASON, Severity.WARNING) in found
    assert ("Assess!A10", Code.UNKNOWN_PRACTICE, Severity.ERROR) in found
    assert ("Assess!A11", Code.DUPLICATE_ID, Severity.ERROR) in found
    assert any(i.code is Code.MISSING_PRACTICE for i in caught.value.issues)
    level = next(i for i in caught.value.issues if i.cell == at("level", 0))
    assert str(level).endswith(
        f"{at('level', 0)}: error [level-off-scale] level 7 is not on the scale 0\u20135"
    )


def test_sorted_and_moved_columns_import_the_same(blank: Path, tmp_path: Path) -> None:
    filled = edit(
        blank,
        tmp_path / "filled.xlsx",
        {
            ("Assess", 0, "level"): 2,
            ("Assess", 1, "level"): "4 - Measured",
            ("Assess", 2, "level"): "n/a",
            ("Assess", 2, "na_reason"): "vendor runs it",
            ("Assess", 3, "notes"): "said so",
        },
    )
    expected = import_workbook(filled, Library()).assessment
    book = openpyxl.load_workbook(filled)
    sheet = book["Assess"]
    first = ASSESS_HEADER_ROW + 2
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=first)]
    rows.reverse()  # sort the table descending
    for offset, values in enumerate(rows):
        for index, value in enumerate(values, start=1):
            sheet.cell(first + offset, index).value = value
    sheet.insert_cols(2, 2)  # and put two new columns in front
    sheet.cell(ASSESS_HEADER_ROW + 1, 2).value = "My own column"
    moved = tmp_path / "moved.xlsx"
    book.save(moved)
    assert import_workbook(moved, Library()).assessment.answers == expected.answers
    assert expected.answers["GOV.POL.02"] == Answer(level=4)


def test_digest_mismatch_needs_allow_mapping(blank: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(blank)
    book["_caf"]["B4"].value = "sha256:" + "0" * 64
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    with pytest.raises(InvalidInputError) as caught:
        import_workbook(changed, Library())
    assert caught.value.issues[0].code is Code.DIGEST_MISMATCH
    assert "--allow-mapping" in caught.value.issues[0].message
    imported = import_workbook(changed, Library(), allow_mapping=True)
    assert imported.warnings[0].code is Code.DIGEST_MISMATCH


def test_the_input_is_never_modified(blank: Path) -> None:
    before = blank.read_bytes(), blank.stat().st_mtime_ns
    import_workbook(blank, Library())
    assert (blank.read_bytes(), blank.stat().st_mtime_ns) == before


def test_cli_writes_nothing_on_error(blank: Path, tmp_path: Path) -> None:
    bad = edit(blank, tmp_path / "bad.xlsx", {("Assess", 0, "level"): 9})
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["import", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert at("level", 0) in result.stderr
    assert not out.exists()
    result = CliRunner().invoke(main, ["import", str(bad), "-o", str(bad)])
    assert result.exit_code == 2  # refusing to overwrite an input is a usage error
    assert "input" in result.stderr


def test_cli_round_trip(tmp_path: Path) -> None:
    runner = CliRunner()
    workbook = tmp_path / "w.xlsx"
    result = runner.invoke(
        main,
        [
            "workbook",
            "starter",
            "--subject",
            "Payments",
            "--round",
            "2026-Q4",
            "--date",
            "2026-11-30",
            "-o",
            str(workbook),
        ],
    )
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "a.yaml"
    result = runner.invoke(main, ["import", str(workbook), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(main, ["validate", str(out)])
    assert result.exit_code == 0, result.stderr
    again = tmp_path / "again.xlsx"
    result = runner.invoke(main, ["workbook", "starter", "--from", str(out), "-o", str(again)])
    assert result.exit_code == 0, result.stderr


# ---------------------------------------------------------------- files that are not workbooks


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old-style .xls"),
        (b"ID,Level\nGOV.POL.01,3\n", "not an xlsx workbook"),
        (b"", "not an xlsx workbook"),
        (b"PK\x03\x04 truncated", "damaged"),
        (
            zipped(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": b"<x/>",
                }
            ),
            "OpenDocument",
        ),
        (zipped({"word/document.xml": b"<x/>"}), "not an Excel workbook"),
        (
            zipped({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * (64 << 20)}),
            "zip bomb",
        ),
    ],
)
def test_files_that_are_not_workbooks(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    issues = check_workbook_file(path)
    assert issues
    assert message in issues[0].message
    with pytest.raises(InvalidInputError):
        import_workbook(path, Library())


def test_damaged_and_hostile_xml_gets_a_clear_error(blank: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(blank) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<sst>&lol2;</sst>"
    )
    for name, data in (("xl/sharedStrings.xml", laughs), ("xl/workbook.xml", b"<not-closed")):
        broken = tmp_path / f"{name.replace('/', '_')}.xlsx"
        broken.write_bytes(zipped({**members, name: data}))
        with pytest.raises(InvalidInputError) as caught:
            import_workbook(broken, Library())
        assert "cannot be read" in caught.value.issues[0].message


def test_not_a_caf_workbook(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "ID"
    book.save(path)
    with pytest.raises(InvalidInputError) as caught:
        import_workbook(path, Library())
    assert "not a caf capture workbook" in caught.value.issues[0].message


def test_missing_file_message(tmp_path: Path) -> None:
    assert "no such file" in check_workbook_file(tmp_path / "nope.xlsx")[0].message
