"""The ``caf pack`` command: a workshop pack, ready to print and walk into the room."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from caf.cli.options import FORCE_OPTION, PATH_OPTION, user_errors

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

DEFAULT_BREAKS = "10:30+15,12:30+45,15:00+15"
"""caf.pack.agenda.DEFAULT_BREAKS, repeated so that ``caf --help`` imports no library code (a
test keeps the two equal)."""

_BREAKS_HELP = (
    "Breaks as HH:MM+minutes, comma separated, or 'none'; each is taken between sessions."
)


@click.command()
@click.argument("framework")
@click.option("--profile", help="A profile (id, or path to its file) that tailors FRAMEWORK.")
@PATH_OPTION
@click.option("--subject", required=True, help="The team assessed.")
@click.option("--round", "round_label", default="", help="Round label (default: this quarter).")
@click.option(
    "--date", "when", type=click.DateTime(["%Y-%m-%d"]), help="Workshop date (default: today)."
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Last round's assessment: its levels, notes and actions beside each question, its "
    "radar in the deck, its answers as the workbook's starting point.",
)
@click.option("--perspectives", default="", help="Perspective ids to assess, comma separated.")
@click.option(
    "--start",
    type=click.DateTime(["%H:%M"]),
    default="09:00",
    show_default=True,
    help="When the workshop starts.",
)
@click.option(
    "--minutes-per-practice",
    type=click.IntRange(1, 120),
    default=5,
    show_default=True,
    help="Time allowed for one question.",
)
@click.option("--breaks", default=DEFAULT_BREAKS, show_default=True, help=_BREAKS_HELP)
@click.option(
    "--templates",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of your own templates (and deck.pptx), searched before the built-in ones. "
    "Repeatable.",
)
@click.option("--pdf", is_flag=True, help="Also write PDFs of the HTML documents (caf[pdf]).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="The pack folder to write; DIR.zip is written beside it.",
)
@FORCE_OPTION
@user_errors
def pack(
    *,
    framework: str,
    profile: str | None,
    search: Sequence[Path],
    subject: str,
    round_label: str,
    when: dt.datetime | None,
    previous: Path | None,
    perspectives: str,
    start: dt.datetime,
    minutes_per_practice: int,
    breaks: str,
    templates: Sequence[Path],
    pdf: bool,
    output: Path,
    force: bool,
) -> None:
    """Write a workshop pack for FRAMEWORK as the folder DIR and DIR.zip.

    Facilitator guide with a timed agenda, participant worksheets, pre-read, one invitation
    per session, slide deck and the capture workbook.
    """
    from caf.pack.agenda import parse_breaks
    from caf.pack.writer import PackOptions, write_pack
    from caf.validation.library import Library
    from caf.validation.session import plan_session

    library = Library(search)
    options = PackOptions(
        perspectives=tuple(p.strip() for p in perspectives.split(",") if p.strip()),
        start=start.time(),
        minutes_per_practice=minutes_per_practice,
        breaks=parse_breaks(breaks),
        templates=tuple(templates),
        pdf=pdf,
        force=force,
    )
    session = plan_session(
        library,
        framework,
        profile=profile,
        subject=subject,
        round_label=round_label,
        date=when.date() if when else None,
    )
    result = write_pack(output, session, previous, library, options)
    click.echo(
        f"Wrote {result.folder} ({len(result.files)} files) and {result.archive}: "
        f"{result.context.practice_count} practices, {result.context.agenda_length}",
        err=True,
    )
    if result.context.agenda_warning:
        click.secho(result.context.agenda_warning, fg="yellow", err=True)
