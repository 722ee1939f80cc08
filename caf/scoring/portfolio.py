"""Many scorecards of one framework → a Portfolio (docs/scoring.md, "Portfolios and trend").

Per subject, the latest round counts for the heatmap; the trend is the difference between a
subject's two latest rounds (overall and per perspective). A portfolio perspective score is the
mean over subjects (each subject counts once), shown with min, median and max. Each assessment
is scored once: the portfolio is built from the scorecards already computed.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from caf.scoring.scorecard import score

if TYPE_CHECKING:
    from collections.abc import Iterable

    from caf.models.assessment import Assessment, Round
    from caf.models.framework import Framework
    from caf.scoring.scorecard import Scorecard


@dataclass(frozen=True, slots=True)
class Spread:
    """How one figure is spread over the subjects of a portfolio."""

    mean: float | None
    minimum: float | None
    median: float | None
    maximum: float | None
    count: int


def spread(values: Iterable[float | None]) -> Spread:
    """Mean, min, median and max of the values that are present."""
    present = [v for v in values if v is not None]
    if not present:
        return Spread(None, None, None, None, 0)
    return Spread(
        statistics.fmean(present),
        min(present),
        statistics.median(present),
        max(present),
        len(present),
    )


def _change(new: float | None, old: float | None) -> float | None:
    return None if new is None or old is None else new - old


@dataclass(frozen=True)
class SubjectHistory:
    """One subject's rounds, oldest first, and the change between its two latest."""

    key: str
    rounds: tuple[Scorecard, ...]
    overall_change: float | None
    perspective_change: dict[str, float | None] = field(default_factory=dict)
    overall_by_round: tuple[tuple[Round, float | None], ...] = ()
    """The overall score of every round seen, oldest first (``rounds`` may keep only the two
    latest scorecards when many files stream through)."""

    @property
    def latest(self) -> Scorecard:
        """The newest round: what the heatmap shows."""
        return self.rounds[-1]

    @property
    def previous(self) -> Scorecard | None:
        """The round before the newest, if any."""
        return self.rounds[-2] if len(self.rounds) > 1 else None


@dataclass(frozen=True)
class PortfolioPerspective:
    """A perspective across subjects (each subject's latest round counts once)."""

    id: str
    title: str
    spread: Spread


@dataclass(frozen=True)
class Portfolio:
    """The result for many assessments of one framework."""

    framework_id: str
    framework_version: str
    subjects: tuple[SubjectHistory, ...]
    overall: Spread
    perspectives: tuple[PortfolioPerspective, ...]


def round_key(round_: Round) -> tuple[int, str, str]:
    """Rounds in time order: by date where given (undated rounds first), then by label."""
    return (
        0 if round_.date is None else 1,
        round_.date.isoformat() if round_.date else "",
        round_.label,
    )


def portfolio(framework: Framework, assessments: Iterable[Assessment]) -> Portfolio:
    """Score many assessments: latest round per subject, trend between its two latest.

    Rounds of a subject are ordered by :func:`round_key`; assessments with equal keys keep
    their input order (the later one counts as newer).
    """
    return portfolio_of(framework, (score(framework, assessment) for assessment in assessments))


def portfolio_of(framework: Framework, scorecards: Iterable[Scorecard]) -> Portfolio:
    """The portfolio of scorecards already computed (each assessment is scored once)."""
    by_subject: dict[str, list[Scorecard]] = {}
    for card in scorecards:
        by_subject.setdefault(card.subject.key, []).append(card)
    return _portfolio(framework, [history_of(key, cards) for key, cards in by_subject.items()])


def portfolio_of_histories(framework: Framework, histories: Iterable[SubjectHistory]) -> Portfolio:
    """The portfolio of subjects' histories already gathered (one subject's own, for example)."""
    return _portfolio(framework, list(histories))


def _portfolio(framework: Framework, histories: list[SubjectHistory]) -> Portfolio:
    perspectives = tuple(
        PortfolioPerspective(
            p.id, p.title, spread(h.latest.perspectives[index].summary.score for h in histories)
        )
        for index, p in enumerate(framework.perspectives)
    )
    return Portfolio(
        framework.id,
        framework.version,
        tuple(histories),
        spread(h.latest.overall.score for h in histories),
        perspectives,
    )


def history_of(
    key: str,
    cards: Iterable[Scorecard],
    overall_by_round: tuple[tuple[Round, float | None], ...] | None = None,
) -> SubjectHistory:
    """One subject's rounds in time order (a stable sort), with the change between its latest."""
    rounds = tuple(sorted(cards, key=lambda card: round_key(card.round)))
    if overall_by_round is None:
        overall_by_round = tuple((card.round, card.overall.score) for card in rounds)
    latest = rounds[-1]
    previous = rounds[-2] if len(rounds) > 1 else None
    changes: dict[str, float | None] = {}
    for result in latest.perspectives:
        before = previous.perspective(result.id) if previous is not None else None
        changes[result.id] = _change(
            result.summary.score, before.summary.score if before is not None else None
        )
    return SubjectHistory(
        key,
        rounds,
        _change(latest.overall.score, previous.overall.score if previous else None),
        changes,
        overall_by_round,
    )


class PortfolioBuilder:
    """Takes scorecards one at a time and keeps only what a portfolio needs.

    Per subject: the two latest scorecards (for the heatmap and the trend) and every round's
    overall score (for the trend chart). Memory grows with the number of subjects, not with
    the number of files.
    """

    def __init__(self, framework: Framework) -> None:
        """Start an empty portfolio of ``framework``."""
        self.framework = framework
        self._latest: dict[str, list[Scorecard]] = {}
        self._overall: dict[str, list[tuple[int, Round, float | None]]] = {}
        self._seen = 0

    def add(self, card: Scorecard) -> None:
        """Count one scorecard in (a later one with an equal round key counts as newer)."""
        key = card.subject.key
        self._seen += 1
        self._overall.setdefault(key, []).append((self._seen, card.round, card.overall.score))
        kept = self._latest.setdefault(key, [])
        kept.append(card)
        if len(kept) > 2:  # noqa: PLR2004 - the latest and the one before it
            kept.sort(key=lambda c: round_key(c.round))
            del kept[0]

    def build(self) -> Portfolio:
        """The portfolio of everything added so far."""
        histories = []
        for key, cards in self._latest.items():
            seen = sorted(self._overall[key], key=lambda item: (round_key(item[1]), item[0]))
            by_round = tuple((round_, overall) for _, round_, overall in seen)
            histories.append(history_of(key, cards, by_round))
        return _portfolio(self.framework, histories)

    @property
    def count(self) -> int:
        """How many scorecards were added."""
        return self._seen
