"""Pure scoring: (framework, assessment) → Scorecard (portfolios are in portfolio.py).

The rules are docs/scoring.md, exactly; the capture workbook's formulas implement the same
rules and a test proves the two agree.

- A practice is *applicable* unless marked N/A, *answered* if applicable and it has a level.
- ``v`` is the level, ``t`` the answer's target, else the practice's, else the framework
  default; ``gap = max(0, t - v)``.
- Risk: HIGH if the gap reaches ``risk.high_gap`` (2), or ``risk.critical_high_gap`` (1) for a
  critical practice; MEDIUM if it reaches ``risk.medium_gap`` (1); NONE below that; UNASSESSED
  when applicable and not answered; N/A when not applicable.
- Score of a capability = Σ w·v / Σ w over its answered practices. A perspective's score is the
  weighted mean (capability weights) of its capabilities that have a score; overall is the
  weighted mean (perspective weights) of perspectives that have a score. *Target* is computed
  the same way from ``t``, over the same answered practices, so score and target compare.
- Floor = the lowest ``v`` answered below a node; coverage = answered / applicable below it;
  percent to target = Σ w·min(v, t) / Σ w·t over the answered practices below it with t > 0
  (practice weights only, no credit past the target).
- Action priority = w × gap² × (2 if critical else 1); the action plan sorts by priority, then
  perspective order, then id.

Everything keeps full float precision; rounding happens only where values are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from caf.models.assessment import Answer, Assessment, Round, Subject
    from caf.models.framework import Framework, Perspective, Practice, RiskRules


class Risk(StrEnum):
    """The risk rating of one practice."""

    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    NONE = "NONE"
    UNASSESSED = "UNASSESSED"
    NOT_APPLICABLE = "N/A"


@dataclass(frozen=True, slots=True)
class PracticeResult:
    """One practice as answered and scored."""

    id: str
    title: str
    perspective_id: str
    capability_id: str
    order: int
    """Position of the perspective in the framework (for sorting)."""
    weight: float
    critical: bool
    target: int
    """The effective target ``t``."""
    level: int | None
    """``v``, or None when unanswered or N/A."""
    applicable: bool
    gap: int | None
    risk: Risk
    priority: float | None
    """w × gap² × (2 if critical else 1), for answered practices."""
    na_reason: str | None = None
    owner: str | None = None
    due: dt.date | None = None
    notes: str | None = None
    evidence: int = 0
    """How many evidence items the answer lists."""

    @property
    def answered(self) -> bool:
        """True when applicable and a level is given."""
        return self.applicable and self.level is not None


@dataclass(frozen=True, slots=True)
class Summary:
    """The figures of one node of the tree (capability, perspective or overall)."""

    score: float | None
    target: float | None
    floor: int | None
    coverage: float | None
    percent_to_target: float | None
    answered: int
    applicable: int
    total: int
    high: int
    medium: int


@dataclass(frozen=True, slots=True)
class CapabilityResult:
    """A capability's figures."""

    id: str
    title: str
    kind: str | None
    weight: float
    summary: Summary


@dataclass(frozen=True, slots=True)
class PerspectiveResult:
    """A perspective's figures and its capabilities'."""

    id: str
    title: str
    weight: float
    summary: Summary
    capabilities: tuple[CapabilityResult, ...]


@dataclass(frozen=True)
class Scorecard:
    """The engine's result for one assessment: pure data, no formatting."""

    framework_id: str
    framework_version: str
    subject: Subject
    round: Round
    overall: Summary
    perspectives: tuple[PerspectiveResult, ...]
    practices: tuple[PracticeResult, ...]
    """Every practice, in framework order."""
    actions: tuple[PracticeResult, ...]
    """Answered practices with a gap, highest priority first."""
    not_assessed: tuple[PracticeResult, ...]
    """Applicable practices without a level, in framework order."""
    na_register: tuple[PracticeResult, ...]
    """Practices marked N/A, with their reasons."""

    def perspective(self, perspective_id: str) -> PerspectiveResult | None:
        """The result of one perspective."""
        return next((p for p in self.perspectives if p.id == perspective_id), None)


def risk_of(gap: int, *, critical: bool, rules: RiskRules) -> Risk:
    """The risk rating for an answered practice's gap."""
    if gap >= rules.high_gap or (critical and gap >= rules.critical_high_gap):
        return Risk.HIGH
    if gap >= rules.medium_gap:
        return Risk.MEDIUM
    return Risk.NONE


def _practice(
    framework: Framework,
    order: int,
    perspective_id: str,
    capability_id: str,
    practice: Practice,
    answer: Answer | None,
) -> PracticeResult:
    target = framework.target_of(practice)
    if answer is not None and answer.target is not None:
        target = answer.target
    applicable = answer is None or not answer.na
    level = answer.level if answer is not None and applicable else None
    gap: int | None = None
    priority: float | None = None
    if not applicable:
        risk = Risk.NOT_APPLICABLE
    elif level is None:
        risk = Risk.UNASSESSED
    else:
        gap = max(0, target - level)
        risk = risk_of(gap, critical=practice.critical, rules=framework.risk)
        priority = practice.weight * gap * gap * (2 if practice.critical else 1)
    return PracticeResult(
        id=practice.id,
        title=practice.title,
        perspective_id=perspective_id,
        capability_id=capability_id,
        order=order,
        weight=practice.weight,
        critical=practice.critical,
        target=target,
        level=level,
        applicable=applicable,
        gap=gap,
        risk=risk,
        priority=priority,
        na_reason=answer.na_reason if answer is not None and answer.na else None,
        owner=answer.owner if answer is not None else None,
        due=answer.due if answer is not None else None,
        notes=answer.notes if answer is not None else None,
        evidence=len(answer.evidence) if answer is not None else 0,
    )


class _Tally:
    """Running sums for one node of the tree; parents add up their children's tallies.

    One pass over the practices feeds every level of the tree, so scoring stays linear.
    """

    __slots__ = (
        "answered",
        "applicable",
        "floor",
        "high",
        "medium",
        "reachable",
        "reached",
        "score_sum",
        "target_sum",
        "total",
        "weight_sum",
    )

    def __init__(self) -> None:
        self.answered = self.applicable = self.total = self.high = self.medium = 0
        self.floor: int | None = None
        self.reached = self.reachable = 0.0
        # Σ w·x and Σ w of this node's weighted mean (its children's own weights).
        self.score_sum = self.target_sum = self.weight_sum = 0.0

    def practice(self, result: PracticeResult) -> None:
        """Count one practice into a capability's tally."""
        self.total += 1
        if result.risk is Risk.HIGH:
            self.high += 1
        elif result.risk is Risk.MEDIUM:
            self.medium += 1
        if not result.applicable:
            return
        self.applicable += 1
        level = result.level
        if level is None:
            return
        self.answered += 1
        self.floor = level if self.floor is None else min(self.floor, level)
        weight, target = result.weight, result.target
        if target > 0:
            self.reached += weight * min(level, target)
            self.reachable += weight * target
        self.weight_sum += weight
        self.score_sum += weight * level
        self.target_sum += weight * target

    def child(self, other: _Tally, summary: Summary, weight: float) -> None:
        """Add a child's counts, and its score and target with the child's own weight."""
        self.total += other.total
        self.applicable += other.applicable
        self.answered += other.answered
        self.high += other.high
        self.medium += other.medium
        self.reached += other.reached
        self.reachable += other.reachable
        if other.floor is not None:
            self.floor = other.floor if self.floor is None else min(self.floor, other.floor)
        if summary.score is not None and summary.target is not None:
            self.weight_sum += weight
            self.score_sum += weight * summary.score
            self.target_sum += weight * summary.target

    def summary(self) -> Summary:
        """The node's figures."""
        scored = self.weight_sum > 0
        return Summary(
            score=self.score_sum / self.weight_sum if scored else None,
            target=self.target_sum / self.weight_sum if scored else None,
            floor=self.floor,
            coverage=self.answered / self.applicable if self.applicable else None,
            percent_to_target=self.reached / self.reachable if self.reachable > 0 else None,
            answered=self.answered,
            applicable=self.applicable,
            total=self.total,
            high=self.high,
            medium=self.medium,
        )


def _perspective(
    framework: Framework, order: int, perspective: Perspective, answers: dict[str, Answer]
) -> tuple[PerspectiveResult, list[PracticeResult], _Tally]:
    capabilities: list[CapabilityResult] = []
    practices: list[PracticeResult] = []
    tally = _Tally()
    for capability in perspective.capabilities:
        own = _Tally()
        for practice in capability.practices:
            outcome = _practice(
                framework, order, perspective.id, capability.id, practice, answers.get(practice.id)
            )
            own.practice(outcome)
            practices.append(outcome)
        summary = own.summary()
        tally.child(own, summary, capability.weight)
        capabilities.append(
            CapabilityResult(
                capability.id,
                capability.title,
                capability.kind.value if capability.kind else None,
                capability.weight,
                summary,
            )
        )
    result = PerspectiveResult(
        perspective.id,
        perspective.title,
        perspective.weight,
        tally.summary(),
        tuple(capabilities),
    )
    return result, practices, tally


def score(framework: Framework, assessment: Assessment) -> Scorecard:
    """Score one assessment against the framework it answers (the rules of docs/scoring.md)."""
    answers = assessment.answers
    perspectives: list[PerspectiveResult] = []
    practices: list[PracticeResult] = []
    tally = _Tally()
    for order, perspective in enumerate(framework.perspectives):
        result, results, own = _perspective(framework, order, perspective, answers)
        tally.child(own, result.summary, perspective.weight)
        perspectives.append(result)
        practices += results
    actions = sorted((r for r in practices if r.gap), key=action_order)
    return Scorecard(
        framework_id=framework.id,
        framework_version=framework.version,
        subject=assessment.subject,
        round=assessment.round,
        overall=tally.summary(),
        perspectives=tuple(perspectives),
        practices=tuple(practices),
        actions=tuple(actions),
        not_assessed=tuple(r for r in practices if r.risk is Risk.UNASSESSED),
        na_register=tuple(r for r in practices if not r.applicable),
    )


def action_order(result: PracticeResult) -> tuple[float, int, str]:
    """Sort key of the action plan: priority (highest first), perspective order, then id."""
    return (-(result.priority or 0.0), result.order, result.id)
