"""The ``caf export`` commands: tidy data for analysts."""

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


@click.group()
def export() -> None:
    """Export results for other tools."""


@export.command("data")
@click.argument(
    "assessments", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    required=True,
    help="data.csv, data.jsonl or data.sqlite; '-' writes to stdout (CSV unless --format).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "sqlite"]),
    default=None,
    help="The format (default: from the output's ending).",
)
@PATH_OPTION
@SKIP_INVALID_OPTION
@EVIDENCE_LEVEL_OPTION
@QUIET_OPTION
@FORCE_OPTION
@user_errors
def data(
    assessments: Sequence[Path],
    output: str,
    fmt: str | None,
    search: Sequence[Path],
    skip_invalid: bool,
    evidence_level: int,
    quiet: bool,
    force: bool,
) -> None:
    """Tidy rows, one per subject x round x practice, as CSV, JSON Lines or SQLite."""
    from caf.errors import CafError
    from caf.render.export import ExportFormat
    from caf.render.export_files import export_data
    from caf.validation.library import Library
    from caf.validation.paths import expand

    chosen = ExportFormat(fmt) if fmt else ExportFormat.of(output)
    if chosen is None:
        chosen = ExportFormat.CSV if output == "-" else None
    if chosen is None:
        raise CafError(f"cannot tell the format of {output!r}; use --format csv|jsonl|sqlite")
    target = None if output == "-" else Path(output)
    if target is None and chosen is ExportFormat.SQLITE:
        raise CafError("SQLite cannot go to stdout; name a file")
    refuse_overwrite(target, force)
    files, _ = expand(assessments)
    with progress(len(files), "Exporting", quiet=quiet) as step:
        done = export_data(
            assessments,
            Library(search),
            target,
            chosen,
            skip_invalid=skip_invalid,
            evidence_level=evidence_level,
            on_file=step,
        )
    print_issues(done.warnings)
    print_skipped(done.skipped)
    where = "stdout" if target is None else str(target)
    click.echo(f"Wrote {done.rows:,} rows of {done.assessments} assessment(s) to {where}", err=True)
