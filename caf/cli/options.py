"""Options, error handling and output helpers shared by every ``caf`` command.

Library modules are imported inside the functions that need them so that ``caf --help`` starts
quickly (the per-file ruff rule for ``caf/cli`` allows those lazy imports).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

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
    if output is not None and output.exists() and not force:
        from caf.errors import OutputExistsError

        raise OutputExistsError(f"{output} exists; use --force to overwrite it")


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
