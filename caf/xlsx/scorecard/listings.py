"""The scorecard's listing sheets: Actions, Crosswalk, NA register and Evidence.

Each is a title, a header with filters and one row per item of the view, written top to bottom
(the workbook is written in constant memory).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from caf.xlsx.scorecard.cells import Column, ScorecardBook

if TYPE_CHECKING:
    from caf.render.scorecard_view import ScorecardView


def write_actions(book: ScorecardBook, view: ScorecardView, page: str) -> None:
    """The action plan in priority order, across subjects, with where to look on AWS."""
    columns = (
        Column("Subject", width=24),
        Column("ID", width=10),
        Column("Practice", width=36),
        Column("Perspective", width=20),
        Column("Capability", width=24),
        Column("Level", "count", 7),
        Column("Target", "count", 7),
        Column("Gap", "count", 6),
        Column("Risk", width=9),
        Column("Priority", "number", 9),
        Column("Critical", "bool", 8),
        Column("Owner", width=18),
        Column("Due", "date", 11),
        Column("Evidence", width=22),
        Column("On AWS, look at", width=40),
    )
    rows = (
        (
            a.subject,
            a.practice_id,
            a.practice,
            a.perspective,
            a.capability,
            a.level,
            a.target,
            a.gap,
            a.risk,
            a.priority,
            a.critical,
            a.owner,
            a.due,
            a.flag,
            a.aws_evidence,
        )
        for a in view.actions
    )
    book.listing("Actions", columns, rows, page)


def write_listings(book: ScorecardBook, view: ScorecardView, page: str) -> None:
    """The Crosswalk, NA register and Evidence sheets."""
    _crosswalk(book, view, page)
    _na_register(book, view, page)
    _evidence(book, view, page)


def _crosswalk(book: ScorecardBook, view: ScorecardView, page: str) -> None:
    crosswalk = (
        Column("Catalog", width=28),
        Column("Item", width=12),
        Column("Title", width=36),
        Column("Practices (relation): level/target", width=40),
        Column("Largest gap", "count", 9),
        Column("Verdict", width=12),
        Column("Met", "count", 6),
        Column("Partly", "count", 7),
        Column("Not met", "count", 8),
        Column("Not assessed", "count", 10),
    )
    book.listing(
        "Crosswalk",
        crosswalk,
        (
            (
                c.catalog,
                c.item_id,
                c.item,
                c.practices,
                c.worst_gap,
                c.verdict,
                c.met,
                c.partly,
                c.not_met,
                c.not_assessed,
            )
            for c in view.crosswalk
        ),
        page,
    )


def _na_register(book: ScorecardBook, view: ScorecardView, page: str) -> None:
    na = (
        Column("Subject", width=24),
        Column("Round"),
        Column("ID", width=10),
        Column("Practice", width=36),
        Column("Perspective", width=20),
        Column("Reason", width=60),
    )
    book.listing(
        "NA register",
        na,
        (
            (n.subject, n.round, n.practice_id, n.practice, n.perspective, n.reason)
            for n in view.na_register
        ),
        page,
    )


def _evidence(book: ScorecardBook, view: ScorecardView, page: str) -> None:
    evidence = (
        Column("Subject", width=24),
        Column("Round"),
        Column("ID", width=10),
        Column("Practice", width=36),
        Column("Perspective", width=20),
        Column("Level", "count", 7),
        Column("Target", "count", 7),
        Column("Flag", width=22),
    )
    book.listing(
        "Evidence",
        evidence,
        (
            (
                e.subject,
                e.round,
                e.practice_id,
                e.practice,
                e.perspective,
                e.level,
                e.target,
                "claimed, unevidenced",
            )
            for e in view.evidence
        ),
        page,
    )
