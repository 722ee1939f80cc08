"""Text in spreadsheet cells: never a formula, never garbled, within Excel's limits.

- A cell's text is stored as text (``write_string``), and text that a spreadsheet would read as
  a formula when edited (a leading ``= + - @``, tab, CR or LF) also gets Excel's *quote prefix*,
  so it stays text even when someone edits the cell.
- Characters XML cannot carry (most control characters, and CR, which XML turns into LF) are
  written as OOXML escapes ``_xHHHH_``; a literal ``_xHHHH_`` in the text is itself escaped, so
  every text comes back exactly as it was written.
- A cell holds at most 32,767 characters.
"""

from __future__ import annotations

import re

from caf.errors import OutputError

MAX_CELL_TEXT = 32_767
"""Excel's limit on the characters in one cell."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""Leading characters that make a spreadsheet treat typed text as a formula."""

_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _escape_one(match: re.Match[str]) -> str:
    found = match.group(0)
    if len(found) > 1:  # a literal _xHHHH_: escape its underscore
        return "_x005F_" + found[1:]
    return f"_x{ord(found):04X}_"


def escape(text: str) -> str:
    """Text as it must be stored in the workbook's XML to come back unchanged."""
    return _ESCAPE.sub(_escape_one, text)


def unescape(text: str) -> str:
    """Text as stored in the workbook's XML, back to what was written."""
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would read this text as a formula if it were typed in."""
    return text.startswith(FORMULA_TRIGGERS)


def stored(text: str, where: str) -> str:
    """The escaped text to store, refusing text longer than a cell holds.

    Raises:
        OutputError: the text (or its escaped form, which is what the file holds) is too long.
    """
    escaped = escape(text)
    if len(escaped) > MAX_CELL_TEXT:
        detail = "" if len(text) > MAX_CELL_TEXT else " once its control characters are escaped"
        raise OutputError(
            f"{where}: the text is longer than the {MAX_CELL_TEXT:,} characters a spreadsheet "
            f"cell holds{detail} ({len(escaped):,})"
        )
    return escaped
