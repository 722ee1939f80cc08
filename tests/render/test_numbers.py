"""Display rounding: one decimal, half away from zero, as a spreadsheet's ROUND does."""

from __future__ import annotations

import pytest

from caf.render.numbers import fmt_change, fmt_level, fmt_number, fmt_percent, round_half_away


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.25, 2.3),
        (2.35, 2.4),
        (-2.25, -2.3),
        (0.15, 0.2),
        (2.05, 2.1),
        (2.249999, 2.2),
        (1 / 3, 0.3),
        (2 / 3, 0.7),
        (5.0, 5.0),
        (0.0, 0.0),
    ],
)
def test_round_half_away(value: float, expected: float) -> None:
    assert round_half_away(value) == expected


def test_formats() -> None:
    assert fmt_number(None) == "\u2013"
    assert fmt_number(2.25) == "2.3"
    assert fmt_number(3) == "3.0"
    assert fmt_percent(0.6667) == "67%"
    assert fmt_percent(0.125, 1) == "12.5%"
    assert fmt_change(0.04) == "0.0"
    assert fmt_change(0.25) == "+0.3"
    assert fmt_change(-1.0) == "-1.0"
    assert fmt_level(None) == "\u2013"
    assert fmt_level(0) == "0"
