"""Options, error handling and output helpers shared by every ``caf`` command.

Library modules are imported inside the functions that need them so that ``caf --help`` starts
quickly (the per-file ruff rule for ``caf/cli`` allows those lazy imports).
"""

from __future__ import annotations

import contextlib
import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from caf.errors import Issue

P = ParamSpec("P")
R = TypeVar("R")

FORCE_OPTION = click.option("--force", is_flag=True, help="Overwrite the output if it exists.")
"""``--force``: overwrite an existing output."""

PATH_OPTION = click.option(
    "--path",
    "search",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A folder (or file) of frameworks, profiles and catalogs, searched before the shipped "
    "ones. Repeatable.",
)
"""``--path``: folders searched before the shipped frameworks."""


def refuse_overwrite(output: Path | None, force: bool) -> None:
    """Stop before any work when the output exists and --force was not given."""
    from caf.files import refuse_existing

    refuse_existing(output, force=force)


def format_option(default: str, help_text: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``--format``: the default format for people, or ``json`` for tools."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice([default, "json"]),
        default=default,
        show_default=True,
        help=help_text,
    )


def say(message: object, *, colour: str | None = None) -> None:
    """Print one line for people on stderr, with control characters neutralised.

    Messages carry text from files and options (a subject, a path, a key); an escape sequence
    or a line break in it must not reach the terminal as one.
    """
    from caf.render.terminal import clean

    click.secho(clean(message), fg=colour, err=True)


def print_issues(issues: Iterable[Issue]) -> None:
    """Print located issues on stderr, errors in red and warnings in yellow.

    At most :data:`~caf.errors.LISTED_PER_CODE` issues of each code are printed; the rest are
    counted in one line per code.
    """
    from caf.errors import bounded

    for issue in bounded(issues):
        say(issue, colour="red" if issue.is_error else "yellow")


USAGE_EXIT = 2
"""Exit code of a usage error: a bad option, or an output that exists (README, exit codes)."""


def user_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn caf's own exceptions into a clean message on stderr and exit 1 (2 for usage)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from caf.errors import CafError, InvalidInputError, OutputExistsError

        try:
            return command(*args, **kwargs)
        except OutputExistsError as error:
            say(f"caf: {error}", colour="red")
            sys.exit(USAGE_EXIT)
        except InvalidInputError as error:
            print_issues(error.issues)
            say(f"caf: {error}", colour="red")
            sys.exit(1)
        except CafError as error:
            say(f"caf: {error}", colour="red")
            sys.exit(1)

    return wrapper


QUIET_OPTION = click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="No progress bar (it is off anyway when stderr is not a terminal).",
)
"""``--quiet``: no progress bar."""

SKIP_INVALID_OPTION = click.option(
    "--skip-invalid",
    is_flag=True,
    help="Score the good files and list the bad ones, instead of stopping with nothing written.",
)
"""``--skip-invalid``: leave bad files out instead of stopping."""

EVIDENCE_LEVEL_OPTION = click.option(
    "--evidence-level",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Levels at or above this with no evidence item are flagged 'claimed, unevidenced'.",
)
"""``--evidence-level``: the level from which a claim needs evidence."""


@contextlib.contextmanager
def progress(length: int, label: str, *, quiet: bool) -> Iterator[Callable[[object], None]]:
    """A progress bar on stderr while many files are read; silent when quiet or not a terminal.

    Yields the function to call after each file.
    """
    if quiet or length < 2 or not sys.stderr.isatty():  # noqa: PLR2004 - one file needs no bar
        yield lambda _: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield lambda _: bar.update(1)


def print_skipped(skipped: Iterable[Path]) -> None:
    """List the files left out by ``--skip-invalid``."""
    for path in skipped:
        click.secho(f"skipped {path}: it has errors (listed above)", fg="yellow", err=True)
