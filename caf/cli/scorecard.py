"""The ``caf scorecard`` command: the leadership workbook for one assessment or a portfolio."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from caf.cli.options import (
    EVIDENCE_LEVEL_OPTION,
    FORCE_OPTION,
    PATH_OPTION,
    QUIET_OPTION,
    SKIP_INVALID_OPTION,
    print_issues,
    print_skipped,
    progress,
    refuse_overwrite,
    user_errors,
)

if TYPE_CHECKING:
    from collections.abc import Sequence


@click.command()
@click.argument(
    "assessments", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("scorecard.xlsx"),
    show_default=True,
    help="The workbook to write.",
)
@PATH_OPTION
@SKIP_INVALID_OPTION
@EVIDENCE_LEVEL_OPTION
@QUIET_OPTION
@FORCE_OPTION
@user_errors
def scorecard(
    assessments: Sequence[Path],
    output: Path,
    search: Sequence[Path],
    skip_invalid: bool,
    evidence_level: int,
    quiet: bool,
    force: bool,
) -> None:
    """Write the scorecard workbook (values only) for assessments: files or folders.

    One subject gives its scorecard; several give a portfolio with a heatmap, and two or more
    rounds a trend.
    """
    from caf.validation.library import Library
    from caf.validation.paths import expand
    from caf.xlsx.scorecard.make import make_scorecard

    refuse_overwrite(output, force)
    files, _ = expand(assessments)
    with progress(len(files), "Scoring", quiet=quiet) as step:
        made = make_scorecard(
            assessments,
            Library(search),
            output,
            skip_invalid=skip_invalid,
            evidence_level=evidence_level,
            on_file=step,
        )
    print_issues(made.warnings)
    print_skipped(made.skipped)
    click.echo(
        f"Wrote {made.path}: {made.subjects} subject(s), {made.assessments} assessment(s), "
        f"{made.rows:,} data rows; sheets: {', '.join(made.sheets)}",
        err=True,
    )
