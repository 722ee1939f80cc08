from __future__ import annotations

from typing import TYPE_CHECKING

from helpers import make_assessment, make_framework, practice

from caf.scoring.portfolio import PortfolioBuilder, portfolio
from caf.scoring.scorecard import score

if TYPE_CHECKING:
    from caf.models.framework import Framework


def _framework() -> Framework:
    capability = {"id": "c", "title": "C", "practices": [practice("p1"), practice("p2")]}
    return make_framework([{"id": "P", "title": "P", "capabilities": [capability]}])


def test_builder_keeps_two_latest_rounds_and_every_overall() -> None:
    framework = _framework()
    rounds = [("R3", "2026-03-01", 3), ("R1", "2026-01-01", 1), ("R2", "2026-02-01", 2)]
    assessments = [
        make_assessment(
            framework, {"p1": {"level": level}, "p2": {"level": level}},
            subject=subject, round_label=label, date=date,
        )
        for subject in ("A", "B")
        for label, date, level in rounds
    ]  # fmt: skip
    builder = PortfolioBuilder(framework)
    for assessment in assessments:
        builder.add(score(framework, assessment))
    built = builder.build()
    whole = portfolio(framework, assessments)
    assert builder.count == 6
    for kept, full in zip(built.subjects, whole.subjects, strict=True):
        assert [c.round.label for c in kept.rounds] == ["R2", "R3"]
        assert [c.round.label for c in full.rounds] == ["R1", "R2", "R3"]
        assert kept.overall_change == full.overall_change == 1
        assert kept.perspective_change == full.perspective_change
        assert [(r.label, s) for r, s in kept.overall_by_round] == [
            ("R1", 1),
            ("R2", 2),
            ("R3", 3),
        ]
    assert built.overall == whole.overall
    assert built.perspectives == whole.perspectives
