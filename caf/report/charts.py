"""The geometry of the report's charts, computed in Python; the templates only draw it.

Charts are inline SVG built from these shapes by ``templates/report/charts.html``. Every shape
carries its value as text, so a chart printed in black and white still reads. Coordinates are
in the chart's own ``viewBox`` units and rounded to one decimal, so the HTML is stable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from caf.render.scorecard_view import Shown, SpreadRow, TrendPoint

RADAR_WIDTH = 560.0
"""Width of the radar's viewBox: room for the labels either side of the circle."""

RADAR_HEIGHT = 380.0
"""Height of the radar's viewBox."""

RADAR_RADIUS = 120.0
"""Radius of the radar's outer ring (the scale's highest level)."""

BAR_WIDTH = 460.0
"""Width of a bar chart's viewBox."""

BAR_ROW = 40.0
"""Height of one labelled bar in a bar chart."""

LINE_WIDTH = 640.0
"""Width of the trend line chart's viewBox."""

LINE_HEIGHT = 240.0
"""Height of the trend line chart's viewBox."""

_LABEL_CHARS = 22
"""Radar labels longer than this are cut with an ellipsis (the full title is in the table)."""


def _r(value: float) -> float:
    return round(value, 1)


@dataclass(frozen=True)
class Point:
    """A point of a chart, with the value written beside it."""

    x: float
    """Horizontal position."""

    y: float
    """Vertical position (down is positive, as in SVG)."""

    text: str
    """The value, as read."""


@dataclass(frozen=True)
class Spoke:
    """One axis of the radar: a perspective."""

    x: float
    """Where the axis meets the outer ring, horizontally."""

    y: float
    """Where the axis meets the outer ring, vertically."""

    label_x: float
    """Where its label sits, horizontally."""

    label_y: float
    """Where its label sits, vertically."""

    anchor: str
    """SVG ``text-anchor`` of the label: ``start``, ``middle`` or ``end``."""

    label: str
    """The perspective's title (shortened when long)."""

    title: str
    """The perspective's full title with its figures (a tooltip and for screen readers)."""


@dataclass(frozen=True)
class Ring:
    """One level of the scale drawn as a ring of the radar."""

    points: str
    """The polygon's ``points`` attribute."""

    level: str
    """The level it stands for."""

    label_y: float
    """Where the level's number is written, on the vertical axis."""


@dataclass(frozen=True)
class Radar:
    """Current against target per perspective, as two polygons on the scale's rings."""

    width: float
    """Width of the viewBox."""

    height: float
    """Height of the viewBox."""

    cx: float
    """The centre, horizontally."""

    cy: float
    """The centre, vertically."""

    rings: tuple[Ring, ...]
    """The scale's levels, innermost first."""

    spokes: tuple[Spoke, ...]
    """One axis per perspective, clockwise from the top."""

    current: str
    """The current scores' polygon (``points``)."""

    target: str
    """The targets' polygon (``points``)."""

    values: tuple[Point, ...]
    """Each current score, written at its vertex."""

    summary: str
    """The chart in words, for screen readers: ``Title: 2.4 of 3.0; …``."""


@dataclass(frozen=True)
class Bar:
    """One labelled bar with its target marked."""

    label: str
    """What the bar measures."""

    y: float
    """Top of the row."""

    width: float
    """Length of the bar (the score)."""

    target_x: float
    """Where the target tick is drawn; negative when there is no target."""

    text: str
    """``2.4 of 3.0`` (or ``not answered``), written after the bar."""

    text_x: float
    """Where that text starts."""


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars: scores against targets on the scale."""

    width: float
    """Width of the viewBox."""

    height: float
    """Height of the viewBox."""

    left: float
    """Where the scale's lowest level is."""

    span: float
    """Length of the scale from lowest to highest level."""

    ticks: tuple[Point, ...]
    """The scale's levels along the axis."""

    bars: tuple[Bar, ...]
    """The bars, top to bottom."""

    summary: str
    """The chart in words, for screen readers."""


@dataclass(frozen=True)
class Range:
    """One row of the distribution chart: lowest to highest subject, median and mean."""

    label: str
    """The perspective's title, or ``Overall``."""

    y: float
    """Top of the row."""

    low_x: float
    """The lowest subject's position; negative when no subject has a score."""

    high_x: float
    """The highest subject's position."""

    median_x: float
    """The median's position."""

    mean_x: float
    """The mean's position."""

    text: str
    """``min 1.2 · median 2.4 · mean 2.3 · max 3.6 (12 subjects)``, written under the row."""


@dataclass(frozen=True)
class Distribution:
    """How each perspective's score is spread over a portfolio's subjects."""

    width: float
    """Width of the viewBox."""

    height: float
    """Height of the viewBox."""

    left: float
    """Where the scale's lowest level is."""

    span: float
    """Length of the scale."""

    ticks: tuple[Point, ...]
    """The scale's levels along the axis."""

    rows: tuple[Range, ...]
    """Overall first, then each perspective."""

    summary: str
    """The chart in words, for screen readers."""


@dataclass(frozen=True)
class Line:
    """The overall score per round, oldest first."""

    width: float
    """Width of the viewBox."""

    height: float
    """Height of the viewBox."""

    points: str
    """The line's ``points`` attribute."""

    values: tuple[Point, ...]
    """Each round's score, written above its point."""

    labels: tuple[Point, ...]
    """Each round's label, written under the axis."""

    ticks: tuple[Point, ...]
    """The scale's levels up the left side."""

    summary: str
    """The chart in words, for screen readers."""


def _short(title: str) -> str:
    return title if len(title) <= _LABEL_CHARS else title[: _LABEL_CHARS - 1].rstrip() + "\u2026"


def _ring_points(cx: float, cy: float, radius: float, count: int) -> str:
    return " ".join(
        f"{_r(cx + radius * math.sin(2 * math.pi * i / count))},"
        f"{_r(cy - radius * math.cos(2 * math.pi * i / count))}"
        for i in range(count)
    )


def radar(
    titles: Sequence[str], scores: Sequence[Shown], targets: Sequence[Shown], scale: range
) -> Radar | None:
    """The radar of ``scores`` against ``targets``; None with fewer than three perspectives."""
    count = len(titles)
    if count < 3:  # noqa: PLR2004 - a polygon needs three corners
        return None
    cx, cy, low, high = RADAR_WIDTH / 2, RADAR_HEIGHT / 2, scale.start, scale.stop - 1

    def reach(value: float | None) -> float:
        return 0.0 if value is None else RADAR_RADIUS * (value - low) / (high - low or 1)

    def at(i: int, length: float) -> tuple[float, float]:
        angle = 2 * math.pi * i / count
        return _r(cx + length * math.sin(angle)), _r(cy - length * math.cos(angle))

    spokes, values = [], []
    for i, title in enumerate(titles):
        x, y = at(i, RADAR_RADIUS)
        lx, ly = at(i, RADAR_RADIUS + 16)
        sine = math.sin(2 * math.pi * i / count)
        anchor = "middle" if abs(sine) < 0.2 else ("start" if sine > 0 else "end")  # noqa: PLR2004
        figures = f"{title}: {scores[i].text} of {targets[i].text}"
        spokes.append(Spoke(x, y, lx, _r(ly + 4), anchor, _short(title), figures))
        vx, vy = at(i, reach(scores[i].value))
        values.append(Point(vx, _r(vy - 5), scores[i].text))
    current = " ".join(f"{p.x},{_r(p.y + 5)}" for p in values)
    target = " ".join("{},{}".format(*at(i, reach(t.value))) for i, t in enumerate(targets))
    rings = tuple(
        Ring(_ring_points(cx, cy, reach(level), count), str(level), _r(cy - reach(level)))
        for level in scale
        if level > low
    )
    summary = "; ".join(s.title for s in spokes)
    return Radar(
        RADAR_WIDTH,
        RADAR_HEIGHT,
        cx,
        cy,
        rings,
        tuple(spokes),
        current,
        target,
        tuple(values),
        summary,
    )


def _axis(left: float, span: float, scale: range, y: float) -> tuple[Point, ...]:
    low, high = scale.start, scale.stop - 1
    return tuple(Point(_r(left + span * (v - low) / (high - low or 1)), y, str(v)) for v in scale)


def bars(
    labels: Sequence[str], scores: Sequence[Shown], targets: Sequence[Shown], scale: range
) -> BarChart:
    """Horizontal bars of ``scores`` with each target marked, on the levels of ``scale``."""
    left, span = 8.0, BAR_WIDTH * 0.62
    low, high = scale.start, scale.stop - 1

    def x(value: float) -> float:
        return _r(span * (value - low) / (high - low or 1))

    rows = []
    for i, (label, s, t) in enumerate(zip(labels, scores, targets, strict=True)):
        width = x(s.value) if s.value is not None else 0.0
        text = f"{s.text} of {t.text}" if s.value is not None else "not answered"
        rows.append(
            Bar(
                label,
                _r(i * BAR_ROW),
                width,
                x(t.value) + left if t.value is not None else -1.0,
                text,
                _r(left + max(width, x(t.value) if t.value is not None else 0.0) + 8),
            )
        )
    height = _r(len(rows) * BAR_ROW + 22)
    summary = "; ".join(f"{b.label}: {b.text}" for b in rows)
    return BarChart(
        BAR_WIDTH, height, left, span, _axis(left, span, scale, height - 6), tuple(rows), summary
    )


def distribution(rows: Sequence[SpreadRow], scale: range) -> Distribution:
    """Lowest to highest subject per perspective, with median and mean, on ``scale``."""
    left, span, height = 8.0, LINE_WIDTH - 24.0, 52.0
    low, high = scale.start, scale.stop - 1

    def x(value: float | None) -> float:
        return -1.0 if value is None else _r(left + span * (value - low) / (high - low or 1))

    ranges = tuple(
        Range(
            row.title,
            _r(i * height),
            x(row.minimum.value),
            x(row.maximum.value),
            x(row.median.value),
            x(row.mean.value),
            f"min {row.minimum.text} \u00b7 median {row.median.text} \u00b7 mean "
            f"{row.mean.text} \u00b7 max {row.maximum.text} ({row.subjects} subjects)",
        )
        for i, row in enumerate(rows)
    )
    total = _r(len(ranges) * height + 22)
    summary = "; ".join(f"{r.label}: {r.text}" for r in ranges)
    return Distribution(
        LINE_WIDTH, total, left, span, _axis(left, span, scale, total - 6), ranges, summary
    )


def line(points: Sequence[TrendPoint], scale: range) -> Line | None:
    """The overall score per round; None with fewer than two rounds."""
    if len(points) < 2:  # noqa: PLR2004 - a line needs two points
        return None
    left, right, top, bottom = 64.0, LINE_WIDTH - 64.0, 24.0, LINE_HEIGHT - 36.0
    low, high = scale.start, scale.stop - 1
    step = (right - left) / (len(points) - 1)

    def y(value: float) -> float:
        return _r(bottom - (bottom - top) * (value - low) / (high - low or 1))

    shown = [(i, p) for i, p in enumerate(points) if p.score.value is not None]
    values = tuple(
        Point(_r(left + i * step), y(p.score.value or 0.0), p.score.text) for i, p in shown
    )
    labels = tuple(
        Point(_r(left + i * step), _r(bottom + 22), f"{p.round} ({p.subjects})")
        for i, p in enumerate(points)
    )
    ticks = tuple(Point(_r(left - 28), y(v), str(v)) for v in scale)
    summary = "; ".join(f"{p.round}: {p.score.text} ({p.subjects} subjects)" for p in points)
    return Line(
        LINE_WIDTH,
        LINE_HEIGHT,
        " ".join(f"{v.x},{v.y}" for v in values),
        tuple(Point(v.x, _r(v.y - 9), v.text) for v in values),
        labels,
        ticks,
        summary,
    )
