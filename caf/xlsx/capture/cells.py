"""Values people type into cells, read leniently into caf's values.

A level may arrive as ``3``, ``3.0``, ``"3"``, ``"3 - Defined"`` or ``"3 Defined"`` (whatever a
spreadsheet program, a locale or a copy-paste made of it), or as ``N/A`` in any case. Anything
that cannot be read raises :class:`CellError` with a message in plain words; the reader adds the
cell's address.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from caf.models.assessment import NA_SPELLINGS
from caf.xlsx.text import unescape

if TYPE_CHECKING:
    from caf.models.framework import Scale

_LEVEL_TEXT = re.compile(r"^\s*(-?\d+(?:\.0+)?)\s*(?:[-\u2013\u2014:.)]\s*)?(?P<name>.*?)\s*$")
_NUMBER_WORD = re.compile(r"[+-]?\d+(?:\.\d+)?")
"""A word that VALUE reads as a number (decimal point as in an English locale)."""
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_LAST_SERIAL = 2_958_465  # 9999-12-31


class CellError(ValueError):
    """A cell's value cannot be read; the message says why in plain words."""


def is_blank(value: object) -> bool:
    """True for an empty cell (or one holding only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _whole(number: float, what: str) -> int:
    if not float(number).is_integer():
        raise CellError(f"{what} {number:g} is not a whole level")
    return int(number)


def read_level(
    value: object, scale: Scale, *, allow_na: bool = True, what: str = "level"
) -> int | str | None:
    """A level value, ``"N/A"`` (when allowed), or None for a blank cell."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"{what} is {value}, not a level")
    if isinstance(value, int | float):
        level = _whole(value, what)
    elif isinstance(value, str):
        text = unescape(value).strip()
        if text.lower() in NA_SPELLINGS:
            if not allow_na:
                raise CellError(f"{what} cannot be N/A")
            return "N/A"
        match = _LEVEL_TEXT.match(text)
        if match is None:
            raise CellError(
                f"{what} {text[:40]!r} is not a level; use {scale.describe()}"
                + (" or N/A" if allow_na else "")
            )
        level = _whole(float(match.group(1)), what)
        name = match.group("name")
        known = scale.level(level)
        if name and known is not None and name.lower() != known.name.lower():
            raise CellError(
                f"{what} {text[:40]!r}: level {level} is called {known.name!r} on this scale"
            )
    else:
        raise CellError(f"{what} {value!r} is not a level")
    if scale.level(level) is None:
        raise CellError(f"{what} {level} is not on the scale {scale.describe()}")
    return level


def read_text(value: object) -> str | None:
    """Text as the user typed it (numbers as they show), or None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, str):
        return unescape(value) if value != "" else None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_date(value: object) -> dt.date | None:
    """A date from a date cell, an ISO text or an Excel serial number; None when blank."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value <= _LAST_SERIAL:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(f"{value:g} is not a date")
    if isinstance(value, str):
        text = unescape(value).strip()
        try:
            return dt.date.fromisoformat(text[:10])  # a date, or the date of a timestamp
        except ValueError:
            raise CellError(f"{text[:40]!r} is not a date; write it as 2026-12-31") from None
    raise CellError(f"{value!r} is not a date")


def read_lines(value: object) -> list[str]:
    """A cell with one item per line, as a list (empty lines dropped)."""
    text = read_text(value)
    if text is None:
        return []
    return [line for line in re.split(r"\r?\n", text) if line.strip()]


def counted_level(value: object) -> float | str | None:
    """What the workbook's formulas count for a Level cell: a number, ``"N/A"``, or None.

    This mirrors the Assess sheet's formulas exactly (see ``level_formulas`` in
    :mod:`caf.xlsx.capture.assess_sheet`): a number counts as itself; text is trimmed of spaces
    as a spreadsheet's TRIM does, is *not applicable* when it is one of the N/A spellings (in
    any case), and otherwise counts as the number its first word spells (``"3 - Defined"``
    counts as 3), or not at all. The reader compares it with :func:`read_level` and warns
    where the workbook did not count what the import will.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return None
    trimmed = " ".join(part for part in value.split(" ") if part)
    if trimmed.lower() in NA_SPELLINGS:
        return "N/A"
    token = trimmed.split(" ")[0] if trimmed else ""
    if _NUMBER_WORD.fullmatch(token) is None:
        return None
    return float(token)
