"""The ``caf`` command: thin click commands that parse options, call one library function, print.

Exit codes: 0 success, 1 a problem in the user's input (every issue is printed), 2 a usage
error. A traceback means a bug in caf. Library modules are imported inside the commands so
that ``caf --help`` starts quickly.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable, Sequence

    from caf.errors import Issue

P = ParamSpec("P")
R = TypeVar("R")

_FORCE_OPTION = click.option(
    "--force", is_flag=True, help="Overwrite the output file if it exists."
)


def _refuse_overwrite(output: Path | None, force: bool) -> None:
    """Stop before any work when the output exists and --force was not given."""
    if output is not None and output.exists() and not force:
        from caf.errors import OutputError  # noqa: PLC0415 - fast start-up

        raise OutputError(f"{output} exists; use --force to overwrite it")


_PATH_OPTION = click.option(
    "--path",
    "search",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A folder (or file) of frameworks, profiles and catalogs, searched before the shipped "
    "ones. Repeatable.",
)


def _format_option(default: str, help_text: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``--format``: the default format for people, or ``json`` for tools."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice([default, "json"]),
        default=default,
        show_default=True,
        help=help_text,
    )


def _print_issues(issues: Iterable[Issue]) -> None:
    for issue in issues:
        colour = "red" if issue.is_error else "yellow"
        click.secho(str(issue), fg=colour, err=True)


def _user_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn caf's own exceptions into a clean message on stderr and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from caf.errors import CafError, InvalidInputError  # noqa: PLC0415 - fast start-up

        try:
            return command(*args, **kwargs)
        except InvalidInputError as error:
            _print_issues(error.issues)
            click.secho(f"caf: {error}", fg="red", err=True)
            sys.exit(1)
        except CafError as error:
            click.secho(f"caf: {error}", fg="red", err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="caf-governance", prog_name="caf")
def main() -> None:
    """caf: governance checklists for AI adoption.

    Frameworks are data files; caf validates them and the assessments teams fill in, scores
    maturity exactly, and writes what facilitators, leaders and analysts need.
    """


@main.command()
@_PATH_OPTION
@_format_option("table", "Output format.")
@_user_errors
def frameworks(search: Sequence[Path], fmt: str) -> None:
    """List the frameworks and profiles caf can use."""
    from caf.render.terminal import table  # noqa: PLC0415
    from caf.validation.library import Library  # noqa: PLC0415

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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_PATH_OPTION
@_format_option("text", "text for people; json for tools.")
@_user_errors
def validate(paths: Sequence[Path], search: Sequence[Path], fmt: str) -> None:
    """Check frameworks, profiles, catalogs and assessments; report every problem.

    PATHS are files or folders. Exits 1 when any file has an error; warnings alone exit 0.
    """
    from caf.validation.paths import validate_paths  # noqa: PLC0415

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
                    "issues": [issue.as_dict() for issue in report.issues],
                },
                indent=2,
            )
        )
    else:
        _print_issues(report.issues)
        verdict = "ok" if report.ok else "failed"
        click.echo(
            f"{len(report.files)} files checked: {errors} errors, {warnings} warnings ({verdict})"
        )
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument(
    "kind", type=click.Choice(["framework", "profile", "catalog", "assessment", "roles"])
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of printing.",
)
@_user_errors
def schema(kind: str, output: Path | None) -> None:
    """Print the JSON Schema of a kind of caf file (for editor completion)."""
    from caf.files import write_text  # noqa: PLC0415
    from caf.render.schema import schema_text  # noqa: PLC0415

    text = schema_text(kind)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        click.echo(f"Wrote {output}", err=True)


@main.command()
@click.argument("framework")
@_PATH_OPTION
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
@_FORCE_OPTION
@_user_errors
def init(
    framework: str,
    search: Sequence[Path],
    subject: str,
    round_label: str,
    output: Path | None,
    force: bool,
) -> None:
    """Write a blank assessment of FRAMEWORK (id or id@version) to fill in by hand."""
    from caf.files import write_text  # noqa: PLC0415
    from caf.render.blank import blank_assessment  # noqa: PLC0415
    from caf.validation.library import Library  # noqa: PLC0415

    _refuse_overwrite(output, force)
    resolved = Library(search).framework(framework)
    text = blank_assessment(resolved, subject, round_label)
    if output is None:
        click.echo(text, nl=False)
        return
    write_text(output, text)
    click.echo(
        f"Wrote {output}: {len(resolved.practice_ids())} practices of {resolved.ref}", err=True
    )


@main.command()
@click.argument(
    "assessments", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@_PATH_OPTION
@_format_option("table", "table for people; json (full precision) for tools.")
@click.option(
    "--detail/--no-detail",
    default=True,
    show_default=True,
    help="Show capabilities under each perspective.",
)
@_user_errors
def score(assessments: Sequence[Path], search: Sequence[Path], fmt: str, detail: bool) -> None:
    """Score assessments (files or folders); several make a portfolio."""
    from caf.scoring.batch import score_files  # noqa: PLC0415
    from caf.validation.library import Library  # noqa: PLC0415
    from caf.validation.paths import expand  # noqa: PLC0415

    files, _ = expand(assessments)
    with click.progressbar(length=len(files), label="Scoring", file=sys.stderr) as bar:
        results = score_files(assessments, Library(search), on_file=lambda _: bar.update(1))
    _print_issues(results.warnings)
    if fmt == "json":
        from caf.render.jsondata import results_data  # noqa: PLC0415

        data = results_data(results.scorecards, results.portfolios)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from caf.render.terminal import portfolio_text, scorecard_text  # noqa: PLC0415

    blocks = [portfolio_text(portfolio) for portfolio in results.portfolios]
    blocks += [scorecard_text(card, detail=detail) for card in results.scorecards]
    click.echo("\n\n".join(blocks))


@main.command()
@click.argument("framework")
@click.option("--profile", help="A profile (id, or path to its file) that tailors FRAMEWORK.")
@_PATH_OPTION
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
@_FORCE_OPTION
@_user_errors
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
    from caf.validation.library import Library  # noqa: PLC0415
    from caf.validation.session import plan_session  # noqa: PLC0415
    from caf.xlsx.capture.writer import write_capture  # noqa: PLC0415

    _refuse_overwrite(output, force)
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
    click.echo(
        f"Wrote {output}: {len(session.framework.practice_ids())} practices of "
        f"{session.framework.ref} for {a.subject.name}, {a.round.label}",
        err=True,
    )


@main.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_PATH_OPTION
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
@_FORCE_OPTION
@_user_errors
def import_(
    source: Path, search: Sequence[Path], output: Path | None, allow_mapping: bool, force: bool
) -> None:
    """Read a filled capture workbook back into an assessment file.

    Every problem is reported with its cell (Assess!F12); if there is any error, nothing is
    written. The workbook itself is never changed.
    """
    from caf.files import guard, write_text  # noqa: PLC0415
    from caf.render.yamltext import dump_model  # noqa: PLC0415
    from caf.validation.library import Library  # noqa: PLC0415
    from caf.xlsx.capture.reader import import_workbook  # noqa: PLC0415

    if output is not None:
        guard(output, [source])
    _refuse_overwrite(output, force)
    imported = import_workbook(source, Library(search), allow_mapping=allow_mapping)
    _print_issues(imported.warnings)
    text = dump_model(imported.assessment)
    if output is None:
        click.echo(text, nl=False)
        return
    write_text(output, text, [source])
    answered = sum(1 for a in imported.assessment.answers.values() if a.level is not None)
    click.echo(
        f"Wrote {output}: {answered} levels, {len(imported.assessment.answers)} answers", err=True
    )


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("caf-demo"),
    show_default=True,
    help="Folder to write into.",
)
@click.option("--seed", type=int, default=None, help="Seed of the fictional portfolio.")
@_user_errors
def demo(output: Path, seed: int | None) -> None:
    """Run the whole pipeline on a bundled, fictional portfolio of teams."""
    from caf.demo import DEMO_SEED, run  # noqa: PLC0415

    run(output, seed=DEMO_SEED if seed is None else seed, echo=click.echo)
