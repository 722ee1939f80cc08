"""Claimed, unevidenced: high levels that rest on someone's word alone.

A level at or above the threshold (default 3, *Defined*) is a claim that the practice is
established; a claim with no evidence item (a document, link or record in the answer's
``evidence`` list) is flagged so that leaders know which high scores nobody has shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from caf.scoring.scorecard import PracticeResult, Scorecard

DEFAULT_EVIDENCE_LEVEL = 3
"""Levels at or above this need at least one evidence item."""


def is_unevidenced(result: PracticeResult, level: int = DEFAULT_EVIDENCE_LEVEL) -> bool:
    """True when the practice claims ``level`` or more and lists no evidence."""
    return result.level is not None and result.level >= level and result.evidence == 0


def unevidenced(card: Scorecard, level: int = DEFAULT_EVIDENCE_LEVEL) -> tuple[PracticeResult, ...]:
    """The practices of a scorecard claimed at ``level`` or more without evidence, in order."""
    return tuple(r for r in card.practices if is_unevidenced(r, level))
