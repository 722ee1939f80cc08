"""Commands for framework authors: list, validate and describe the files caf reads."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from caf.cli.options import PATH_OPTION, format_option, print_issues, user_errors

if TYPE_CHECKING:
    from collections.abc import Sequence


@click.command()
@PATH_OPTION
@format_option("table", "Output format.")
@user_errors
def frameworks(search: Sequence[Path], fmt: str) -> None:
    """List the frameworks and profiles caf can use."""
    from caf.render.terminal import table
    from caf.validation.library import Library

    entries = Library(search).frameworks()
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "version": e.version,
                        "kind": e.kind,
                        "title": e.title,
                        "path": str(e.path),
                        "shipped": e.shipped,
                        "extends": e.extends,
                    }
                    for e in entries
                ],
                indent=2,
            )
        )
        return
    rows = [
        [
            e.ref,
            e.kind + (f" of {e.extends}" if e.extends else ""),
            e.title,
            "shipped" if e.shipped else str(e.path),
        ]
        for e in entries
    ]
    click.echo(table(["Framework", "Kind", "Title", "Where"], rows, [False] * 4))


def _print_codes(fmt: str) -> None:
    """Every issue code with its one-line description."""
    from caf.errors import Code

    if fmt == "json":
        click.echo(json.dumps({code.value: code.description for code in Code}, indent=2))
        return
    width = max(len(code.value) for code in Code)
    for code in Code:
        click.echo(f"{code.value:<{width}}  {code.description}")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@PATH_OPTION
@format_option("text", "text for people; json for tools.")
@click.option("--codes", is_flag=True, help="List every issue code with what it means, and exit.")
@user_errors
def validate(paths: Sequence[Path], search: Sequence[Path], fmt: str, codes: bool) -> None:
    """Check frameworks, profiles, catalogs and assessments; report every problem.

    PATHS are files or folders. Exits 1 when any file has an error; warnings alone exit 0.
    At most 50 issues of each code are listed; the rest are counted.
    """
    from caf.errors import bounded
    from caf.validation.paths import validate_paths

    if codes:
        _print_codes(fmt)
        return
    if not paths:
        raise click.UsageError("give at least one file or folder to validate (or --codes)")

    report = validate_paths(paths, search)
    errors = sum(1 for issue in report.issues if issue.is_error)
    warnings = len(report.issues) - errors
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "ok": report.ok,
                    "files": len(report.files),
                    "errors": errors,
                    "warnings": warnings,
                    "issues": [issue.as_dict() for issue in bounded(report.issues)],
                },
                indent=2,
            )
        )
    else:
        print_issues(report.issues)
        verdict = "ok" if report.ok else "failed"
        click.echo(
            f"{len(report.files)} files checked: {errors} errors, {warnings} warnings ({verdict})"
        )
    if not report.ok:
        sys.exit(1)


@click.command()
@click.argument(
    "kind", type=click.Choice(["framework", "profile", "catalog", "assessment", "roles"])
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of printing.",
)
@user_errors
def schema(kind: str, output: Path | None) -> None:
    """Print the JSON Schema of a kind of caf file (for editor completion)."""
    from caf.files import write_text
    from caf.render.schema import schema_text

    text = schema_text(kind)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        click.echo(f"Wrote {output}", err=True)
