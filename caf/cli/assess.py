"""Commands on assessment files: write a blank one, score one or many."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from caf.cli.options import (
    FORCE_OPTION,
    PATH_OPTION,
    format_option,
    print_issues,
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
@user_errors
def score(assessments: Sequence[Path], search: Sequence[Path], fmt: str, detail: bool) -> None:
    """Score assessments (files or folders); several make a portfolio."""
    from caf.scoring.batch import score_files
    from caf.validation.library import Library
    from caf.validation.paths import expand

    files, _ = expand(assessments)
    with click.progressbar(length=len(files), label="Scoring", file=sys.stderr) as bar:
        results = score_files(assessments, Library(search), on_file=lambda _: bar.update(1))
    print_issues(results.warnings)
    if fmt == "json":
        from caf.render.jsondata import results_data

        data = results_data(results.scorecards, results.portfolios)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from caf.render.terminal import portfolio_text, scorecard_text

    blocks = [portfolio_text(portfolio) for portfolio in results.portfolios]
    blocks += [scorecard_text(card, detail=detail) for card in results.scorecards]
    click.echo("\n\n".join(blocks))
