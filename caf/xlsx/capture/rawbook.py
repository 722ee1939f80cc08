"""Open a capture workbook and take out the values of the sheets caf reads, in one guarded pass.

openpyxl is a parser of untrusted bytes: on a damaged or hand-edited part it raises many kinds
of exceptions (an unknown attribute is a ``TypeError``, a shared string out of range an
``IndexError``). Only this module calls it, and every such failure becomes one located
``damaged`` error. caf's own checks run afterwards on plain rows, unguarded, so a bug of caf's
keeps its traceback.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from caf.errors import InvalidInputError
from caf.xlsx.archive import damaged
from caf.xlsx.capture.layout import HEADER_SCAN_ROWS, SheetName
from caf.xlsx.strings import use_stored_strings

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl.workbook.workbook import Workbook

_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    SyntaxError,
    EOFError,
    OSError,
    LookupError,  # KeyError: a missing part; IndexError: a shared string out of range
    ValueError,  # defusedxml's refusals, bad numbers, UnicodeDecodeError
    TypeError,  # an attribute openpyxl's descriptors do not know (a sheet view, a style)
    AttributeError,
    ArithmeticError,
    NotImplementedError,
)
"""What openpyxl raises while it parses damaged or hostile parts of a workbook.

Only the opening and the reading of rows (:func:`read_book`) is guarded by this list; caf's own
checks run on the rows after, unguarded, so a bug of caf's keeps its traceback.
"""


Rows = list[tuple[object, ...]]
"""The values of a sheet, row by row from row 1 (index = row number - 1)."""


@dataclass(frozen=True)
class RawBook:
    """The values of the sheets caf reads, taken out of the workbook in one guarded pass."""

    sheetnames: list[str]
    """Every sheet of the workbook, in order."""

    sheets: dict[str, Rows]
    """The rows of the _caf, Start and Assess sheets, those the workbook has."""

    def __getitem__(self, name: str) -> Rows:
        """The rows of the sheet ``name`` (one of those read)."""
        return self.sheets[name]


_EXCEL_ROWS = 1_048_576
"""The last row a spreadsheet has; rows numbered past it are not read."""
_EXCEL_COLUMNS = 16_384
"""The last column a spreadsheet has."""
_LABEL_COLUMNS = 2
"""The _caf and Start sheets are read in their first two columns (label, value)."""


def _sheet_rows(sheet: ReadOnlyWorksheet, width: int, last: int = _EXCEL_ROWS) -> Rows:
    """Rows 1..``last`` of ``width`` columns; gaps filled, so indexes are row numbers - 1.

    The sheet's declared dimension is ignored (``reset_dimensions``): rows a program wrote past
    it are read, not silently dropped. The width is bounded so that a cell far to the right
    cannot make every row a 16,384-slot tuple (memory stays proportional to the columns used).
    """
    sheet.reset_dimensions()
    # openpyxl's stubs describe iter_rows for writable sheets only; read-only sheets have it too.
    rows = sheet.iter_rows(min_row=1, max_row=last, max_col=width, values_only=True)  # type: ignore[misc]
    return list(rows)


def _assess_rows(sheet: ReadOnlyWorksheet) -> Rows:
    """The Assess sheet, as wide as its header rows (the columns that can hold answers)."""
    top = _sheet_rows(sheet, _EXCEL_COLUMNS, HEADER_SCAN_ROWS)
    width = max(
        (i + 1 for row in top for i, value in enumerate(row) if value is not None), default=1
    )
    return _sheet_rows(sheet, width)


def _sheet(book: Workbook, name: str) -> Rows:
    sheet = book[name]
    if not isinstance(sheet, ReadOnlyWorksheet):  # a chartsheet of that name
        return []
    return _assess_rows(sheet) if name == SheetName.ASSESS else _sheet_rows(sheet, _LABEL_COLUMNS)


def read_book(path: Path) -> RawBook:
    """Open the workbook and read the values of the sheets caf needs.

    Raises:
        InvalidInputError: the workbook is damaged (code ``damaged``), located at the file.
    """
    try:
        # openpyxl warns about parts it drops (extensions, odd defined names); caf reads only
        # cell values, so those warnings would be noise on the user's terminal.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            use_stored_strings(book, path)
            names = list(book.sheetnames)
            wanted = (SheetName.META, SheetName.START, SheetName.ASSESS)
            sheets = {str(name): _sheet(book, name) for name in wanted if name in names}
        finally:
            book.close()
    except _UNREADABLE as error:
        # openpyxl reads lazily, so damage can surface while the rows are read.
        raise InvalidInputError(damaged(str(path), error), str(path)) from error
    return RawBook(names, sheets)
