"""The ``caf report`` command: the scorecard as one HTML file to read, print or forward."""

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

DEFAULT_SECTIONS = 30
"""caf.report.writer.DEFAULT_SECTIONS, repeated so that ``caf --help`` imports no library code
(a test keeps the two equal)."""


@click.command()
@click.argument(
    "assessments", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--pdf", is_flag=True, help="Also write the PDF beside it (caf[pdf]: WeasyPrint).")
@click.option(
    "--paper",
    type=click.Choice(["A4", "letter"], case_sensitive=False),
    default="A4",
    show_default=True,
    help="Printed page size.",
)
@click.option(
    "--sections",
    type=click.IntRange(min=0),
    default=DEFAULT_SECTIONS,
    show_default=True,
    help="In a portfolio, at most this many subjects get a section of their own.",
)
@click.option(
    "--templates",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of your own templates, searched before the built-in ones. Repeatable.",
)
@PATH_OPTION
@SKIP_INVALID_OPTION
@EVIDENCE_LEVEL_OPTION
@QUIET_OPTION
@FORCE_OPTION
@user_errors
def report(
    *,
    assessments: Sequence[Path],
    output: Path,
    pdf: bool,
    paper: str,
    sections: int,
    templates: Sequence[Path],
    search: Sequence[Path],
    skip_invalid: bool,
    evidence_level: int,
    quiet: bool,
    force: bool,
) -> None:
    """Write the scorecard report (one self-contained HTML file) for assessments: files or folders.

    One subject gives its headline, radar, bars, action plan, N/A register, crosswalk and
    trend; several give a portfolio (heatmap by business unit, distribution, movers) followed
    by a section per subject.
    """
    from caf.report.writer import ReportOptions, write_report
    from caf.validation.library import Library
    from caf.validation.paths import expand

    refuse_overwrite(output, force)
    if pdf:
        refuse_overwrite(output.with_suffix(".pdf"), force)
    options = ReportOptions(
        sections=sections,
        templates=tuple(templates),
        pdf=pdf,
        skip_invalid=skip_invalid,
        evidence_level=evidence_level,
        paper="A4" if paper.upper() == "A4" else "letter",
    )
    files, _ = expand(assessments)
    with progress(len(files), "Scoring", quiet=quiet) as step:
        made = write_report(assessments, Library(search), output, options, on_file=step)
    print_issues(made.warnings)
    print_skipped(made.skipped)
    also = f" and {made.pdf}" if made.pdf else ""
    click.echo(
        f"Wrote {made.html}{also}: {made.subjects} subject(s), {made.assessments} "
        f"assessment(s), {made.sections} section(s), {made.size / 1024:,.0f} KiB",
        err=True,
    )
