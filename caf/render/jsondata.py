"""Scorecards and portfolios as JSON-ready data (``caf score --format json``).

Numbers keep full precision: JSON is for machines, which round for themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING

from pydantic import BaseModel

from caf.scoring.portfolio import SubjectHistory

if TYPE_CHECKING:
    from collections.abc import Sequence

    from caf.scoring.portfolio import Portfolio
    from caf.scoring.scorecard import Scorecard


def to_data(value: object) -> object:
    """Dataclasses, models, enums, dates and tuples as plain JSON-ready values."""
    if isinstance(value, SubjectHistory):
        latest = value.latest
        return {
            "key": value.key,
            "name": latest.subject.name,
            # Every round read (the history keeps only the two latest scorecards).
            "rounds": [round_.label for round_, _ in value.overall_by_round],
            "latest_round": latest.round.label,
            "overall": latest.overall.score,
            "perspectives": {p.id: p.summary.score for p in latest.perspectives},
            "overall_change": value.overall_change,
            "perspective_change": value.perspective_change,
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_data(item) for key, item in value.items()}
    return value


def results_data(
    scorecards: Sequence[Scorecard], portfolios: Sequence[Portfolio]
) -> dict[str, object]:
    """The document ``caf score --format json`` prints.

    Every scorecard, and a portfolio per framework answered by more than one assessment.
    """
    return {
        "scorecards": [to_data(card) for card in scorecards],
        "portfolios": [to_data(portfolio) for portfolio in portfolios],
    }
