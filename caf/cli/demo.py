"""The ``caf demo`` command: the whole pipeline on the bundled fictional portfolio."""

from __future__ import annotations

from pathlib import Path

import click

from caf.cli.options import user_errors


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("caf-demo"),
    show_default=True,
    help="Folder to write into.",
)
@click.option("--seed", type=int, default=None, help="Seed of the fictional portfolio.")
@click.option("--force", is_flag=True, help="Write into the folder even if it is not empty.")
@user_errors
def demo(output: Path, seed: int | None, force: bool) -> None:
    """Run the whole pipeline on a bundled, fictional portfolio of teams.

    Refuses a folder that exists and is not empty (exit 2) unless --force is given, like every
    command that writes files.
    """
    from caf.demo import DEMO_SEED, run
    from caf.errors import OutputExistsError

    if output.is_dir() and any(output.iterdir()) and not force:
        raise OutputExistsError(
            f"{output} exists and is not empty; use --force to write the demo files into it"
        )
    run(output, seed=DEMO_SEED if seed is None else seed, echo=click.echo)
