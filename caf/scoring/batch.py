"""Score many assessment files at once, grouped by the framework they answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from caf.scoring.scorecard import portfolio, score
from caf.validation.paths import load_assessments

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from caf.errors import Issue
    from caf.models.assessment import Assessment
    from caf.models.framework import Framework
    from caf.scoring.scorecard import Portfolio, Scorecard
    from caf.validation.library import Library


@dataclass(frozen=True)
class Group:
    """The assessments of one framework: a scorecard each, and a portfolio when several."""

    framework: Framework
    scorecards: list[Scorecard]
    portfolio: Portfolio | None


@dataclass(frozen=True)
class Results:
    """Everything ``caf score`` prints."""

    groups: list[Group]
    warnings: list[Issue]

    @property
    def scorecards(self) -> list[Scorecard]:
        """Every scorecard, in file order within each framework."""
        return [card for group in self.groups for card in group.scorecards]

    @property
    def portfolios(self) -> list[Portfolio]:
        """The portfolio of each framework answered more than once."""
        return [group.portfolio for group in self.groups if group.portfolio is not None]


def score_files(
    paths: Sequence[Path], library: Library, on_file: Callable[[Path], None] | None = None
) -> Results:
    """Validate and score the assessments under ``paths``.

    Raises:
        InvalidInputError: when any file has an error (every issue of every file is in it).
    """
    loaded = load_assessments(paths, library, on_file=on_file)
    by_framework: dict[str, tuple[Framework, list[Assessment]]] = {}
    for assessment, framework in loaded.pairs:
        by_framework.setdefault(framework.ref, (framework, []))[1].append(assessment)
    groups = []
    for framework, assessments in by_framework.values():
        cards = [score(framework, assessment) for assessment in assessments]
        result = portfolio(framework, assessments) if len(assessments) > 1 else None
        groups.append(Group(framework, cards, result))
    return Results(groups, loaded.warnings)
