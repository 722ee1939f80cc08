"""Writing the scorecard's cells: one function per kind of value, rows written in order.

The scorecard workbook is written with XlsxWriter's ``constant_memory`` (each row is flushed
to disk as the next begins), so every sheet is written top to bottom, row by row. Text goes
through :meth:`caf.xlsx.book.Sheet.text` (text stays text; Excel's limits checked).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from caf.render.scorecard_view import Shown
from caf.xlsx.book import A4, Book, Sheet, Style, page_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path


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
        # Constant memory: the Data sheet may hold millions of cells.
        super().__init__(path, title, constant_memory=True)

    def cell(self, sheet: Sheet, row: int, col: int, value: object, kind: Kind) -> None:
        """Write one value the way its column says."""
        if isinstance(value, Shown):
            value = value.value
        if value is None or value == "":
            sheet.blank(row, col, Style.FACT)
            return
        if kind == "auto":
            kind = _kind_of(value)
        if kind == "text" or isinstance(value, str):
            sheet.text(row, col, str(value), Style.FACT)
        elif kind == "date" and isinstance(value, dt.date):
            sheet.date(row, col, value, Style.DATE)
        elif kind == "bool" or isinstance(value, bool):
            sheet.worksheet.write_boolean(row, col, bool(value), self.format(Style.NUMBER))
        elif isinstance(value, int | float):
            sheet.number(row, col, value, _NUMBER_STYLES.get(kind, Style.NUMBER))
        else:
            sheet.text(row, col, str(value), Style.FACT)

    def header(self, sheet: Sheet, row: int, columns: Sequence[Column]) -> None:
        """The header row, column widths, and frozen panes below it."""
        for col, column in enumerate(columns):
            sheet.worksheet.set_column(col, col, column.width)
        for col, column in enumerate(columns):
            sheet.text(row, col, column.header, Style.HEADER)
        sheet.worksheet.freeze_panes(row + 1, 0)

    def rows(
        self,
        sheet: Sheet,
        first: int,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
    ) -> int:
        """Write the rows from row ``first``; return the row after the last."""
        row = first
        for values in rows:
            for col, (column, value) in enumerate(zip(columns, values, strict=True)):
                self.cell(sheet, row, col, value, column.kind)
            row += 1
        return row

    def listing(
        self,
        name: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
        header: str,
    ) -> tuple[Sheet, int]:
        """A sheet with a title line, a header, rows, filters and a readable print setup."""
        sheet = self.sheet(name)
        sheet.text(0, 0, name, Style.TITLE)
        self.header(sheet, 1, columns)
        end = self.rows(sheet, 2, columns, rows)
        sheet.worksheet.autofilter(1, 0, max(end - 1, 1), len(columns) - 1)
        self.print_setup(sheet, header)
        return sheet, end

    @staticmethod
    def print_setup(sheet: Sheet, header: str) -> None:
        """Landscape, fit to the page width, header rows repeated, subject in the header."""
        ws = sheet.worksheet
        ws.set_landscape()
        ws.set_paper(A4)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(1)
        # Page headers have their own codes (&L, &P…); a literal & is written &&.
        ws.set_header("&L" + page_text(header, 200) + "&RPage &P of &N")


_NUMBER_STYLES = {"score": Style.SCORE, "percent": Style.PERCENT, "count": Style.COUNT}
"""The style of each numeric column kind; other numbers are plain."""


def _kind_of(value: object) -> Kind:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "text"
