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


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2.7499999999999996, "2.8"),  # an exact 2.75 after float arithmetic
        (0.35 * 3 / 3, "0.4"),
        (1.0499999999999998, "1.1"),
        (-2.7499999999999996, "-2.8"),
        (2.7449999, "2.7"),  # a real difference is kept
    ],
)
def test_float_error_is_corrected_before_rounding(value: float, shown: str) -> None:
    assert fmt_number(value) == shown


def test_weighted_mean_that_is_exactly_a_half_rounds_up() -> None:
    # Weights 0.1 and 0.3 on levels 2 and 3: exactly 2.75, computed as 2.7499999999999996.
    levels, weights = [2, 3], [0.1, 0.3]
    mean = sum(level * w for level, w in zip(levels, weights, strict=True)) / sum(weights)
    assert mean < 2.75
    assert fmt_number(mean) == "2.8"


def test_huge_and_odd_values_do_not_crash() -> None:
    assert fmt_number(1e300).startswith("1000")
    assert round_half_away(float("nan")) != round_half_away(float("nan"))
