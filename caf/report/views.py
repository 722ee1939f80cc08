"""Build the report's context (:mod:`caf.report.context`) from scorecard view models.

The portfolio overview and each subject's section are rendered from
:class:`~caf.render.scorecard_view.ScorecardView` objects built by
:func:`caf.render.scorecard_build.build_view`, the same builder the scorecard workbook uses;
this module adds only chart geometry and the report's own groupings.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from markupsafe import Markup

from caf.pack.context import SCORING_STEPS
from caf.report import charts
from caf.report.context import (
    CatalogTable,
    HeatCell,
    HeatGroup,
    HeatLine,
    Mover,
    PerspectiveBars,
    PortfolioPart,
    ReportContext,
    SubjectSection,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from caf.render.scorecard_view import CrosswalkRow, Heatmap, ScorecardView, Shown

TOP_ACTIONS = 10
"""Rows of the action plan shown before the rest is folded."""

MOVERS = 5
"""Risers and fallers listed in a portfolio."""

METHOD = (
    *SCORING_STEPS,
    "A portfolio's figures are the mean over its subjects of each subject's latest round.",
    "Scores are shown to one decimal, rounded half away from zero, as a spreadsheet rounds.",
)
"""How the figures are computed, as the report explains them."""


def css_string(text: str) -> Markup:
    """``text`` as a CSS string literal in which only ASCII letters and digits are literal.

    Everything else is a six-digit hexadecimal escape, so no user text can close the string,
    the rule or the ``<style>`` element it sits in. Spaces are escaped too: CSS eats one space
    after an escape.
    """
    body = "".join(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x}" for ch in text)
    return Markup(f'"{body}"')  # noqa: S704 - every character that could escape is hex-escaped


def _shade(value: float | None, scale: range) -> str:
    if value is None:
        return "none"
    level = min(max(math.floor(value + 1e-9), scale.start), scale.stop - 1)
    return f"l{level - scale.start}"


def heat_groups(heatmap: Heatmap, scale: range, anchors: dict[str, str]) -> tuple[HeatGroup, ...]:
    """The heatmap's rows grouped by business unit, in the heatmap's order."""
    groups: dict[str, list[HeatLine]] = {}
    for row in heatmap.rows:
        groups.setdefault(row.business_unit, []).append(
            HeatLine(
                row.subject,
                anchors.get(row.subject, ""),
                tuple(HeatCell(c.text, _shade(c.value, scale)) for c in row.cells),
            )
        )
    return tuple(
        HeatGroup(unit or "No business unit", tuple(rows)) for unit, rows in groups.items()
    )


def movers(view: ScorecardView) -> tuple[tuple[Mover, ...], tuple[Mover, ...]]:
    """The largest rises and falls of the overall score between each subject's two rounds."""
    moved = [row for row in view.trend if row.node == "Overall" and row.change.value is not None]
    moved.sort(key=lambda row: (-(row.change.value or 0.0), row.subject))
    as_mover = [
        (
            row.change.value or 0.0,
            Mover(
                row.subject,
                f"{row.previous_round} \u2192 {row.latest_round}",
                row.previous.text,
                row.latest.text,
                row.change.text,
            ),
        )
        for row in moved
    ]
    risers = tuple(m for change, m in as_mover if change > 0)[:MOVERS]
    fallers = tuple(m for change, m in reversed(as_mover) if change < 0)[:MOVERS]
    return risers, fallers


def crosswalk_tables(rows: Sequence[CrosswalkRow]) -> tuple[CatalogTable, ...]:
    """The crosswalk rows split per catalog, each with a count of its verdicts."""
    by_catalog: dict[str, list[CrosswalkRow]] = {}
    for row in rows:
        by_catalog.setdefault(row.catalog, []).append(row)
    tables = []
    for title, items in by_catalog.items():
        tally = Counter(row.verdict for row in items)
        text = " \u00b7 ".join(
            f"{tally[v]} {v}" for v in ("met", "partly", "not met", "not assessed") if tally[v]
        )
        tables.append(CatalogTable(title, text, tuple(items)))
    return tuple(tables)


def _perspective_bars(view: ScorecardView, scale: range) -> charts.BarChart:
    return charts.bars(
        [c.title for c in view.chart],
        [c.score for c in view.chart],
        [c.target for c in view.chart],
        scale,
    )


def _radar(view: ScorecardView, scale: range) -> charts.Radar | None:
    titles = [c.title for c in view.chart]
    return charts.radar(
        titles, [c.score for c in view.chart], [c.target for c in view.chart], scale
    )


def section(view: ScorecardView, index: int, scale: range, *, named: bool = True) -> SubjectSection:
    """The report's section of one subject, from that subject's own view model.

    ``named``: the section prints on a named page of its own (for its running header); a
    single subject's report needs none, and a change of page name would force a blank page.
    """
    subject = view.subjects[0]
    running = f"{subject.name} \u00b7 {subject.round}"
    by_perspective: dict[str, tuple[list[str], list[Shown], list[Shown]]] = {}
    for row in view.capabilities:
        labels, scores, targets = by_perspective.setdefault(row.perspective, ([], [], []))
        labels.append(row.title)
        scores.append(row.score)
        targets.append(row.target)
    return SubjectSection(
        anchor=f"subject-{index}",
        page=f"subject{index}" if named else "",
        running=running,
        running_css=css_string(running),
        view=view,
        radar=_radar(view, scale),
        perspective_bars=_perspective_bars(view, scale),
        capability_bars=tuple(
            PerspectiveBars(title, charts.bars(*columns, scale))
            for title, columns in by_perspective.items()
        ),
        top_actions=view.actions[:TOP_ACTIONS],
        more_actions=view.actions[TOP_ACTIONS:],
        crosswalk=crosswalk_tables(view.crosswalk),
        trend_line=charts.line(view.trend_points, scale),
    )


def build_report(
    overview: ScorecardView,
    subjects: Sequence[ScorecardView],
    scale: range,
    *,
    sections_note: str = "",
    paper: str = "A4",
) -> ReportContext:
    """The report of ``overview``: for a portfolio, the overview, then ``subjects``' sections.

    For a single subject ``overview`` is that subject's view and ``subjects`` is ignored.
    """
    if not overview.portfolio:
        subjects = [overview]
    sections = tuple(
        section(view, i + 1, scale, named=overview.portfolio) for i, view in enumerate(subjects)
    )
    part = None
    if overview.portfolio:
        anchors = {s.view.subjects[0].name: s.anchor for s in sections}
        risers, fallers = movers(overview)
        part = PortfolioPart(
            view=overview,
            radar=_radar(overview, scale),
            perspective_bars=_perspective_bars(overview, scale),
            distribution=charts.distribution(overview.spread, scale),
            heat_columns=overview.heatmap.columns,
            heat_groups=heat_groups(overview.heatmap, scale, anchors),
            risers=risers,
            fallers=fallers,
            trend_line=charts.line(overview.trend_points, scale),
        )
    running = sections[0].running if not overview.portfolio else overview.title
    return ReportContext(
        title=overview.title,
        running=running,
        running_css=css_string(running),
        framework=overview.framework,
        framework_ref=overview.framework_ref,
        framework_digest=overview.framework_digest,
        generated=overview.generated.strftime("%Y-%m-%d %H:%M UTC"),
        evidence_level=str(overview.evidence_level),
        scale=f"{scale.start}\u2013{scale.stop - 1}",
        portfolio=part,
        paper=paper,
        sections=sections,
        sections_note=sections_note,
        method=METHOD,
    )
