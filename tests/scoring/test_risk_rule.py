"""The risk rule as the README states it, for every threshold setting (issue 8, point 10)."""

from __future__ import annotations

import itertools

from helpers import ROOT

from caf.models.framework import RiskRules
from caf.scoring.scorecard import Risk, risk_of


def documented(gap: int, *, critical: bool, rules: RiskRules) -> Risk:
    """The README's words, written out independently of the engine."""
    if gap >= rules.high_gap or (critical and gap >= rules.critical_high_gap):
        return Risk.HIGH
    return Risk.MEDIUM if gap >= rules.medium_gap else Risk.NONE


def test_every_threshold_setting_follows_the_documented_rule() -> None:
    for high, critical_high, medium in itertools.product(range(1, 6), repeat=3):
        rules = RiskRules(high_gap=high, critical_high_gap=critical_high, medium_gap=medium)
        for gap, critical in itertools.product(range(6), (False, True)):
            assert risk_of(gap, critical=critical, rules=rules) is documented(
                gap, critical=critical, rules=rules
            ), (rules, gap, critical)


def test_the_cases_the_issue_asked_about() -> None:
    for high in (3, 4):
        rules = RiskRules(high_gap=high)
        assert risk_of(2, critical=False, rules=rules) is Risk.MEDIUM
        assert risk_of(high, critical=False, rules=rules) is Risk.HIGH
        assert risk_of(1, critical=True, rules=rules) is Risk.HIGH
    assert risk_of(3, critical=False, rules=RiskRules(medium_gap=5, high_gap=4)) is Risk.NONE


def test_readme_states_the_general_rule() -> None:
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "**MEDIUM** when gap ≥ `medium_gap`" in text
    assert "With `high_gap: 4`, gaps of 1 to 3 are MEDIUM" in text
