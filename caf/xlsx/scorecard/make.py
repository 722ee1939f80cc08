"""From assessment files to the scorecard workbook, streaming: the library side of the command.

Each file is read and scored once; its tidy rows go to a disk spool and its scorecard to the
portfolio (which keeps the two latest rounds per subject). Only when every file has been read
(and none had an error, or bad ones may be skipped) is the workbook written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from caf.render.scorecard_build import build_view
from caf.render.spool import RowSpool
from caf.render.tidy import Dimensions
from caf.scoring.batch import Batch
from caf.scoring.evidence import DEFAULT_EVIDENCE_LEVEL
from caf.validation.checks import framework_digest
from caf.xlsx.scorecard.writer import write_scorecard

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from caf.errors import Issue
    from caf.validation.library import Library


@dataclass(frozen=True)
class Made:
    """What ``caf scorecard`` wrote."""

    path: Path
    """The workbook."""

    sheets: list[str]
    """Its sheets, in order."""

    subjects: int
    """Subjects in it."""

    assessments: int
    """Assessments read."""

    rows: int
    """Rows of the Data sheet."""

    skipped: list[Path]
    """Files left out because they had errors (``skip_invalid``)."""

    warnings: list[Issue]
    """Warnings found on the way."""


def make_scorecard(
    paths: Sequence[Path],
    library: Library,
    output: Path,
    *,
    skip_invalid: bool = False,
    evidence_level: int = DEFAULT_EVIDENCE_LEVEL,
    on_file: Callable[[Path], None] | None = None,
) -> Made:
    """Score the assessments under ``paths`` and write one scorecard workbook.

    Raises:
        InvalidInputError: a file has an error (and ``skip_invalid`` is off), or none is good.
        CafError: the assessments answer more than one framework.
    """
    batch = Batch(library, on_file)
    files = batch.files(paths)
    with RowSpool() as spool:
        dimensions: dict[str, Dimensions] = {}
        for framework, card in batch.scored(files):
            if framework.ref not in dimensions:
                dimensions[framework.ref] = Dimensions(framework)
            spool.extend(dimensions[framework.ref].rows(card, evidence_level))
        batch.finish(skip_invalid=skip_invalid)
        builder = batch.only_builder("scorecard")
        framework = builder.framework
        view = build_view(
            framework,
            builder.build(),
            library.catalogs(),
            spool,
            framework_digest=framework_digest(framework),
            evidence_level=evidence_level,
        )
        sheets = write_scorecard(output, view, files)
        return Made(
            output,
            sheets,
            len(view.subjects),
            builder.count,
            len(spool),
            batch.skipped,
            batch.warnings,
        )
