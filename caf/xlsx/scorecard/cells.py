"""Writing the scorecard's cells: one function per kind of value, rows written in order.

The scorecard workbook is written with XlsxWriter's ``constant_memory`` (each row is flushed
to disk as the next begins), so every sheet is written top to bottom, row by row. Text goes
through :meth:`caf.xlsx.book.Book.text` (text stays text; Excel's limits checked).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import xlsxwriter

from caf import __version__
from caf.render.scorecard_view import Shown
from caf.xlsx.book import Book

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from xlsxwriter.worksheet import Worksheet

Kind = str
"""How a column is written: ``text``, ``score``, ``percent``, ``count``, ``number``,
``date``, ``bool`` or ``auto`` (by the value's type)."""


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a sheet: its header, how its values are written, and its width."""

    header: str
    """The header text."""

    kind: Kind = "text"
    """How values are written."""

    width: float = 14
    """Column width in characters."""


class ScorecardBook(Book):
    """caf's :class:`Book`, writing in ``constant_memory`` mode (rows flushed as they go)."""

    def __init__(self, path: Path, title: str) -> None:
        """Start the workbook at ``path`` (a temporary file the caller renames)."""
        super().__init__(path, title)
        # Book's own options, plus constant memory: the Data sheet may hold millions of cells.
        self.workbook = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "constant_memory": True,
            },
        )
        self.workbook.set_properties(
            {"title": title[:255], "comments": f"Written by caf {__version__}"}
        )
        self._formats.clear()

    def cell(
        self, sheet: Worksheet, row: int, col: int, value: object, kind: Kind, where: str
    ) -> None:
        """Write one value the way its column says."""
        if isinstance(value, Shown):
            value = value.value
        if value is None or value == "":
            sheet.write_blank(row, col, None, self.format("fact"))
            return
        if kind == "auto":
            kind = _kind_of(value)
        if kind == "text" or isinstance(value, str):
            self.text(sheet, row, col, str(value), "fact", where)
        elif kind == "date" and isinstance(value, dt.date):
            self.date(sheet, row, col, value, "date")
        elif kind == "bool" or isinstance(value, bool):
            sheet.write_boolean(row, col, bool(value), self.format("number"))
        else:
            style = {"score": "score", "percent": "percent", "count": "count"}.get(kind, "number")
            sheet.write_number(row, col, value, self.format(style))

    def header(self, sheet: Worksheet, row: int, columns: Sequence[Column]) -> None:
        """The header row, column widths, and frozen panes below it."""
        for col, column in enumerate(columns):
            sheet.set_column(col, col, column.width)
        for col, column in enumerate(columns):
            self.text(sheet, row, col, column.header, "header", f"{sheet.name} header")
        sheet.freeze_panes(row + 1, 0)

    def rows(
        self,
        sheet: Worksheet,
        first: int,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
    ) -> int:
        """Write the rows from row ``first``; return the row after the last."""
        row = first
        for values in rows:
            for col, (column, value) in enumerate(zip(columns, values, strict=True)):
                self.cell(sheet, row, col, value, column.kind, f"{sheet.name}!R{row + 1}C{col + 1}")
            row += 1
        return row

    def listing(
        self,
        name: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
        header: str,
    ) -> tuple[Worksheet, int]:
        """A sheet with a title line, a header, rows, filters and a readable print setup."""
        sheet = self.workbook.add_worksheet(name)
        self.text(sheet, 0, 0, name, "title", name)
        self.header(sheet, 1, columns)
        end = self.rows(sheet, 2, columns, rows)
        sheet.autofilter(1, 0, max(end - 1, 1), len(columns) - 1)
        self.print_setup(sheet, header)
        return sheet, end

    @staticmethod
    def print_setup(sheet: Worksheet, header: str) -> None:
        """Landscape, fit to the page width, header rows repeated, subject in the header."""
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(1)
        # Page headers have their own codes (&L, &P…); a literal & is written &&.
        # Excel allows 255 characters: 100 doubled at most, and the page number.
        sheet.set_header("&L" + header[:100].replace("&", "&&") + "&RPage &P of &N")


def _kind_of(value: object) -> Kind:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "text"
