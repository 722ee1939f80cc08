"""The one way caf writes a sheet: addresses computed, styles from a closed set, safe text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import openpyxl
import pytest

from caf.errors import OutputError
from caf.scoring.scorecard import Risk
from caf.xlsx.book import RISK_STYLES, Book, PageSetup, Style, page_text
from caf.xlsx.text import MAX_CELL_TEXT

if TYPE_CHECKING:
    from pathlib import Path


def test_every_style_has_a_format_and_every_risk_a_colour(tmp_path: Path) -> None:
    book = Book(tmp_path / "x.xlsx", "t")
    for style in Style:
        assert book.format(style) is book.format(style)  # made once, then reused
    assert set(RISK_STYLES) == set(Risk) - {Risk.NOT_APPLICABLE}
    book.close()


def test_errors_name_the_cell_written(tmp_path: Path) -> None:
    book = Book(tmp_path / "x.xlsx", "t")
    sheet = book.sheet("People")
    assert sheet.where(11, 1) == "People!B12"
    with pytest.raises(OutputError, match=r"People!AB3\b"):
        sheet.text(2, 27, "x" * (MAX_CELL_TEXT + 1), Style.FACT)
    book.close()


def test_cells_formulas_names_and_print_setup(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    book = Book(path, "t")
    sheet = book.sheet("Data")
    sheet.texts(0, 0, ["=1+1", "plain"], Style.HEADER)
    sheet.number(1, 0, 2.5, Style.NUMBER)
    sheet.formula(1, 1, "=A2*2", 5.0, Style.FORMULA_NUMBER)
    book.define_name("caf_values", sheet, (1, 0), (1, 1))
    sheet.print_setup(PageSetup(f"&L{page_text('R&D')}", repeat_rows=(0, 0)))
    book.close()
    written = openpyxl.load_workbook(path)
    data = written["Data"]
    assert data["A1"].value == "=1+1"
    assert data["A1"].data_type == "s"  # text, never a formula
    assert data["B2"].value == "=A2*2"
    assert written.defined_names["caf_values"].attr_text == "Data!$A$2:$B$2"
    assert data.page_setup.orientation == "landscape"
    assert data.oddHeader is not None
    assert data.oddHeader.left.text == "R&&D"
    values = openpyxl.load_workbook(path, data_only=True)["Data"]
    assert values["B2"].value == 5


def test_page_text_never_cuts_a_doubled_ampersand_in_half() -> None:
    assert page_text("R&D", 80) == "R&&D"
    assert page_text("ab&cd", 3) == "ab"
    assert page_text("ab&cd", 4) == "ab&&"
    assert len(page_text("&" * 300, 200)) == 200
