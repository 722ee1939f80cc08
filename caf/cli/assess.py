"""Commands on assessment files: write a blank one, score one or many."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from caf.cli.options import (
    EVIDENCE_LEVEL_OPTION,
    FORCE_OPTION,
    PATH_OPTION,
    QUIET_OPTION,
    SKIP_INVALID_OPTION,
    format_option,
    print_issues,
    print_skipped,
    progress,
    refuse_overwrite,
    user_errors,
)

if TYPE_CHECKING:
    from collections.abc import Sequence


@click.command()
@click.argument("framework")
@PATH_OPTION
@click.option("--subject", default="Team name", show_default=True, help="The team assessed.")
@click.option(
    "--round",
    "round_label",
    default="",
    help="Round label, such as 2026-Q4 (default: this quarter).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of printing.",
)
@FORCE_OPTION
@user_errors
def init(
    framework: str,
    search: Sequence[Path],
    subject: str,
    round_label: str,
    output: Path | None,
    force: bool,
) -> None:
    """Write a blank assessment of FRAMEWORK (id or id@version) to fill in by hand."""
    from caf.files import write_text
    from caf.render.blank import blank_assessment
    from caf.validation.library import Library
    from caf.validation.session import check_labels

    refuse_overwrite(output, force)
    check_labels(subject, round_label)
    resolved = Library(search).framework(framework)
    text = blank_assessment(resolved, subject, round_label)
    if output is None:
        click.echo(text, nl=False)
        return
    write_text(output, text)
    click.echo(
        f"Wrote {output}: {len(resolved.practice_ids())} practices of {resolved.ref}", err=True
    )


@click.command()
@click.argument(
    "assessments", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@PATH_OPTION
@format_option("table", "table for people; json (full precision) for tools.")
@click.option(
    "--detail/--no-detail",
    default=True,
    show_default=True,
    help="Show capabilities under each perspective.",
)
@click.option(
    "--crosswalk",
    "catalog",
    default=None,
    help="Project the results onto a catalog (nist-ai-rmf, iso-42001, owasp-llm-2025, "
    "eu-ai-act): a verdict per item.",
)
@click.option(
    "--indent",
    type=click.IntRange(min=0),
    default=None,
    help="Indent JSON for people (default: compact, one scorecard at a time).",
)
@SKIP_INVALID_OPTION
@EVIDENCE_LEVEL_OPTION
@QUIET_OPTION
@user_errors
def score(  # noqa: PLR0917 - click passes each option as an argument
    assessments: Sequence[Path],
    search: Sequence[Path],
    fmt: str,
    detail: bool,
    catalog: str | None,
    indent: int | None,
    skip_invalid: bool,
    evidence_level: int,
    quiet: bool,
) -> None:
    """Score assessments (files or folders); several make a portfolio."""
    from caf.render.score_output import ScoreOutput
    from caf.scoring.batch import Batch
    from caf.validation.library import Library
    from caf.validation.paths import expand

    library = Library(search)
    files, _ = expand(assessments)
    with ScoreOutput(
        library, fmt=fmt, detail=detail, catalog=catalog, indent=indent, level=evidence_level
    ) as output:
        with progress(len(files), "Scoring", quiet=quiet) as step:
            batch = Batch(library, step, slim=True)
            for framework, card in batch.scored(batch.files(assessments)):
                output.add(framework, card)
        batch.finish(skip_invalid=skip_invalid)
        print_issues(batch.issues if skip_invalid else batch.warnings)
        print_skipped(batch.skipped)
        output.finish([portfolio for _, portfolio in batch.portfolios()], sys.stdout)
