"""Display formatting: the one place where numbers become text for people to read.

The engine keeps full precision; rounding happens here, to one decimal, half away from zero —
the way a spreadsheet's ROUND works, so a number shown by caf equals the one Excel shows.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from caf.scoring.scorecard import PracticeResult

CORRECTION = 9
"""Decimal places a value is corrected to before display rounding (float error is ~1e-15)."""

_EXACT = Context(prec=400)
"""Enough digits for any float quantized to CORRECTION places (the largest has 309 digits)."""

DASH = "\u2013"
"""Shown where there is no value (nothing answered)."""


def round_half_away(value: float, digits: int = 1) -> float:
    """Round like a spreadsheet: ``2.25 → 2.3``, ``-2.25 → -2.3``, ``0.15 → 0.2``.

    The value is first rounded to :data:`CORRECTION` decimal places, which removes the error of
    float arithmetic (an exact 2.75 computed as 2.7499999999999996 is 2.75 again) and keeps
    every real difference a score can have; that decimal is then rounded half away from zero,
    as a spreadsheet's ROUND does (it makes the same correction).
    """
    if not math.isfinite(value):
        return value
    with localcontext(_EXACT):
        corrected = Decimal(repr(value)).quantize(Decimal(1).scaleb(-CORRECTION), ROUND_HALF_EVEN)
        quantum = Decimal(1).scaleb(-digits)
        return float(corrected.quantize(quantum, rounding=ROUND_HALF_UP))


def fmt_number(value: float | None, digits: int = 1) -> str:
    """A score or target: ``2.4``; a dash when absent."""
    if value is None:
        return DASH
    return f"{round_half_away(value, digits):.{digits}f}"


def fmt_percent(value: float | None, digits: int = 0) -> str:
    """A fraction as a percentage: ``0.667 → 67%``; a dash when absent."""
    if value is None:
        return DASH
    return f"{round_half_away(value * 100, digits):.{digits}f}%"


def fmt_change(value: float | None, digits: int = 1) -> str:
    """A change between rounds, signed: ``+0.4``, ``-1.0``, ``0.0``."""
    if value is None:
        return DASH
    shown = round_half_away(value, digits)
    return f"{shown:+.{digits}f}" if shown else f"{0:.{digits}f}"


def fmt_level(value: int | None) -> str:
    """A level or a dash."""
    return DASH if value is None else str(value)


def shown_value(value: float | None) -> float | None:
    """A figure as a spreadsheet should hold it: full precision less binary float error.

    ``2.7499999999999996`` (an exact 2.75 computed in binary) becomes ``2.75``, so a cell
    formatted ``0.0`` shows ``2.8`` as :func:`round_half_away` does; twelve significant digits
    keep every figure caf computes.
    """
    return None if value is None else float(f"{value:.12g}")


def fmt_level_of_target(result: PracticeResult) -> str:
    """A practice's level against its target, ``2/3``, or ``N/A`` when it does not apply."""
    if not result.applicable:
        return "N/A"
    return f"{fmt_level(result.level)}/{result.target}"
