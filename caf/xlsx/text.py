"""Text in spreadsheet cells: never a formula, never garbled, within Excel's limits.

- A cell's text is stored as text (``write_string``), and text that a spreadsheet would read as
  a formula when edited (a leading ``= + - @``, tab, CR or LF) also gets Excel's *quote prefix*,
  so it stays text even when someone edits the cell.
- XML cannot carry most control characters, and turns CR into LF, so the file format writes
  them as escapes ``_xHHHH_`` (and a literal ``_xHHHH_`` as ``_x005F_xHHHH_``). XlsxWriter does
  this itself; openpyxl does not, so text it writes goes through :func:`escape` first. Reading,
  :func:`unescape` undoes it exactly (openpyxl's own reader does not, see
  :mod:`caf.xlsx.strings`).
- A cell holds at most 32,767 characters, counted as Excel counts them: in UTF-16 code units,
  so a character outside the Basic Multilingual Plane (most emoji) counts twice.
"""

from __future__ import annotations

import re

from caf.errors import OutputError

MAX_CELL_TEXT = 32_767
"""Excel's limit on the characters in one cell, in UTF-16 code units."""

_ASTRAL = 0xFFFF
"""Code points above this take two UTF-16 units (a surrogate pair)."""


def cell_length(text: str) -> int:
    """The length of ``text`` as a spreadsheet counts it (UTF-16 code units)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > _ASTRAL)


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""Leading characters that make a spreadsheet treat typed text as a formula."""

_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
_NAIVE_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_LITERAL_UNDERSCORE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _escape_one(match: re.Match[str]) -> str:
    # An underscore that starts a literal _xHHHH_ is itself escaped; so is every character
    # XML cannot carry. Escaping underscores one by one keeps overlapping patterns exact.
    return f"_x{ord(match.group(0)):04X}_"


def escape(text: str) -> str:
    """Text as it must be stored in the workbook's XML to come back unchanged."""
    return _ESCAPE.sub(_escape_one, text)


def _unescape_one(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)  # noqa: PLR2004 - surrogates


def unescape(text: str) -> str:
    """Text as stored in the workbook's XML, back to what was written."""
    return _UNESCAPE.sub(_unescape_one, text)


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would read this text as a formula if it were typed in."""
    return text.startswith(FORMULA_TRIGGERS)


def check_storable(text: str, where: str) -> None:
    """Refuse text that XlsxWriter would store ambiguously.

    XlsxWriter escapes literal ``_xHHHH_`` sequences one non-overlapping match at a time, so a
    text where two of them share an underscore (``_x005F_x0041_``) would not read back as it
    was. Such text does not occur in practice; refusing it beats changing it silently.

    Raises:
        OutputError: the text contains such a sequence.
    """
    if "_x" not in text:
        return
    naive = _NAIVE_ESCAPE.sub(lambda m: "_x005F" + m.group(0), text)
    exact = _LITERAL_UNDERSCORE.sub("_x005F_", text)
    if naive != exact:
        raise OutputError(
            f"{where}: the text contains overlapping '_xHHHH_' sequences, which "
            "spreadsheet files cannot store unambiguously"
        )


def check_length(text: str, where: str) -> None:
    """Refuse text longer than a cell holds, saying where it would have gone.

    Raises:
        OutputError: the text is longer than 32,767 UTF-16 units (an emoji counts as two).
    """
    length = cell_length(text)
    if length > MAX_CELL_TEXT:
        units = "" if length == len(text) else " (counting an emoji or similar character as 2)"
        raise OutputError(
            f"{where}: the text is {length:,} characters{units}; a spreadsheet cell holds at "
            f"most {MAX_CELL_TEXT:,}"
        )
