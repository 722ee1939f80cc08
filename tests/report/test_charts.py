"""The charts' geometry: values land where the scale says, and every value is written."""

from __future__ import annotations

import pytest

from caf.render.scorecard_view import Shown, SpreadRow, TrendPoint
from caf.report import charts

SCALE = range(6)


def s(value: float | None) -> Shown:
    return Shown(value, "\u2013" if value is None else f"{value:.1f}")


def test_radar_puts_each_score_on_its_spoke_at_its_level() -> None:
    radar = charts.radar(["A", "B", "C", "D"], [s(5), s(2.5), s(0), s(None)], [s(3)] * 4, SCALE)
    assert radar is not None
    cx, cy, r = radar.cx, radar.cy, charts.RADAR_RADIUS
    first, second, *_ = radar.current.split()
    assert first == f"{cx},{cy - r}"  # level 5 of 0-5: the outer ring, straight up
    assert second == f"{cx + r / 2},{cy}"  # level 2.5: half way, to the right
    assert [v.text for v in radar.values] == ["5.0", "2.5", "0.0", "\u2013"]
    assert [ring.level for ring in radar.rings] == ["1", "2", "3", "4", "5"]
    assert "A: 5.0 of 3.0" in radar.summary


def test_radar_needs_three_perspectives() -> None:
    assert charts.radar(["A", "B"], [s(1), s(2)], [s(3), s(3)], SCALE) is None


def test_long_titles_are_shortened_on_the_radar_but_kept_whole_in_its_words() -> None:
    title = "A perspective with a very long title indeed"
    radar = charts.radar([title, "B", "C"], [s(1)] * 3, [s(2)] * 3, SCALE)
    assert radar is not None
    assert radar.spokes[0].label.endswith("\u2026")
    assert len(radar.spokes[0].label) <= 22
    assert radar.spokes[0].title.startswith(title)


def test_bars_are_proportional_and_write_their_figures() -> None:
    chart = charts.bars(["x", "y", "z"], [s(5), s(2.5), s(None)], [s(3), s(None), s(4)], SCALE)
    full, half, empty = chart.bars
    assert full.width == pytest.approx(chart.span)
    assert half.width == pytest.approx(chart.span / 2, abs=0.1)
    assert empty.width == 0
    assert half.target_x < 0  # no target: no tick
    assert [b.text for b in chart.bars] == ["5.0 of 3.0", "2.5 of \u2013", "not answered"]
    assert [t.text for t in chart.ticks] == ["0", "1", "2", "3", "4", "5"]


def test_distribution_marks_the_range_and_writes_it() -> None:
    row = SpreadRow("Overall", s(2), s(1), s(2.5), s(4), 12)
    empty = SpreadRow("People", s(None), s(None), s(None), s(None), 0)
    chart = charts.distribution([row, empty], SCALE)
    one, none = chart.rows
    assert one.low_x < one.median_x < one.high_x
    assert one.text == "min 1.0 \u00b7 median 2.5 \u00b7 mean 2.0 \u00b7 max 4.0 (12 subjects)"
    assert none.low_x < 0


def test_line_needs_two_rounds_and_rises_with_the_score() -> None:
    assert charts.line([TrendPoint("Q1", s(2), 3)], SCALE) is None
    chart = charts.line([TrendPoint("Q1", s(2), 3), TrendPoint("Q2", s(3), 4)], SCALE)
    assert chart is not None
    first, second = chart.values
    assert second.y < first.y  # higher score, higher on the page
    assert [label.text for label in chart.labels] == ["Q1 (3)", "Q2 (4)"]
