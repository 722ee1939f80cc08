"""Score many assessment files as a stream, grouped by the framework they answer.

Each file is read (fast when clean, located when not: :mod:`caf.validation.fastpath`), scored
once and handed on; nothing keeps the parsed documents. Every problem of every file is
collected. A caller that writes output checks :meth:`Batch.finish` before it keeps anything,
so that nothing is written when any file is bad, unless it asked to skip the bad ones.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from caf.errors import CafError, Code, InvalidInputError, Issue, has_errors
from caf.models.assessment import Assessment
from caf.scoring.portfolio import PortfolioBuilder
from caf.scoring.scorecard import score
from caf.validation.fastpath import check_fast
from caf.validation.paths import expand

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

    from caf.models.framework import Framework
    from caf.scoring.portfolio import Portfolio
    from caf.scoring.scorecard import Scorecard
    from caf.validation.library import Library


_GC_THRESHOLD = 50_000
"""Allocations between young-generation collections while files stream (Python's default: 700)."""


@dataclass
class Batch:
    """Many files scored one at a time; what was found on the way."""

    library: Library
    """Where the frameworks come from."""

    on_file: Callable[[Path], None] | None = None
    """Called after each file (a progress bar)."""

    issues: list[Issue] = field(default_factory=list)
    """Every issue of every file, in file order."""

    skipped: list[Path] = field(default_factory=list)
    """Files with errors, in file order."""

    builders: dict[str, PortfolioBuilder] = field(default_factory=dict)
    """One portfolio per framework ``id@version``, fed as scorecards pass."""

    slim: bool = False
    """Keep only overall and perspective figures in the portfolio: what ``caf score`` needs,
    and what keeps its memory to a few KiB per subject."""

    portfolio: bool = True
    """Build portfolios at all (an export needs none)."""

    count: int = 0
    """Assessments scored."""

    def files(self, paths: Sequence[Path]) -> list[Path]:
        """The files named and under the folders named (empty folders are issues)."""
        files, issues = expand(paths)
        self.issues += issues
        return files

    def scored(self, files: Sequence[Path]) -> Iterator[tuple[Framework, Scorecard]]:
        """Each good file's scorecard with its framework, as the file is read.

        The garbage collector would otherwise walk the framework and library (hundreds of
        thousands of objects, alive throughout) again and again; they are frozen once the first
        file has loaded them, and collection runs less often while files stream through.
        """
        threshold = gc.get_threshold()
        gc.set_threshold(_GC_THRESHOLD, *threshold[1:])
        try:
            for index, file in enumerate(files):
                result = self._one(file)
                if index == 0:
                    gc.freeze()
                if self.on_file is not None:
                    self.on_file(file)
                if result is None:
                    self.skipped.append(file)
                    continue
                self.count += 1
                if self.portfolio:
                    self._keep(*result)
                yield result
        finally:
            gc.unfreeze()
            gc.set_threshold(*threshold)

    def _keep(self, framework: Framework, card: Scorecard) -> None:
        builder = self.builders.get(framework.ref)
        if builder is None:
            builder = self.builders[framework.ref] = PortfolioBuilder(framework)
        builder.add(slimmed(card) if self.slim else card)

    def _one(self, file: Path) -> tuple[Framework, Scorecard] | None:
        checked = check_fast(file, self.library)
        self.issues += checked.issues
        model = checked.parsed.model
        if not checked.ok or checked.framework is None:
            return None
        if not isinstance(model, Assessment):
            issue = Issue(
                Code.UNKNOWN_KIND,
                f"this is a {checked.parsed.kind}, not an assessment",
                file=str(file),
            )
            self.issues.append(issue)
            return None
        return checked.framework, score(checked.framework, model)

    def portfolios(self) -> list[tuple[Framework, Portfolio]]:
        """The portfolio of each framework answered more than once."""
        return [(b.framework, b.build()) for b in self.builders.values() if b.count > 1]

    def only_builder(self, what: str) -> PortfolioBuilder:
        """The portfolio of the one framework every file answers; ``what`` names the output.

        Raises:
            CafError: the files answer more than one framework (one ``what`` per framework).
        """
        if len(self.builders) > 1:
            raise CafError(
                "the assessments answer more than one framework ("
                + ", ".join(self.builders)
                + f"); make one {what} per framework"
            )
        return next(iter(self.builders.values()))

    @property
    def warnings(self) -> list[Issue]:
        """The issues that are not errors."""
        return [issue for issue in self.issues if not issue.is_error]

    def finish(self, *, skip_invalid: bool) -> None:
        """Stop unless every file was good, or bad files may be skipped (and some were good).

        Raises:
            InvalidInputError: with every issue, when a file has an error and ``skip_invalid``
                is off, or when no file at all could be scored.
        """
        if not has_errors(self.issues):
            return
        if not skip_invalid or not self.count:
            raise InvalidInputError(self.issues, "the assessments")


def slimmed(card: Scorecard) -> Scorecard:
    """The scorecard's overall and perspective figures, without capabilities or practices."""
    return replace(
        card,
        perspectives=tuple(replace(p, capabilities=()) for p in card.perspectives),
        practices=(),
        actions=(),
        not_assessed=(),
        na_register=(),
    )


@dataclass(frozen=True)
class Group:
    """The assessments of one framework: a scorecard each, and a portfolio when several."""

    framework: Framework
    scorecards: list[Scorecard]
    portfolio: Portfolio | None


@dataclass(frozen=True)
class Results:
    """Every scorecard of a batch kept in memory (for small batches and tests)."""

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
    paths: Sequence[Path],
    library: Library,
    on_file: Callable[[Path], None] | None = None,
    *,
    skip_invalid: bool = False,
) -> Results:
    """Validate and score the assessments under ``paths``, keeping every scorecard.

    Raises:
        InvalidInputError: when any file has an error (every issue of every file is in it),
            unless ``skip_invalid`` is given and some file could be scored.
    """
    batch = Batch(library, on_file)
    by_framework: dict[str, tuple[Framework, list[Scorecard]]] = {}
    for framework, card in batch.scored(batch.files(paths)):
        by_framework.setdefault(framework.ref, (framework, []))[1].append(card)
    batch.finish(skip_invalid=skip_invalid)
    portfolios = {framework.ref: result for framework, result in batch.portfolios()}
    groups = [
        Group(framework, cards, portfolios.get(framework.ref))
        for framework, cards in by_framework.values()
    ]
    return Results(groups, batch.warnings)
