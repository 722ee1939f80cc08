"""The capture workbook: its layout, no formula injection, and nothing that makes Excel repair."""

from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from helpers import FORMULA_PAYLOADS, libreoffice_convert

from caf.errors import OutputError
from caf.models.assessment import Answer, Assessment, FrameworkRef, Participant, Round, Subject
from caf.validation.library import Library
from caf.xlsx.capture.layout import (
    ASSESS_COLUMNS,
    ASSESS_HEADER_ROW,
    Kind,
    SheetName,
    col,
    column_index,
)
from caf.xlsx.capture.writer import write_capture
from caf.xlsx.text import MAX_CELL_TEXT

if TYPE_CHECKING:
    from pathlib import Path

    from caf.models.framework import Framework

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
PAYLOADS = [*FORMULA_PAYLOADS, "=1+1"]


def framework() -> Framework:
    return Library().framework("caf-ai")


def hostile(fw: Framework) -> Assessment:
    """Every user-controlled text field filled with formula payloads and markup."""
    ids = fw.practice_ids()
    answers = {}
    for index, payload in enumerate(PAYLOADS):
        answers[ids[index]] = Answer(
            level=2,
            notes=payload,
            owner=payload,
            na_reason=payload,
            evidence=[payload.strip() or "x", "<script>alert(1)</script>"],
        )
    return Assessment(
        framework=FrameworkRef(id=fw.id, version=fw.version),
        subject=Subject(
            name=PAYLOADS[0], scope=PAYLOADS[1], business_unit=PAYLOADS[2], tags=["=tag"]
        ),
        round=Round(label=PAYLOADS[3]),
        facilitator=PAYLOADS[4],
        participants=[Participant(name=p, role=p) for p in PAYLOADS],
        answers=answers,
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("capture") / "capture.xlsx"
    fw = framework()
    hostile_fw = fw.model_copy(update={"title": '=HYPERLINK("http://evil","click") & <b>'})
    write_capture(path, hostile_fw, hostile(fw))
    return path


def test_sheets_and_layout(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == ["Start", "Assess", "Rubric", "Scorecard", "Next steps", "_caf"]
    assert book["_caf"].sheet_state == "veryHidden"
    assess = book["Assess"]
    headers = [c.value for c in assess[ASSESS_HEADER_ROW + 1]]
    assert headers == [c.header for c in ASSESS_COLUMNS]
    assert assess.max_row - (ASSESS_HEADER_ROW + 1) == len(framework().practice_ids())
    # dropdowns for level and target
    formulas = [dv.formula1 for dv in assess.data_validations.dataValidation]
    assert '"0,1,2,3,4,5,N/A"' in formulas
    assert '"0,1,2,3,4,5"' in formulas
    # the other sheets are protected without a password; Assess is left open so that Excel
    # sorts and filters it, and typing into its non-input columns is refused by a validation
    for name in ("Start", "Rubric", "Scorecard", "Next steps"):
        assert book[name].protection.sheet
        assert not book[name].protection.password
    assert not assess.protection.sheet
    row = ASSESS_HEADER_ROW + 2
    guarded = {
        str(dv.sqref).split(":")[0].rstrip("0123456789")
        for dv in assess.data_validations.dataValidation
        if dv.type == "custom" and dv.formula1 == "FALSE"
    }
    for column in ASSESS_COLUMNS:
        is_input = column.kind is Kind.INPUT
        assert (col(column.key) in guarded) is not is_input, column.key
        cell = assess.cell(row, column_index(column.key) + 1)
        assert cell.protection.locked is not is_input, column.key
    # print set-up
    assert assess.page_setup.orientation == "landscape"
    assert assess.sheet_properties.pageSetUpPr is not None
    assert assess.sheet_properties.pageSetUpPr.fitToPage  # fit to one page wide (the default
    assert assess.page_setup.fitToHeight == 0  # width of 1), as many pages tall as needed
    assert assess.print_title_rows == f"${ASSESS_HEADER_ROW + 1}:${ASSESS_HEADER_ROW + 1}"
    # the table, the formulas, the chart
    assert list(assess.tables) == ["caf_assess"]
    meaning = assess.cell(row, column_index("meaning") + 1).value
    assert isinstance(meaning, str)
    assert meaning.startswith("=IF(ISNUMBER(")
    assert "[" not in meaning  # no structured references
    with zipfile.ZipFile(written) as archive:
        assert any(name.startswith("xl/charts/chart") for name in archive.namelist())
        chart = archive.read("xl/charts/chart1.xml").decode()
        assert "<c:radarChart>" in chart


def test_no_user_text_becomes_a_formula(written: Path) -> None:
    """Every payload is stored as a string, never in an <f> element; editing keeps it text."""
    book = openpyxl.load_workbook(written)
    found = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert not any(
                        p.strip() in str(cell.value)
                        for p in PAYLOADS
                        if p.strip() not in {"=1+1", "-1+1"}
                    ), cell.coordinate
                    continue
                if isinstance(cell.value, str) and cell.value in PAYLOADS:
                    found += 1
                    assert cell.data_type == "s"
                    assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
    assert found >= 20
    with zipfile.ZipFile(written) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode()
                formulas = re.findall(r"<f[^>]*>(.*?)</f>", xml)
                assert not any("HYPERLINK" in f or "cmd|" in f or "SUM(1)" in f for f in formulas)


def _texts(archive: zipfile.ZipFile) -> list[str]:
    out = []
    if "xl/sharedStrings.xml" in archive.namelist():
        root = ET.fromstring(archive.read("xl/sharedStrings.xml"))  # noqa: S314 - our own output
        out += ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root]
    return out


def test_nothing_excel_would_repair(written: Path) -> None:
    with zipfile.ZipFile(written) as archive:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314 - our own output
        sheets = [s.get("name") or "" for s in workbook.iter(f"{{{NS['m']}}}sheet")]
        assert all(0 < len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in sheets)
        for defined in workbook.iter(f"{{{NS['m']}}}definedName"):
            name = defined.get("name") or ""
            if name.startswith("_xlnm."):
                continue
            assert re.fullmatch(r"[A-Za-z_\\][A-Za-z0-9_.]{0,254}", name), name
            assert not re.fullmatch(r"[A-Za-z]{1,3}\d+", name), name  # not a cell reference
            assert not re.fullmatch(r"[RrCc]\d*", name), name
        tables = [n for n in archive.namelist() if n.startswith("xl/tables/")]
        assert tables
        book = openpyxl.load_workbook(written)
        for name in tables:
            table = ET.fromstring(archive.read(name))  # noqa: S314 - our own output
            ref = table.get("ref") or ""
            columns = [c.get("name") for c in table.iter(f"{{{NS['m']}}}tableColumn")]
            sheet = book["Assess"]
            first = ref.split(":")[0]
            header_row = int(re.sub(r"[A-Z]", "", first))
            headers = [c.value for c in sheet[header_row]][: len(columns)]
            assert columns == headers
            assert table.get("displayName") == table.get("name")
        for sheet_name in [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]:
            sheet_xml = ET.fromstring(archive.read(sheet_name))  # noqa: S314 - our own output
            for validation in sheet_xml.iter(f"{{{NS['m']}}}dataValidation"):
                formula = validation.find("m:formula1", NS)
                if formula is not None and (formula.text or "").startswith('"'):
                    assert len(formula.text or "") <= 257  # 255 characters plus the quotes
        assert all(len(text) <= MAX_CELL_TEXT for text in _texts(archive))


def test_limits_are_checked_before_saving(tmp_path: Path) -> None:
    fw = framework()
    too_long = Answer(level=1, notes="x" * (MAX_CELL_TEXT + 1))
    assessment = hostile(fw).model_copy(update={"answers": {fw.practice_ids()[0]: too_long}})
    target = tmp_path / "out.xlsx"
    with pytest.raises(OutputError, match=rf"Assess!{col('notes')}5.*32,767"):
        write_capture(target, fw, assessment)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no half-written file left behind


def test_evidence_items_with_line_breaks_are_refused(tmp_path: Path) -> None:
    fw = framework()
    answer = Answer(level=1, evidence=["one\ntwo"])
    assessment = hostile(fw).model_copy(update={"answers": {fw.practice_ids()[0]: answer}})
    with pytest.raises(OutputError, match="line break"):
        write_capture(tmp_path / "out.xlsx", fw, assessment)


@pytest.mark.slow
def test_libreoffice_opens_it_and_keeps_every_sheet(written: Path, tmp_path: Path) -> None:
    (converted,) = libreoffice_convert([written], tmp_path)
    book = openpyxl.load_workbook(converted, read_only=True)
    assert book.sheetnames[:4] == ["Start", "Assess", "Rubric", "Scorecard"]
    assert SheetName.META in book.sheetnames
