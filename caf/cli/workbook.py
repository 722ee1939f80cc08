"""Commands for the capture workbook: write it for a workshop, import it back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from caf.cli.options import (
    FORCE_OPTION,
    PATH_OPTION,
    print_issues,
    refuse_overwrite,
    say,
    user_errors,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence


@click.command()
@click.argument("framework")
@click.option("--profile", help="A profile (id, or path to its file) that tailors FRAMEWORK.")
@PATH_OPTION
@click.option("--subject", default="Team name", show_default=True, help="The team assessed.")
@click.option("--round", "round_label", default="", help="Round label (default: this quarter).")
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d"]), help="Workshop date.")
@click.option(
    "--from",
    "previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Pre-fill the answers (and who and when) from this assessment file.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The workbook to write (.xlsx).",
)
@FORCE_OPTION
@user_errors
def workbook(
    *,
    framework: str,
    profile: str | None,
    search: Sequence[Path],
    subject: str,
    round_label: str,
    when: dt.datetime | None,
    previous: Path | None,
    output: Path,
    force: bool,
) -> None:
    """Write the capture workbook for FRAMEWORK, to fill in during the workshop."""
    from caf.validation.library import Library
    from caf.validation.session import plan_session
    from caf.xlsx.capture.writer import write_capture

    refuse_overwrite(output, force)
    session = plan_session(
        Library(search),
        framework,
        profile=profile,
        subject=subject,
        round_label=round_label,
        date=when.date() if when else None,
        carry_over=previous,
    )
    write_capture(output, session.framework, session.assessment, session.inputs)
    a = session.assessment
    say(
        f"Wrote {output}: {len(session.framework.practice_ids())} practices of "
        f"{session.framework.ref} for {a.subject.name}, {a.round.label}"
    )


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@PATH_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the assessment here (YAML) instead of printing it.",
)
@click.option(
    "--allow-mapping",
    is_flag=True,
    help="Import a workbook written for other content of the framework, by id.",
)
@FORCE_OPTION
@user_errors
def import_(
    source: Path, search: Sequence[Path], output: Path | None, allow_mapping: bool, force: bool
) -> None:
    """Read a filled capture workbook back into an assessment file.

    Every problem is reported with its cell (Assess!F12); if there is any error, nothing is
    written. The workbook itself is never changed.
    """
    from caf.files import refuse_input_overwrite, write_text
    from caf.render.yamltext import dump_model
    from caf.validation.library import Library
    from caf.xlsx.capture.reader import import_workbook

    if output is not None:
        refuse_input_overwrite(output, [source])
    refuse_overwrite(output, force)
    imported = import_workbook(source, Library(search), allow_mapping=allow_mapping)
    print_issues(imported.warnings)
    text = dump_model(imported.assessment)
    if output is None:
        click.echo(text, nl=False)
        return
    write_text(output, text, [source])
    answered = sum(1 for a in imported.assessment.answers.values() if a.level is not None)
    click.echo(
        f"Wrote {output}: {answered} levels, {len(imported.assessment.answers)} answers", err=True
    )
