"""caf's XlsxWriter workbooks: one closed set of styles, and sheets that write cells safely.

:class:`Book` owns the file and its formats; :meth:`Book.sheet` adds a :class:`Sheet`, which is
the one way caf writes a cell. A sheet computes every cell's address itself (``Start!B12``), so
the location in an error message is always the cell written. Every string goes through
:meth:`Sheet.text`, which stores it as text (never a formula), adds the quote prefix where
editing could turn it into one, escapes what XML cannot carry and checks Excel's cell limit.
XlsxWriter's own conversions of strings to formulas, numbers and links are switched off as
well, so a slip elsewhere cannot reintroduce them. Nothing here is specific to one workbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from caf import __version__
from caf.scoring.scorecard import Risk
from caf.xlsx.text import MAX_CELL_TEXT, check_length, check_storable, looks_like_formula

if TYPE_CHECKING:
    from pathlib import Path

    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
"""How dates are shown: ISO, unambiguous in every locale."""

A4 = 9
"""XlsxWriter's paper code for A4."""


class Style(StrEnum):
    """The closed set of cell styles caf writes with."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    LABEL = "label"
    HEADER = "header"
    FACT = "fact"
    """Copied from the framework; white."""
    NOTE = "note"
    """Secondary text: smaller and grey, still readable."""
    INPUT = "input"
    """Typed by people; yellow, unlocked."""
    INPUT_DATE = "input_date"
    INPUT_NUMBER = "input_number"
    FORMULA = "formula"
    """Computed text; grey."""
    FORMULA_NUMBER = "formula_number"
    """Computed number; grey."""
    FORMULA_DATE = "formula_date"
    """Computed date; grey."""
    NUMBER = "number"
    SCORE = "score"
    SCORE_BOLD = "score_bold"
    PERCENT = "percent"
    COUNT = "count"
    ROW_BOLD = "row_bold"
    PLAIN = "plain"
    DATE = "date"
    RISK_HIGH = "risk_high"
    RISK_MEDIUM = "risk_medium"
    RISK_NONE = "risk_none"
    RISK_UNASSESSED = "risk_unassessed"


_THIN = {"border": 1, "border_color": "#D9D9D9"}
_INPUT = {"valign": "top", "locked": False, "bg_color": "#FFF8DC", "border": 1}
_GREY = {"valign": "top", "bg_color": "#F2F2F2", **_THIN}

_STYLES: dict[Style, dict[str, Any]] = {
    Style.TITLE: {"bold": True, "font_size": 15},
    Style.SUBTITLE: {"italic": True, "font_color": "#555555"},
    Style.LABEL: {"bold": True, "valign": "top"},
    Style.HEADER: {
        "bold": True,
        "bg_color": "#1F4E79",
        "font_color": "#FFFFFF",
        "text_wrap": True,
        "valign": "top",
        "border": 1,
    },
    Style.FACT: {"valign": "top", "text_wrap": True, **_THIN},
    Style.NOTE: {"valign": "top", "text_wrap": True, "font_size": 9, "font_color": "#595959"},
    Style.INPUT: {**_INPUT, "text_wrap": True, "border_color": "#BFBFBF"},
    Style.INPUT_DATE: {**_INPUT, "num_format": DATE_FORMAT, "border_color": "#BFBFBF"},
    Style.INPUT_NUMBER: {**_INPUT, "align": "center", "border_color": "#BFBFBF"},
    Style.FORMULA: {**_GREY, "text_wrap": True},
    Style.FORMULA_NUMBER: {**_GREY, "align": "center"},
    Style.FORMULA_DATE: {**_GREY, "num_format": DATE_FORMAT, "align": "left"},
    Style.NUMBER: {"valign": "top", "align": "center", **_THIN},
    Style.SCORE: {"num_format": "0.0", "align": "center", **_THIN},
    Style.SCORE_BOLD: {"num_format": "0.0", "align": "center", "bold": True, **_THIN},
    Style.PERCENT: {"num_format": "0%", "align": "center", **_THIN},
    Style.COUNT: {"num_format": "0", "align": "center", **_THIN},
    Style.ROW_BOLD: {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, **_THIN},
    Style.PLAIN: {"valign": "top", "text_wrap": True},
    Style.DATE: {"num_format": DATE_FORMAT, "align": "left"},
    Style.RISK_HIGH: {"bg_color": "#F8CBAD", "font_color": "#9C0006"},
    Style.RISK_MEDIUM: {"bg_color": "#FFE699", "font_color": "#7F6000"},
    Style.RISK_NONE: {"bg_color": "#C6EFCE", "font_color": "#006100"},
    Style.RISK_UNASSESSED: {"font_color": "#7F7F7F"},
}

RISK_STYLES: dict[Risk, Style] = {
    Risk.HIGH: Style.RISK_HIGH,
    Risk.MEDIUM: Style.RISK_MEDIUM,
    Risk.NONE: Style.RISK_NONE,
    Risk.UNASSESSED: Style.RISK_UNASSESSED,
}
"""How each risk rating is coloured (N/A stays plain)."""


def page_text(text: str, limit: int = 80) -> str:
    """Text for a page header or footer: ``&`` is a control character there; length is limited.

    Excel allows 255 characters in a whole header, so each part is cut to ``limit``; a cut
    through a doubled ``&`` would leave a control character, so it is cut before it instead.
    """
    escaped = text.replace("&", "&&")[:limit]
    if (len(escaped) - len(escaped.rstrip("&"))) % 2:
        escaped = escaped[:-1]
    return escaped


@dataclass(frozen=True)
class PageSetup:
    """How a sheet prints: landscape A4, fitted to the page width, with a header and footer."""

    header: str
    """Header text, already made safe with :func:`page_text` (XlsxWriter codes such as ``&A``
    for the sheet name are allowed)."""
    footer: str = "&LWritten by caf&RPage &P of &N"
    """Footer text: by default the page number out of the page count."""
    repeat_rows: tuple[int, int] | None = None
    """0-based first and last rows printed at the top of every page."""
    print_area: tuple[int, int, int, int] | None = None
    """0-based first row, first column, last row, last column printed; None prints what is used."""


class Sheet:
    """One worksheet being written; every write knows its own address."""

    def __init__(self, book: Book, name: str) -> None:
        """Add the worksheet ``name`` to ``book`` (use :meth:`Book.sheet`)."""
        self.book = book
        self.name = name
        self.worksheet: Worksheet = book.workbook.add_worksheet(name)

    def where(self, row: int, col: int) -> str:
        """The address of a cell (0-based row and column) as messages show it: ``Start!B12``."""
        return f"{self.name}!{xl_rowcol_to_cell(row, col)}"

    def text(self, row: int, col: int, value: str | None, style: Style) -> None:
        """Write text as text; an empty value leaves a formatted blank cell.

        Raises:
            OutputError: the text breaks a spreadsheet limit (the message names the cell).
        """
        if value is None or value == "":
            self.blank(row, col, style)
            return
        if len(value) > MAX_CELL_TEXT or "_x" in value:  # the address only when it may be needed
            where = self.where(row, col)
            check_length(value, where)
            check_storable(value, where)
        # XlsxWriter escapes what XML cannot carry; the text goes in exactly as it is.
        self.worksheet.write_string(
            row, col, value, self.book.format(style, quoted=looks_like_formula(value))
        )

    def texts(self, row: int, col: int, values: list[str], style: Style) -> None:
        """Write texts left to right from a cell (a header row, for example)."""
        for offset, value in enumerate(values):
            self.text(row, col + offset, value, style)

    def number(self, row: int, col: int, value: float | None, style: Style) -> None:
        """Write a number (or a formatted blank)."""
        if value is None:
            self.blank(row, col, style)
        else:
            self.worksheet.write_number(row, col, value, self.book.format(style))

    def date(self, row: int, col: int, value: dt.date | None, style: Style) -> None:
        """Write a date (or a formatted blank)."""
        if value is None:
            self.blank(row, col, style)
        else:
            day = dt.datetime.combine(value, dt.time())
            self.worksheet.write_datetime(row, col, day, self.book.format(style))

    def blank(self, row: int, col: int, style: Style | None) -> None:
        """Write a blank cell with a style."""
        self.worksheet.write_blank(
            row, col, None, None if style is None else self.book.format(style)
        )

    def formula(
        self, row: int, col: int, formula: str, value: object, style: Style | None = None
    ) -> None:
        """Write a formula with the value it computes, so files carry results before recalculation.

        A formula with a conditional ``MIN(IF(`` is written as an array formula, which every
        spreadsheet program evaluates element by element.
        """
        cached = "" if value is None else value
        fmt = None if style is None else self.book.format(style)
        if "MIN(IF(" in formula:
            self.worksheet.write_array_formula(row, col, row, col, f"{{{formula}}}", fmt, cached)
        else:
            self.worksheet.write_formula(row, col, formula, fmt, cached)

    def risk_colours(self, first: int, last: int, col: int) -> None:
        """Colour the risk ratings written in rows ``first`` to ``last`` of column ``col``."""
        for value, style in RISK_STYLES.items():
            self.worksheet.conditional_format(
                first,
                col,
                last,
                col,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": f'"{value}"',
                    "format": self.book.format(style),
                },
            )

    def print_setup(self, setup: PageSetup) -> None:
        """Make the sheet print readably on A4 (see :class:`PageSetup`)."""
        ws = self.worksheet
        ws.set_paper(A4)
        ws.set_landscape()
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.fit_to_pages(1, 0)
        ws.set_header(setup.header, {"margin": 0.25})
        ws.set_footer(setup.footer, {"margin": 0.25})
        if setup.repeat_rows is not None:
            ws.repeat_rows(*setup.repeat_rows)
        if setup.print_area is not None:
            ws.print_area(*setup.print_area)


class Book:
    """A workbook being written, with caf's formats."""

    def __init__(self, path: Path, title: str, *, constant_memory: bool = False) -> None:
        """Start a workbook at ``path`` (a temporary file; the caller renames it).

        ``constant_memory`` flushes each row to disk as the next begins, so a sheet of millions
        of cells stays small in memory; every sheet must then be written top to bottom.
        """
        self.workbook = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "constant_memory": constant_memory,
            },
        )
        self.workbook.set_properties(
            {"title": title[:255], "comments": f"Written by caf {__version__}"}
        )
        self._formats: dict[tuple[Style, bool], Format] = {}

    def sheet(self, name: str) -> Sheet:
        r"""Add a worksheet (at most 31 characters, no ``[]:*?/\\``)."""
        return Sheet(self, name)

    def format(self, style: Style, *, quoted: bool = False) -> Format:
        """The format of a style; ``quoted`` adds Excel's quote prefix (text stays text)."""
        key = (style, quoted)
        if key not in self._formats:
            properties = dict(_STYLES[style])
            if quoted:
                properties["quote_prefix"] = True
            self._formats[key] = self.workbook.add_format(properties)
        return self._formats[key]

    def define_name(
        self, name: str, sheet: Sheet, first: tuple[int, int], last: tuple[int, int]
    ) -> None:
        """Define a workbook name over a range of ``sheet`` (0-based corners, absolute)."""
        start = xl_rowcol_to_cell(*first, row_abs=True, col_abs=True)
        end = xl_rowcol_to_cell(*last, row_abs=True, col_abs=True)
        self.workbook.define_name(name, f"={sheet.name}!{start}:{end}")

    def close(self) -> None:
        """Finish the file."""
        self.workbook.close()
