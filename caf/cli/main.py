"""The ``caf`` command group; each command family lives in its own module beside this one.

Exit codes: 0 success, 1 a problem in the user's input (every issue is printed), 2 a usage
error. A traceback means a bug in caf.
"""

from __future__ import annotations

import click

from caf.cli.assess import init, score
from caf.cli.demo import demo
from caf.cli.export import export
from caf.cli.library import frameworks, schema, validate
from caf.cli.pack import pack
from caf.cli.report import report
from caf.cli.scorecard import scorecard
from caf.cli.workbook import import_, workbook


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="caf-governance", prog_name="caf")
def main() -> None:
    """caf: governance checklists for AI adoption.

    Frameworks are data files; caf validates them and the assessments teams fill in, scores
    maturity exactly, and writes what facilitators, leaders and analysts need.
    """


for _command in (
    frameworks,
    validate,
    schema,
    init,
    score,
    scorecard,
    report,
    export,
    workbook,
    import_,
    pack,
    demo,
):
    main.add_command(_command)
