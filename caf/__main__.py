"""``python -m caf`` runs the command line, like the ``caf`` script."""

from caf.cli.main import main

main()
