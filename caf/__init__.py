"""caf: a checklist engine for governing AI adoption.

Frameworks are data files; caf validates them and the assessments teams fill in, scores
maturity exactly (docs/scoring.md), and produces workbooks, scorecards and workshop packs.
"""

__version__ = "0.1.0"
