"""Tidy rows: one row per subject × round × practice, with every dimension beside the figures.

The same rows feed the scorecard workbook's Data sheet and ``caf export data`` (CSV, JSON
Lines, SQLite), so an analyst's pivot table and the leader's workbook agree. Values keep full
precision and their types (numbers are numbers, dates are dates, empty is None); writers
decide how to spell them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from caf.scoring.evidence import DEFAULT_EVIDENCE_LEVEL, is_unevidenced

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from caf.models.framework import Capability, Framework, Perspective, Practice
    from caf.scoring.scorecard import Scorecard

COLUMNS: tuple[str, ...] = (
    "subject_key",
    "subject",
    "business_unit",
    "round",
    "round_date",
    "framework",
    "framework_version",
    "perspective_id",
    "perspective",
    "capability_id",
    "capability",
    "kind",
    "practice_id",
    "practice",
    "layer",
    "component",
    "tags",
    "weight",
    "critical",
    "applicable",
    "level",
    "target",
    "gap",
    "risk",
    "priority",
    "owner",
    "due",
    "evidence_count",
    "unevidenced",
    "na_reason",
)
"""The columns of a tidy row, in order (the Data sheet, CSV header and SQLite table)."""

Cell = str | int | float | bool | None
"""A value in a tidy row; dates are ISO text in the row (``round_date``, ``due``)."""


@dataclass(frozen=True, slots=True)
class _Place:
    perspective: Perspective
    capability: Capability
    practice: Practice


class Dimensions:
    """The framework's dimensions of every practice, looked up by id once per framework."""

    def __init__(self, framework: Framework) -> None:
        """Index the practices of ``framework``."""
        self.framework = framework
        self._places = {
            practice.id: _Place(perspective, capability, practice)
            for perspective, capability, practice in framework.practices()
        }

    def rows(
        self, card: Scorecard, evidence_level: int = DEFAULT_EVIDENCE_LEVEL
    ) -> Iterator[tuple[Cell, ...]]:
        """The tidy rows of one scorecard, in framework order (values in :data:`COLUMNS` order)."""
        subject, round_ = card.subject, card.round
        head: tuple[Cell, ...] = (
            subject.key,
            subject.name,
            subject.business_unit,
            round_.label,
            _iso(round_.date),
            card.framework_id,
            card.framework_version,
        )
        for result in card.practices:
            place = self._places[result.id]
            practice = place.practice
            yield (
                *head,
                place.perspective.id,
                place.perspective.title,
                place.capability.id,
                place.capability.title,
                place.capability.kind.value if place.capability.kind else None,
                practice.id,
                practice.title,
                practice.layer.value if practice.layer else None,
                practice.component.value if practice.component else None,
                ";".join(practice.tags) or None,
                result.weight,
                result.critical,
                result.applicable,
                result.level,
                result.target,
                result.gap,
                result.risk.value,
                result.priority,
                result.owner,
                _iso(result.due),
                result.evidence,
                is_unevidenced(result, evidence_level),
                result.na_reason,
            )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
