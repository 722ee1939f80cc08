"""``python -m caf`` runs the command line, like the ``caf`` script."""

from caf.cli import main

main()
