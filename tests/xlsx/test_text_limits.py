"""Excel's cell limit is counted in UTF-16 units, as Excel counts it (issue 8, point 6)."""

from __future__ import annotations

import pytest

from caf.errors import OutputError
from caf.xlsx.text import MAX_CELL_TEXT, cell_length, check_length

EMOJI = "\U0001f600"


def test_cell_length_counts_astral_characters_twice() -> None:
    assert cell_length("abc") == 3
    assert cell_length("\u00e9\u4e2d") == 2
    assert cell_length(EMOJI * 3) == 6


def test_twenty_thousand_emoji_are_refused() -> None:
    with pytest.raises(OutputError, match=r"Assess!J5.*40,000 characters.*emoji"):
        check_length(EMOJI * 20_000, "Assess!J5")


def test_the_limit_itself_is_accepted() -> None:
    check_length(EMOJI * (MAX_CELL_TEXT // 2) + "a", "x")
    check_length("a" * MAX_CELL_TEXT, "x")
    with pytest.raises(OutputError):
        check_length(EMOJI * (MAX_CELL_TEXT // 2) + "ab", "x")
