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
@user_errors
def demo(output: Path, seed: int | None) -> None:
    """Run the whole pipeline on a bundled, fictional portfolio of teams."""
    from caf.demo import DEMO_SEED, run

    run(output, seed=DEMO_SEED if seed is None else seed, echo=click.echo)
