"""The Data sheet: the tidy rows as one Excel Table, streamed row by row.

XlsxWriter refuses ``add_table`` in ``constant_memory`` mode because it would write the
header cells into rows already flushed. Here the table is declared *before* any row is
written (its header is then the first row in memory), which is what the refusal protects; the
rows follow in order and are flushed as they go. A table needs at least one data row, so an
empty Data sheet gets a plain header instead.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from caf.xlsx.book import Sheet, Style
from caf.xlsx.scorecard.cells import Column, ScorecardBook
from caf.xlsx.text import FORMULA_TRIGGERS, MAX_CELL_TEXT, check_length, check_storable

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from caf.render.tidy import Cell

_KINDS = {
    "weight": "number",
    "level": "count",
    "target": "count",
    "gap": "count",
    "priority": "number",
    "evidence_count": "count",
    "critical": "bool",
    "applicable": "bool",
    "unevidenced": "bool",
}
_TRIGGERS = frozenset(FORMULA_TRIGGERS)
_TEXT_ONLY = frozenset({"round_date", "due"})
"""ISO dates, kept as text so they sort, filter and import the same everywhere."""


def write_data(book: ScorecardBook, names: Sequence[str], rows: Iterable[tuple[Cell, ...]]) -> int:
    """Write the Data sheet; return how many rows it has."""
    sheet = book.sheet("Data")
    columns = [
        Column(name, _KINDS.get(name, "text"), 16 if name not in _TEXT_ONLY else 11)
        for name in names
    ]
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        book.header(sheet, 0, columns)
        return 0
    count = _count(rows)
    if count is not None:
        _declare_table(sheet.worksheet, names, count)
    # Written again in constant-memory form over what the table declared (module docstring).
    book.header(sheet, 0, columns)
    written = _rows(book, sheet, columns, itertools.chain([first], iterator))
    if count is None:
        sheet.worksheet.autofilter(0, 0, max(written - 1, 1), len(columns) - 1)
    return written - 1


def _rows(
    book: ScorecardBook,
    sheet: Sheet,
    columns: Sequence[Column],
    rows: Iterable[tuple[Cell, ...]],
) -> int:
    """The tidy rows from row 1, by the same rules as :meth:`ScorecardBook.cell`, inlined.

    The Data sheet holds most of a portfolio's cells, so the per-cell work is kept to the
    type test and XlsxWriter's own call; empty cells are left unwritten, text goes through
    the same checks as :meth:`caf.xlsx.book.Sheet.text` (length, storable, quote prefix).
    """
    plain, quoted = book.format(Style.FACT), book.format(Style.FACT, quoted=True)
    styles = [book.format(Style.COUNT if c.kind == "count" else Style.NUMBER) for c in columns]
    boolean = book.format(Style.NUMBER)
    ws = sheet.worksheet
    write_string, write_number = ws.write_string, ws.write_number
    row = 0
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value is None:
                continue
            if type(value) is str:
                if len(value) > MAX_CELL_TEXT or "_x" in value:
                    where = f"Data!R{row + 1}C{col + 1}"
                    check_length(value, where)
                    check_storable(value, where)
                style = quoted if value[:1] in _TRIGGERS else plain
                write_string(row, col, value, style)
            elif value is True or value is False:
                ws.write_boolean(row, col, value, boolean)
            else:
                write_number(row, col, value, styles[col])
    return row + 1


def _count(rows: Iterable[tuple[Cell, ...]]) -> int | None:
    """The number of rows when known in advance (a table must know its extent)."""
    length = getattr(rows, "__len__", None)
    return length() if callable(length) else None


class _Unrecorded(dict[tuple[int, int], str]):
    """A map that forgets what is put in it."""

    def __setitem__(self, key: tuple[int, int], value: str) -> None:
        """Forget it."""


def _declare_table(sheet: object, names: Sequence[str], count: int) -> None:
    # See the module docstring: declare while nothing is flushed, with constant memory off
    # for the call only; the caller then writes the header cells over in constant-memory form.
    saved = sheet.constant_memory  # type: ignore[attr-defined]
    sheet.constant_memory = 0  # type: ignore[attr-defined]
    # XlsxWriter records every cell of a table's range, to refuse a later table or merge that
    # overlaps it: ~100 bytes a cell, hundreds of MiB for a large portfolio. The Data sheet
    # holds one table and nothing else, so nothing is recorded.
    sheet.table_cells = _Unrecorded()  # type: ignore[attr-defined]
    try:
        sheet.add_table(  # type: ignore[attr-defined]
            0,
            0,
            count,
            len(names) - 1,
            {
                "name": "CafData",
                "style": "Table Style Light 9",
                "columns": [{"header": name} for name in names],
            },
        )
    finally:
        sheet.constant_memory = saved  # type: ignore[attr-defined]
        sheet.table_cells = {}  # type: ignore[attr-defined]
