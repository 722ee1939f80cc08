from __future__ import annotations

from helpers import make_assessment, make_framework, practice

from caf.scoring.evidence import unevidenced
from caf.scoring.scorecard import score


def test_levels_at_or_above_the_threshold_without_evidence_are_flagged() -> None:
    capability = {"id": "c", "title": "C", "practices": [practice(f"p{n}") for n in range(1, 6)]}
    framework = make_framework([{"id": "P", "title": "P", "capabilities": [capability]}])
    answers: dict[str, dict[str, object]] = {
        "p1": {"level": 3},
        "p2": {"level": 4, "evidence": ["audit report"]},
        "p3": {"level": 2},
        "p4": {"level": 5},
        "p5": {"na": True, "na_reason": "no"},
    }
    card = score(framework, make_assessment(framework, answers))
    assert [r.id for r in unevidenced(card)] == ["p1", "p4"]
    assert [r.id for r in unevidenced(card, 5)] == ["p4"]
    assert [r.id for r in unevidenced(card, 2)] == ["p1", "p3", "p4"]
    assert {r.id: r.evidence for r in card.practices}["p2"] == 1
