"""The documented context every report template receives, built in one place.

Templates get one variable, ``report`` (a :class:`ReportContext`). It holds the scorecard's view
model (:class:`caf.render.scorecard_view.ScorecardView`, the same data the scorecard workbook
renders) for the portfolio and for each subject, plus what only the report needs: chart
geometry (:mod:`caf.report.charts`), the heatmap grouped by business unit, the movers, the
action plan split into the first rows and the rest. Every value a template shows is already
text in its final form, so templates only lay out. Every field carries a docstring (a test
fails otherwise): this module is the reference of what a template may use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markupsafe import Markup

    from caf.render.scorecard_view import (
        ActionRow,
        CrosswalkRow,
        ScorecardView,
    )
    from caf.report.charts import BarChart, Distribution, Line, Radar


@dataclass(frozen=True)
class HeatCell:
    """One score of the heatmap."""

    text: str
    """The score as read (a dash when nothing was answered)."""

    shade: str
    """CSS class of its shade: ``l0`` … ``l5`` by whole level reached, ``none`` when absent."""


@dataclass(frozen=True)
class HeatLine:
    """One subject's row of the heatmap."""

    subject: str
    """The subject's name."""

    anchor: str
    """The id of the subject's section in the report, or empty when it has none (capped)."""

    cells: tuple[HeatCell, ...]
    """One cell per perspective."""


@dataclass(frozen=True)
class HeatGroup:
    """The heatmap rows of one business unit."""

    business_unit: str
    """The business unit (``No business unit`` when not given)."""

    rows: tuple[HeatLine, ...]
    """Its subjects, by name."""


@dataclass(frozen=True)
class Mover:
    """A subject whose overall score changed between its two latest rounds."""

    subject: str
    """The subject's name."""

    rounds: str
    """``2026-Q2 → 2026-Q4``."""

    previous: str
    """The earlier overall score."""

    latest: str
    """The latest overall score."""

    change: str
    """The signed change (``+0.4``)."""


@dataclass(frozen=True)
class CatalogTable:
    """The crosswalk projection onto one catalog."""

    title: str
    """The catalog's title."""

    tally: str
    """``4 met · 2 partly · 1 not met · 3 not assessed``."""

    rows: tuple[CrosswalkRow, ...]
    """One row per catalog item."""


@dataclass(frozen=True)
class PerspectiveBars:
    """The capability bars of one perspective."""

    title: str
    """The perspective's title."""

    chart: BarChart
    """Its capabilities' scores against targets."""


@dataclass(frozen=True)
class SubjectSection:
    """Everything the report shows about one subject (the whole report for a single team)."""

    anchor: str
    """The section's HTML id."""

    page: str
    """The CSS named page of the section, for its running header in print; empty for a
    single subject's report (its running header is the report's)."""

    running: str
    """``Subject · round``, shown at the top of every printed page of the section."""

    running_css: Markup
    """The same as a CSS string literal, every character but ASCII letters and digits escaped
    (safe inside ``<style>``)."""

    view: ScorecardView
    """The subject's scorecard view model (the scorecard workbook's data)."""

    radar: Radar | None
    """Current against target per perspective; None with fewer than three perspectives."""

    perspective_bars: BarChart
    """Each perspective's score against its target."""

    capability_bars: tuple[PerspectiveBars, ...]
    """Each perspective's capabilities against their targets."""

    top_actions: tuple[ActionRow, ...]
    """The first rows of the action plan, highest priority first."""

    more_actions: tuple[ActionRow, ...]
    """The rest of the action plan (folded)."""

    crosswalk: tuple[CatalogTable, ...]
    """The crosswalk projection, one table per catalog."""

    trend_line: Line | None
    """The overall score per round, when two or more rounds were read."""


@dataclass(frozen=True)
class PortfolioPart:
    """What the report shows about a portfolio as a whole, before the sections per subject."""

    view: ScorecardView
    """The portfolio's scorecard view model (the scorecard workbook's data)."""

    radar: Radar | None
    """Mean current against mean target per perspective."""

    perspective_bars: BarChart
    """Each perspective's mean score against its mean target."""

    distribution: Distribution
    """Lowest, median, mean and highest subject per perspective."""

    heat_columns: tuple[str, ...]
    """The heatmap's column titles (perspectives)."""

    heat_groups: tuple[HeatGroup, ...]
    """The heatmap's rows grouped by business unit."""

    risers: tuple[Mover, ...]
    """The largest rises of the overall score between rounds, largest first."""

    fallers: tuple[Mover, ...]
    """The largest falls, largest first."""

    trend_line: Line | None
    """The mean overall score per round, when two or more rounds were read."""


@dataclass(frozen=True)
class ReportContext:
    """The whole report."""

    title: str
    """The report's title (``Scorecard — Team`` or ``Portfolio scorecard — N subjects``)."""

    running: str
    """The running header of printed pages outside a subject's section."""

    running_css: Markup
    """The same as an escaped CSS string literal."""

    framework: str
    """The framework's title."""

    framework_ref: str
    """``id@version``."""

    framework_digest: str
    """The framework's content digest."""

    generated: str
    """When the report was made, ``2026-12-01 22:40 UTC``."""

    evidence_level: str
    """Levels at or above this need evidence."""

    scale: str
    """The scale, ``0–5``."""

    paper: str
    """The printed page size, CSS ``A4`` or ``letter``."""

    portfolio: PortfolioPart | None
    """The portfolio overview; None for a single subject."""

    sections: tuple[SubjectSection, ...]
    """A section per subject, in input order (capped for a large portfolio)."""

    sections_note: str
    """Why some subjects have no section (empty when all do)."""

    method: tuple[str, ...]
    """How the figures are computed, step by step."""
