"""The shared-strings table of an xlsx file, read as stored.

openpyxl's reader strips every ``x005F_`` from shared strings and leaves the other ``_xHHHH_``
escapes as they are, so a literal ``_x000D_`` typed by a user and an escaped carriage return
read back the same; and it leaves inline strings (which openpyxl itself writes) untouched. caf
therefore hands openpyxl the shared strings exactly as stored, so that every string reaches
:mod:`caf.xlsx.capture.cells` in the file's form, where one exact unescape applies to all of them.
"""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl.workbook.workbook import Workbook

_SI = f"{{{SHEET_MAIN_NS}}}si"
_T = f"{{{SHEET_MAIN_NS}}}t"
_R = f"{{{SHEET_MAIN_NS}}}r"


def _member(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    for name in ("xl/sharedStrings.xml", "xl/SharedStrings.xml"):
        if name in names:
            return name
    return next((n for n in names if n.lower() == "xl/sharedstrings.xml"), None)


def read_shared_strings(path: Path) -> list[str] | None:
    """Every shared string as stored (escapes kept); None when the file has no table."""
    with zipfile.ZipFile(path) as archive:
        name = _member(archive)
        if name is None:
            return None
        strings: list[str] = []
        with archive.open(name) as source:
            for _, node in iterparse(source):
                if node.tag != _SI:
                    continue
                parts = [child.text or "" for child in node if child.tag == _T]
                for run in node.iter(_R):
                    parts += [t.text or "" for t in run if t.tag == _T]
                strings.append("".join(parts))
                node.clear()
    return strings


def use_stored_strings(book: Workbook, path: Path) -> None:
    """Give the sheets of a read-only openpyxl workbook the shared strings as stored.

    openpyxl hands every read-only sheet the same list of strings when it opens the file; that
    list is replaced in place, so the sheets read the exact strings as they go.
    """
    stored = read_shared_strings(path)
    if stored is None:
        return
    for sheet in book.worksheets:
        table = getattr(sheet, "_shared_strings", None)  # openpyxl's read-only sheets have it
        if isinstance(table, list) and len(table) == len(stored):
            table[:] = stored
