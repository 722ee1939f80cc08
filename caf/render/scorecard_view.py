"""The scorecard's view model: one typed, documented description of everything a leader sees.

The scorecard workbook (:mod:`caf.xlsx.scorecard`) and the HTML report render this same data;
:mod:`caf.render.scorecard_build` builds it from scorecards. Each figure is a :class:`Shown`:
the value (full precision less binary float error, for cells and charts) and the text a person
reads (rounded half away from zero by :mod:`caf.render.numbers`). Writers and templates only
lay out; they never compute or round.
"""

from __future__ import annotations

import datetime as dt  # noqa: TC003 - dataclass fields are read at run time by templates
from collections.abc import Iterable  # noqa: TC003 - same as above
from dataclasses import dataclass

from caf.render.tidy import Cell  # noqa: TC001 - same as above


@dataclass(frozen=True, slots=True)
class Shown:
    """A figure as stored and as read."""

    value: float | None
    """The number for a cell or chart; None when there is none."""

    text: str
    """The number as a person reads it (``2.4``, ``67%``, ``+0.3``, or a dash)."""


@dataclass(frozen=True, slots=True)
class Headline:
    """One headline figure of the Summary."""

    label: str
    """What the figure is."""

    figure: Shown
    """Its value."""

    kind: str
    """``score``, ``percent`` or ``count``: how to format it."""

    note: str
    """How to read it, in a few words."""


@dataclass(frozen=True, slots=True)
class SubjectLine:
    """A subject and the round of it that the scorecard shows."""

    key: str
    """The subject's stable key."""

    name: str
    """The subject's name."""

    business_unit: str | None
    """Its business unit, when given."""

    round: str
    """The latest round's label."""

    date: dt.date | None
    """The latest round's date."""

    rounds: int
    """How many rounds of the subject were read."""


@dataclass(frozen=True, slots=True)
class NodeRow:
    """A perspective or capability of one subject's latest round, with every figure."""

    subject: str
    """The subject's name."""

    round: str
    """The round label."""

    perspective: str
    """The perspective's title (for a capability, the one it belongs to)."""

    id: str
    """The node's id."""

    title: str
    """The node's title."""

    kind: str | None
    """CAF-AI marking of a capability: ``new``, ``enriched`` or ``base``; None otherwise."""

    weight: float
    """The node's weight in its parent's mean."""

    score: Shown
    """Weighted mean level over answered practices."""

    target: Shown
    """Weighted mean target over the same practices."""

    floor: Shown
    """Lowest level answered."""

    coverage: Shown
    """Answered / applicable."""

    percent_to_target: Shown
    """Σ w·min(v, t) / Σ w·t."""

    answered: int
    """Practices answered."""

    applicable: int
    """Practices not N/A."""

    total: int
    """Practices under the node."""

    high: int
    """HIGH risks."""

    medium: int
    """MEDIUM risks."""


@dataclass(frozen=True, slots=True)
class PerspectiveChart:
    """One perspective on the radar and bars: current against target."""

    title: str
    """The perspective's title."""

    score: Shown
    """The score (mean over subjects for a portfolio)."""

    target: Shown
    """The target (mean over subjects for a portfolio)."""


@dataclass(frozen=True, slots=True)
class SpreadRow:
    """How a perspective (or the overall score) is spread over a portfolio's subjects."""

    title: str
    """The perspective's title, or ``Overall``."""

    mean: Shown
    """Mean over subjects."""

    minimum: Shown
    """Lowest subject."""

    median: Shown
    """Median subject."""

    maximum: Shown
    """Highest subject."""

    subjects: int
    """Subjects with a score."""


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One practice to improve, in the action plan's order."""

    subject: str
    """The subject's name."""

    practice_id: str
    """The practice id."""

    practice: str
    """The practice title."""

    perspective: str
    """The perspective's title."""

    capability: str
    """The capability's title."""

    level: int | None
    """The level reached."""

    target: int
    """The target."""

    gap: int | None
    """target - level."""

    risk: str
    """HIGH, MEDIUM or NONE."""

    priority: Shown
    """w × gap² × (2 if critical)."""

    critical: bool
    """A critical practice."""

    owner: str | None
    """Who closes the gap."""

    due: dt.date | None
    """By when."""

    flag: str
    """``claimed, unevidenced`` when the level rests on no evidence item; else empty."""

    aws_evidence: str
    """On AWS, where to look for the evidence of the level (the practice's ``aws_evidence``,
    joined with ``; ``); empty when the framework names none."""


@dataclass(frozen=True, slots=True)
class NaRow:
    """A practice marked not applicable, with its reason."""

    subject: str
    """The subject's name."""

    round: str
    """The round label."""

    practice_id: str
    """The practice id."""

    practice: str
    """The practice title."""

    perspective: str
    """The perspective's title."""

    reason: str
    """Why it does not apply (``no reason given`` when missing)."""


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """A level at or above the threshold with no evidence: claimed, unevidenced."""

    subject: str
    """The subject's name."""

    round: str
    """The round label."""

    practice_id: str
    """The practice id."""

    practice: str
    """The practice title."""

    perspective: str
    """The perspective's title."""

    level: int
    """The level claimed."""

    target: int
    """The target."""


@dataclass(frozen=True, slots=True)
class HeatRow:
    """One subject's latest scores across the heatmap's columns."""

    subject: str
    """The subject's name."""

    business_unit: str
    """Its business unit (empty when not given); rows are grouped by it."""

    cells: tuple[Shown, ...]
    """One score per column."""


@dataclass(frozen=True, slots=True)
class Heatmap:
    """Subjects × nodes (perspectives or capabilities), latest round."""

    columns: tuple[str, ...]
    """Column titles."""

    rows: tuple[HeatRow, ...]
    """Subjects, grouped by business unit, then by name."""


@dataclass(frozen=True, slots=True)
class TrendRow:
    """A subject's figure in its two latest rounds."""

    subject: str
    """The subject's name."""

    node: str
    """``Overall`` or a perspective's title."""

    previous_round: str
    """The earlier round's label."""

    latest_round: str
    """The latest round's label."""

    previous: Shown
    """The earlier score."""

    latest: Shown
    """The latest score."""

    change: Shown
    """latest - previous."""


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """The overall score of one round label (mean over the subjects assessed in it)."""

    round: str
    """The round label."""

    score: Shown
    """The mean overall score."""

    subjects: int
    """Subjects assessed in that round."""


@dataclass(frozen=True, slots=True)
class CrosswalkRow:
    """One catalog item with the practices that reference it and the verdict."""

    catalog: str
    """The catalog's title."""

    item_id: str
    """The item's id."""

    item: str
    """The item's short title."""

    practices: str
    """The referencing practices: ``ID (relation): level/target``, one per line."""

    worst_gap: int | None
    """The largest gap among the answered practices."""

    verdict: str
    """met, partly, not met or not assessed; for a portfolio, the most common verdict."""

    met: int
    """Subjects for which the item is met (1 or 0 for one subject)."""

    partly: int
    """Subjects for which it is partly met."""

    not_met: int
    """Subjects for which it is not met."""

    not_assessed: int
    """Subjects for which it is not assessed."""


@dataclass(frozen=True)
class ScorecardView:
    """Everything the scorecard shows, ready to lay out."""

    title: str
    """``Scorecard — Team`` or ``Portfolio scorecard — N subjects``."""

    portfolio: bool
    """True for more than one subject."""

    framework: str
    """The framework's title."""

    framework_ref: str
    """``id@version``."""

    framework_digest: str
    """The framework's content digest."""

    generated: dt.datetime
    """When the scorecard was made (UTC)."""

    evidence_level: int
    """Levels at or above this need evidence."""

    subjects: tuple[SubjectLine, ...]
    """The subjects, in input order."""

    headline: tuple[Headline, ...]
    """The headline figures."""

    chart: tuple[PerspectiveChart, ...]
    """Per perspective: current and target, for the radar and bars."""

    spread: tuple[SpreadRow, ...]
    """For a portfolio: overall and each perspective across subjects."""

    perspectives: tuple[NodeRow, ...]
    """Every perspective of every subject's latest round."""

    capabilities: tuple[NodeRow, ...]
    """Every capability of every subject's latest round."""

    actions: tuple[ActionRow, ...]
    """One action plan across subjects, highest priority first."""

    heatmap: Heatmap
    """Subjects × perspectives."""

    capability_heatmap: Heatmap
    """Subjects × capabilities."""

    trend: tuple[TrendRow, ...]
    """Per subject with two or more rounds: overall and each perspective."""

    trend_points: tuple[TrendPoint, ...]
    """The overall score per round label, oldest first (for the line chart)."""

    crosswalk: tuple[CrosswalkRow, ...]
    """Every item of every catalog the framework references."""

    na_register: tuple[NaRow, ...]
    """Every N/A with its reason."""

    evidence: tuple[EvidenceRow, ...]
    """Every level claimed without evidence."""

    data_columns: tuple[str, ...]
    """The Data sheet's column names."""

    data: Iterable[tuple[Cell, ...]]
    """The tidy rows of every round read (may be read once only: streamed from disk)."""
