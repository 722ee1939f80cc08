"""Every scoring rule of docs/scoring.md, table by table, and the invariants as properties."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import make_assessment, make_framework, practice
from hypothesis import given, settings
from hypothesis import strategies as st

from caf.models.framework import Framework, RiskRules
from caf.scoring.portfolio import portfolio
from caf.scoring.scorecard import Risk, risk_of, score


def hand_framework() -> Framework:
    """The framework of the hand-computed example used across these tests.

    A (weight 2): A1 (weight 1): p1 (w 1, target 3), p2 (w 2, critical, target 4)
                  A2 (weight 3): p3 (w 1, default target 3)
    B (weight 1): B1: p4, p5
    """
    return make_framework(
        [
            {
                "id": "A",
                "title": "A",
                "weight": 2,
                "capabilities": [
                    {
                        "id": "A1",
                        "title": "A1",
                        "practices": [
                            practice("p1", target=3),
                            practice("p2", weight=2, critical=True, target=4),
                        ],
                    },
                    {"id": "A2", "title": "A2", "weight": 3, "practices": [practice("p3")]},
                ],
            },
            {
                "id": "B",
                "title": "B",
                "capabilities": [
                    {"id": "B1", "title": "B1", "practices": [practice("p4"), practice("p5")]},
                ],
            },
        ]
    )


HAND_ANSWERS: dict[str, dict[str, Any]] = {
    "p1": {"level": 2},
    "p2": {"level": 2},
    "p3": {"level": 4},
    "p4": {"na": True, "na_reason": "no such system"},
}


def test_hand_computed_example() -> None:
    fw = hand_framework()
    card = score(fw, make_assessment(fw, HAND_ANSWERS))
    a = card.perspective("A")
    b = card.perspective("B")
    assert a is not None
    assert b is not None
    a1, a2 = a.capabilities
    # capability: Σ w·v / Σ w over answered practices
    assert a1.summary.score == pytest.approx((1 * 2 + 2 * 2) / 3, abs=1e-12)
    assert a1.summary.target == pytest.approx((1 * 3 + 2 * 4) / 3, abs=1e-12)
    assert a2.summary.score == 4.0
    # perspective: capability weights (1 and 3)
    assert a.summary.score == pytest.approx((1 * 2.0 + 3 * 4.0) / 4, abs=1e-12)
    # B has nothing answered: no score, and it does not drag the overall down
    assert b.summary.score is None
    assert b.summary.coverage == 0.0
    assert card.overall.score == a.summary.score
    # floor, coverage and percent to target over practices
    assert card.overall.floor == 2
    assert card.overall.coverage == pytest.approx(3 / 4)
    assert card.overall.percent_to_target == pytest.approx((1 * 2 + 2 * 2 + 1 * 3) / (3 + 8 + 3))
    # risk and priority
    results = {r.id: r for r in card.practices}
    assert results["p1"].risk is Risk.MEDIUM
    assert results["p2"].risk is Risk.HIGH
    assert results["p3"].risk is Risk.NONE
    assert results["p4"].risk is Risk.NOT_APPLICABLE
    assert results["p5"].risk is Risk.UNASSESSED
    assert results["p1"].priority == 1
    assert results["p2"].priority == 2 * 2**2 * 2
    assert [r.id for r in card.actions] == ["p2", "p1"]
    assert [r.id for r in card.not_assessed] == ["p5"]
    assert [(r.id, r.na_reason) for r in card.na_register] == [("p4", "no such system")]
    assert (card.overall.high, card.overall.medium) == (1, 1)


@pytest.mark.parametrize(
    ("gap", "critical", "expected"),
    [
        (0, False, Risk.NONE),
        (0, True, Risk.NONE),
        (1, False, Risk.MEDIUM),
        (1, True, Risk.HIGH),
        (2, False, Risk.HIGH),
        (2, True, Risk.HIGH),
        (5, False, Risk.HIGH),
    ],
)
def test_risk_rules(gap: int, critical: bool, expected: Risk) -> None:
    assert risk_of(gap, critical=critical, rules=RiskRules()) is expected


def test_risk_thresholds_per_framework() -> None:
    rules = RiskRules(high_gap=3, medium_gap=2, critical_high_gap=2)
    assert risk_of(1, critical=False, rules=rules) is Risk.NONE
    assert risk_of(1, critical=True, rules=rules) is Risk.NONE
    assert risk_of(2, critical=False, rules=rules) is Risk.MEDIUM
    assert risk_of(2, critical=True, rules=rules) is Risk.HIGH
    assert risk_of(3, critical=False, rules=rules) is Risk.HIGH


def one_practice(**extra: Any) -> Framework:
    return make_framework(
        [
            {
                "id": "P",
                "title": "P",
                "capabilities": [{"id": "C", "title": "C", "practices": [practice("x", **extra)]}],
            }
        ]
    )


@pytest.mark.parametrize(
    ("practice_extra", "answer", "framework_extra", "target", "gap"),
    [
        ({}, {"level": 1}, {}, 3, 2),  # framework default target
        ({}, {"level": 1}, {"default_target": 2}, 2, 1),  # another default
        ({"target": 4}, {"level": 1}, {}, 4, 3),  # practice target
        ({"target": 4}, {"level": 1, "target": 2}, {}, 2, 1),  # answer target wins
        ({"target": 2}, {"level": 5}, {}, 2, 0),  # never a negative gap
    ],
)
def test_targets(
    practice_extra: dict[str, Any],
    answer: dict[str, Any],
    framework_extra: dict[str, Any],
    target: int,
    gap: int,
) -> None:
    fw = make_framework(
        one_practice(**practice_extra).model_dump()["perspectives"], **framework_extra
    )
    card = score(fw, make_assessment(fw, {"x": answer}))
    (result,) = card.practices
    assert (result.target, result.gap) == (target, gap)


@pytest.mark.parametrize(
    ("weights", "levels", "expected"),
    [
        ((1, 1), (0, 4), 2.0),
        ((1, 3), (0, 4), 3.0),
        ((2, 2), (1, 2), 1.5),
        ((0.5, 1.5), (4, 0), 1.0),
    ],
)
def test_weights_at_practice_level(
    weights: tuple[float, float], levels: tuple[int, int], expected: float
) -> None:
    fw = make_framework(
        [
            {
                "id": "P",
                "title": "P",
                "capabilities": [
                    {
                        "id": "C",
                        "title": "C",
                        "practices": [
                            practice("a", weight=weights[0]),
                            practice("b", weight=weights[1]),
                        ],
                    }
                ],
            }
        ]
    )
    card = score(fw, make_assessment(fw, {"a": {"level": levels[0]}, "b": {"level": levels[1]}}))
    assert card.perspectives[0].capabilities[0].summary.score == pytest.approx(expected)


def test_weights_at_every_level_of_the_tree() -> None:
    fw = make_framework(
        [
            {
                "id": "P1",
                "title": "P1",
                "weight": 3,
                "capabilities": [
                    {"id": "C1", "title": "C1", "weight": 1, "practices": [practice("a")]},
                    {"id": "C2", "title": "C2", "weight": 2, "practices": [practice("b")]},
                ],
            },
            {
                "id": "P2",
                "title": "P2",
                "weight": 1,
                "capabilities": [
                    {"id": "C3", "title": "C3", "practices": [practice("c")]},
                ],
            },
        ]
    )
    card = score(fw, make_assessment(fw, {"a": {"level": 1}, "b": {"level": 4}, "c": {"level": 0}}))
    p1 = (1 * 1 + 2 * 4) / 3
    assert card.perspectives[0].summary.score == pytest.approx(p1)
    assert card.overall.score == pytest.approx((3 * p1 + 1 * 0) / 4)


def test_percent_to_target_gives_no_credit_past_target() -> None:
    fw = make_framework(
        [
            {
                "id": "P",
                "title": "P",
                "capabilities": [
                    {"id": "C", "title": "C", "practices": [practice("a", target=2), practice("b")]}
                ],
            }
        ]
    )
    card = score(fw, make_assessment(fw, {"a": {"level": 5}, "b": {"level": 0}}))
    # a counts min(5, 2) = 2 of 2; b 0 of 3
    assert card.overall.percent_to_target == pytest.approx(2 / 5)


def test_percent_to_target_skips_zero_targets() -> None:
    fw = one_practice(target=0)
    card = score(fw, make_assessment(fw, {"x": {"level": 3}}))
    assert card.overall.percent_to_target is None
    assert card.overall.score == 3.0


def test_nothing_answered() -> None:
    fw = hand_framework()
    card = score(fw, make_assessment(fw, {}))
    assert card.overall.score is None
    assert card.overall.floor is None
    assert card.overall.coverage == 0.0
    assert card.overall.percent_to_target is None
    assert len(card.not_assessed) == 5
    assert card.actions == ()


def test_all_not_applicable_has_no_coverage() -> None:
    fw = one_practice()
    card = score(fw, make_assessment(fw, {"x": {"na": True, "na_reason": "n/a"}}))
    assert card.overall.coverage is None
    assert card.overall.applicable == 0


def test_floor_is_lowest_answered_level_at_every_level() -> None:
    fw = hand_framework()
    card = score(
        fw,
        make_assessment(
            fw, {"p1": {"level": 3}, "p2": {"level": 1}, "p3": {"level": 5}, "p5": {"level": 0}}
        ),
    )
    a, b = card.perspectives
    assert [c.summary.floor for c in a.capabilities] == [1, 5]
    assert a.summary.floor == 1
    assert b.summary.floor == 0
    assert card.overall.floor == 0


def test_action_order_priority_then_perspective_then_id() -> None:
    fw = make_framework(
        [
            {
                "id": "P1",
                "title": "P1",
                "capabilities": [
                    {
                        "id": "C1",
                        "title": "C1",
                        "practices": [
                            practice("z1"),
                            practice("a1"),
                            practice("crit", critical=True),
                        ],
                    }
                ],
            },
            {
                "id": "P2",
                "title": "P2",
                "capabilities": [
                    {
                        "id": "C2",
                        "title": "C2",
                        "practices": [practice("a2"), practice("heavy", weight=3)],
                    }
                ],
            },
        ]
    )
    answers = {pid: {"level": 2} for pid in ("z1", "a1", "crit", "a2", "heavy")}
    answers["a2"] = {"level": 1}  # gap 2 → priority 4
    card = score(fw, make_assessment(fw, answers))
    # priorities: z1 1, a1 1, crit 2, a2 4, heavy 3
    assert [r.id for r in card.actions] == ["a2", "heavy", "crit", "a1", "z1"]


def test_na_without_level_is_not_counted_anywhere() -> None:
    fw = hand_framework()
    with_na = score(fw, make_assessment(fw, HAND_ANSWERS))
    without = score(fw, make_assessment(fw, {k: v for k, v in HAND_ANSWERS.items() if k != "p4"}))
    assert with_na.overall.score == without.overall.score
    assert with_na.overall.applicable == without.overall.applicable - 1


def test_portfolio_latest_round_trend_and_spread() -> None:
    fw = hand_framework()
    rounds = [
        make_assessment(
            fw,
            {"p1": {"level": 1}, "p3": {"level": 1}},
            subject="North",
            round_label="2026-Q2",
            date="2026-05-01",
        ),
        make_assessment(
            fw,
            {"p1": {"level": 3}, "p3": {"level": 2}},
            subject="North",
            round_label="2026-Q4",
            date="2026-11-01",
        ),
        make_assessment(
            fw,
            {"p1": {"level": 4}, "p3": {"level": 4}, "p5": {"level": 2}},
            subject="South",
            round_label="2026-Q4",
            date="2026-11-02",
        ),
        make_assessment(
            fw,
            {"p1": {"level": 0}, "p3": {"level": 0}},
            subject="West",
            round_label="2026-Q4",
            date="2026-11-03",
        ),
    ]
    # give rounds out of order: the latest must still win
    result = portfolio(fw, [rounds[1], rounds[0], rounds[2], rounds[3]])
    by_key = {h.key: h for h in result.subjects}
    north = by_key["North"]
    assert north.latest.round.label == "2026-Q4"
    assert north.previous is not None
    assert north.previous.round.label == "2026-Q2"
    # North: A1 = level of p1, A2 = p3; A = (1·A1 + 3·A2) / 4
    old_a, new_a = (1 * 1 + 3 * 1) / 4, (1 * 3 + 3 * 2) / 4
    assert north.perspective_change["A"] == pytest.approx(new_a - old_a)
    assert north.overall_change == pytest.approx(new_a - old_a)
    assert by_key["South"].overall_change is None
    a_scores = [new_a, (1 * 4 + 3 * 4) / 4, 0.0]
    spread_a = result.perspectives[0].spread
    assert spread_a.mean == pytest.approx(sum(a_scores) / 3)
    assert (spread_a.minimum, spread_a.maximum) == (0.0, 4.0)
    assert spread_a.median == pytest.approx(new_a)
    assert spread_a.count == 3
    spread_b = result.perspectives[1].spread
    assert (spread_b.count, spread_b.mean) == (1, 2.0)


# Properties (hypothesis): invariants over random frameworks and answers.

LEVEL = st.integers(min_value=0, max_value=5)
WEIGHT = st.sampled_from([0.5, 1.0, 2.0, 3.0])


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    perspectives = []
    counter = 0
    for p in range(draw(st.integers(1, 3))):
        capabilities = []
        for c in range(draw(st.integers(1, 3))):
            practices = []
            for _ in range(draw(st.integers(1, 4))):
                counter += 1
                practices.append(
                    practice(
                        f"x{counter}",
                        weight=draw(WEIGHT),
                        critical=draw(st.booleans()),
                        target=draw(st.one_of(st.none(), LEVEL)),
                    )
                )
            capabilities.append(
                {"id": f"C{p}.{c}", "title": "c", "weight": draw(WEIGHT), "practices": practices}
            )
        perspectives.append(
            {"id": f"P{p}", "title": "p", "weight": draw(WEIGHT), "capabilities": capabilities}
        )
    return make_framework(perspectives)


ANSWER = st.one_of(
    st.just({}),
    st.builds(lambda v: {"level": v}, LEVEL),
    st.builds(lambda v, t: {"level": v, "target": t}, LEVEL, LEVEL),
    st.just({"na": True, "na_reason": "not here"}),
)


@st.composite
def scored(draw: st.DrawFn) -> tuple[Framework, dict[str, dict[str, Any]]]:
    fw = draw(frameworks())
    answers = {pid: draw(ANSWER) for pid in fw.practice_ids()}
    return fw, answers


def all_summaries(card: Any) -> list[Any]:
    out = [card.overall]
    for p in card.perspectives:
        out.append(p.summary)
        out += [c.summary for c in p.capabilities]
    return out


@given(scored())
@settings(deadline=None)
def test_scores_stay_on_the_scale_and_coverage_in_unit_range(
    case: tuple[Framework, dict[str, dict[str, Any]]],
) -> None:
    fw, answers = case
    card = score(fw, make_assessment(fw, answers))
    for summary in all_summaries(card):
        for value in (summary.score, summary.target):
            assert value is None or 0 - 1e-9 <= value <= 5 + 1e-9
        assert summary.coverage is None or 0 <= summary.coverage <= 1
        assert summary.percent_to_target is None or 0 <= summary.percent_to_target <= 1 + 1e-12


@given(scored(), st.data())
@settings(deadline=None)
def test_na_never_changes_unrelated_capabilities(
    case: tuple[Framework, dict[str, dict[str, Any]]],
    data: st.DataObject,
) -> None:
    fw, answers = case
    chosen = data.draw(st.sampled_from(fw.practice_ids()))
    before = score(fw, make_assessment(fw, answers))
    after = score(fw, make_assessment(fw, {**answers, chosen: {"na": True, "na_reason": "r"}}))
    owner = next(c.id for _, c, p in fw.practices() if p.id == chosen)
    for old, new in zip(before.perspectives, after.perspectives, strict=True):
        for c_old, c_new in zip(old.capabilities, new.capabilities, strict=True):
            if c_old.id != owner:
                assert c_old.summary == c_new.summary


@given(scored(), st.data())
@settings(deadline=None)
def test_raising_one_level_never_lowers_any_score(
    case: tuple[Framework, dict[str, dict[str, Any]]],
    data: st.DataObject,
) -> None:
    fw, answers = case
    raisable = [pid for pid, a in answers.items() if a.get("level") is not None and a["level"] < 5]
    if not raisable:
        return
    chosen = data.draw(st.sampled_from(raisable))
    raised = {**answers, chosen: {**answers[chosen], "level": answers[chosen]["level"] + 1}}
    before = score(fw, make_assessment(fw, answers))
    after = score(fw, make_assessment(fw, raised))
    for old, new in zip(all_summaries(before), all_summaries(after), strict=True):
        if old.score is not None:
            assert new.score is not None
            assert new.score >= old.score - 1e-12
        if old.percent_to_target is not None:
            assert new.percent_to_target is not None
            assert new.percent_to_target >= old.percent_to_target - 1e-12
        if old.floor is not None:
            assert new.floor is not None
            assert new.floor >= old.floor
