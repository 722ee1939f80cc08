"""The documented context every workshop-pack template receives, built in one place.

Templates get one variable, ``pack`` (a :class:`PackContext`); invitations also get ``session``
(an :class:`Invitation`). Every value a template shows is already text in its final form:
dates, times, scores and lists of names are formatted here, so templates only lay out. Every
field carries a docstring (a test fails otherwise), so a template author can read this module
as the reference of what a template may use.
"""

from __future__ import annotations

from dataclasses import dataclass

from caf.render.numbers import DASH

SCORING_RULE = (
    "The level is the highest one whose statement is fully met; "
    "'every' means at least 90 % of systems in scope."
)
"""How a team picks its level for a practice; shown in the pre-read and the guide."""

SCORING_STEPS = (
    (
        "Each practice gets one level. A practice that does not apply is marked N/A, with a "
        "reason, and counts nowhere."
    ),
    (
        "A capability's score is the weighted mean of the levels of its answered practices; a "
        "perspective's score is the weighted mean of its capabilities' scores; the overall "
        "score is the weighted mean of the perspectives' scores."
    ),
    "The floor is the lowest level answered: the weakest link, shown beside every score.",
    "Coverage is the share of applicable practices that were answered.",
    (
        "The gap of a practice is how many levels it sits below its target. A gap of two or "
        "more is high risk, a gap of one is medium risk, and for a critical practice any gap "
        "is high risk."
    ),
    (
        "Percent to target gives no credit for going past a target, so strong areas do not "
        "hide weak ones."
    ),
)
"""How scores are computed (docs/scoring.md), in the words shown to participants."""


@dataclass(frozen=True)
class Document:
    """One file of the pack, as listed on the index page."""

    file: str
    """The file name inside the pack folder."""

    title: str
    """What the file is called."""

    purpose: str
    """Who it is for and when to use it."""


@dataclass(frozen=True)
class AgendaItem:
    """One line of the timed agenda."""

    kind: str
    """``opening``, ``session``, ``break`` or ``wrap-up`` (for styling)."""

    start: str
    """Start time, ``09:00``."""

    end: str
    """End time, ``09:15``."""

    minutes: int
    """Length in minutes."""

    title: str
    """What happens in the slot."""

    detail: str
    """For a session, how many practices it asks; otherwise empty."""

    anchor: str
    """The id of the perspective's section in the guide; empty for other slots."""

    day: str
    """``Day 2: Thursday 13 May 2027`` when the workshop spans days; empty for one day."""


@dataclass(frozen=True)
class LevelView:
    """One level of the scale, or what a practice looks like at that level."""

    value: int
    """The level's number."""

    name: str
    """The level's name, such as ``Defined``."""

    text: str
    """The scale's description, or the practice's rubric statement for this level."""

    is_target: bool
    """True for the practice's target level (always False on the scale itself)."""


@dataclass(frozen=True)
class RoleLine:
    """A role with what it has to do with a session or a practice."""

    title: str
    """The role's title."""

    why: str
    """Why the role is there: stakeholder, or its RACI part in the practices."""


@dataclass(frozen=True)
class LastRound:
    """What a practice looked like in the previous round (``--previous``)."""

    level: str
    """The level reached, ``N/A``, or a dash when not answered."""

    target: str
    """The target then."""

    notes: str
    """The notes taken then; empty when none."""

    action: str
    """The open action (owner and due date) when the practice had a gap; empty otherwise."""

    risk: str
    """The risk rating then: ``HIGH``, ``MEDIUM``, ``NONE``, ``UNASSESSED`` or ``N/A``."""


@dataclass(frozen=True)
class PracticeView:
    """One practice, as the facilitator and the participants see it."""

    id: str
    """The stable practice id, such as ``SEC.DP.01``."""

    title: str
    """The short title."""

    question: str
    """The question asked aloud."""

    guidance: str
    """What to look for and why it matters (guide only, never on worksheets)."""

    levels: tuple[LevelView, ...]
    """The rubric: what the practice looks like at each level of the scale."""

    target: str
    """The target level with its name, ``3 Defined``."""

    critical: bool
    """True when the practice is critical (any gap is high risk)."""

    evidence: tuple[str, ...]
    """What to ask for as proof of the level."""

    aws_evidence: tuple[str, ...]
    """On AWS, where to look for the level; empty when the framework says nothing."""

    prompts: tuple[str, ...]
    """Discussion prompts for the facilitator."""

    raci: tuple[RoleLine, ...]
    """Who is accountable, responsible, consulted and informed, by role title."""

    last_round: LastRound | None
    """Last round's answer, with ``--previous``; None otherwise."""


@dataclass(frozen=True)
class CapabilityView:
    """A capability and its practices."""

    id: str
    """The capability id."""

    title: str
    """The capability's name."""

    description: str
    """What it covers; may be empty."""

    practices: tuple[PracticeView, ...]
    """Its practices in workshop order."""


@dataclass(frozen=True)
class PerspectiveView:
    """A perspective: one session of the workshop."""

    id: str
    """The perspective id."""

    anchor: str
    """An HTML id for links to its section, ``p-sec``."""

    title: str
    """The perspective's name."""

    description: str
    """What the perspective covers; may be empty."""

    session: str
    """When its session runs, ``10:45–12:30``; ``Day 2, 09:15–11:25`` from the second day."""

    practice_count: int
    """How many practices the session asks."""

    invite: tuple[RoleLine, ...]
    """Who to invite: stakeholders first, then the roles named in its practices' RACI."""

    capabilities: tuple[CapabilityView, ...]
    """Its capabilities in workshop order."""

    last_score: str
    """Last round's score and target, ``2.4 (target 3.0)``; empty without ``--previous``."""


@dataclass(frozen=True)
class Invitation:
    """The invitation to one session, written as ``invitation-NN-<perspective>.txt``."""

    file: str
    """The file name inside the pack folder."""

    perspective: str
    """The perspective's title."""

    when: str
    """Date and time, ``Tuesday 1 December 2026, 10:45–12:30``."""

    invite: tuple[RoleLine, ...]
    """Who to invite."""

    bring: tuple[str, ...]
    """What to bring: the evidence the session's practices ask for."""

    questions: int
    """How many questions the session asks."""


@dataclass(frozen=True)
class RoleBrief:
    """What one role should bring to the workshop (pre-read)."""

    title: str
    """The role's title."""

    bring: tuple[str, ...]
    """Evidence from the practices the role is accountable or responsible for."""


@dataclass(frozen=True)
class Retirement:
    """A practice id retired since the previous round."""

    id: str
    """The retired id."""

    reason: str
    """Why it was retired."""

    replaced_by: str
    """The ids that took over its content, comma separated; empty when none."""


@dataclass(frozen=True)
class Changes:
    """What changed in the framework since the previous round."""

    since: str
    """The framework the previous round answered, ``caf-ai@1.0``."""

    added: tuple[str, ...]
    """Practice ids asked now that the previous round's framework did not have."""

    retired: tuple[Retirement, ...]
    """Practice ids the previous round answered that are no longer asked."""


@dataclass(frozen=True)
class PreviousRound:
    """The previous round, with ``--previous``."""

    label: str
    """Its round label, ``2026-Q2``."""

    date: str
    """Its date, or empty when unknown."""

    overall: str
    """Its overall score and target."""

    perspectives: tuple[tuple[str, str], ...]
    """(perspective title, score and target) in framework order."""

    open_actions: int
    """How many practices had a gap."""

    changes: Changes
    """What changed in the framework since."""


@dataclass(frozen=True)
class PackContext:
    """Everything the pack's templates show."""

    title: str
    """The pack's title, ``CAF-AI workshop: Payments Platform, 2026-Q4``."""

    framework_title: str
    """The framework's title."""

    framework_ref: str
    """``id@version`` of the framework (tailored by the profile, if one was given)."""

    framework_description: str
    """The framework's description; may be empty."""

    source: str
    """What the framework is based on, with its date; may be empty."""

    subject: str
    """The team assessed."""

    round: str
    """The round label."""

    date: str
    """The workshop date, ``Tuesday 1 December 2026``."""

    scale: tuple[LevelView, ...]
    """The maturity scale, lowest first."""

    scoring_rule: str
    """How to pick a level (:data:`SCORING_RULE`)."""

    scoring_steps: tuple[str, ...]
    """How scores are computed (:data:`SCORING_STEPS`)."""

    documents: tuple[Document, ...]
    """The files of the pack."""

    agenda: tuple[AgendaItem, ...]
    """The timed agenda."""

    agenda_length: str
    """The agenda's length, ``6 h 45 min``; per day, ``7 h 30 min + 7 h 55 min``."""

    agenda_warning: str
    """Empty when the agenda fits a day; otherwise how it was spread and what else to do."""

    days: tuple[str, ...]
    """The perspectives of each day (one line per day) when the agenda spans days."""

    perspectives: tuple[PerspectiveView, ...]
    """The perspectives assessed, in order."""

    invitations: tuple[Invitation, ...]
    """One invitation per session."""

    roles: tuple[RoleBrief, ...]
    """What each role should bring (pre-read)."""

    previous: PreviousRound | None
    """The previous round with ``--previous``; None otherwise."""

    practice_count: int
    """How many practices the workshop asks."""

    empty: str = DASH
    """Shown where there is no value."""
