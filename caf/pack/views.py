"""Build the pack's template context (:mod:`caf.pack.context`) from the framework and rounds.

All display formatting of the pack happens here: times, dates, scores, role titles, prompts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from caf.pack.agenda import SlotKind
from caf.pack.context import (
    SCORING_RULE,
    SCORING_STEPS,
    AgendaItem,
    CapabilityView,
    Changes,
    Document,
    Invitation,
    LastRound,
    LevelView,
    PackContext,
    PerspectiveView,
    PracticeView,
    PreviousRound,
    Retirement,
    RoleBrief,
    RoleLine,
)
from caf.render.numbers import DASH, fmt_number
from caf.scoring.scorecard import score

if TYPE_CHECKING:
    import datetime as dt

    from caf.models.assessment import Assessment
    from caf.models.framework import Framework, Perspective, Practice
    from caf.pack.agenda import Agenda, Slot
    from caf.scoring.scorecard import PracticeResult, Scorecard, Summary

_RACI_ORDER = ("accountable", "responsible", "consulted", "informed")


@dataclass(frozen=True)
class Previous:
    """The previous round: its assessment and the framework it answered."""

    assessment: Assessment
    framework: Framework


def clock(moment: dt.datetime) -> str:
    """``09:05``."""
    return moment.strftime("%H:%M")


def long_date(day: dt.date | None) -> str:
    """``Tuesday 1 December 2026``; empty when unknown."""
    return f"{day:%A} {day.day} {day:%B %Y}" if day is not None else ""


def duration(minutes: int) -> str:
    """``6 h 45 min``, ``50 min``."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def _figures(summary: Summary | None) -> str:
    if summary is None or summary.score is None:
        return DASH
    return f"{fmt_number(summary.score)} (target {fmt_number(summary.target)})"


def _role_title(framework: Framework, role_id: str) -> str:
    role = framework.role(role_id)
    return role.title if role is not None else role_id


def _levels(framework: Framework, practice: Practice | None) -> tuple[LevelView, ...]:
    target = framework.target_of(practice) if practice is not None else None
    return tuple(
        LevelView(
            level.value,
            level.name,
            framework.rubric_text(practice, level.value) if practice else level.description,
            level.value == target,
        )
        for level in framework.scale.levels
    )


def _prompts(framework: Framework, practice: Practice, last: LastRound | None) -> tuple[str, ...]:
    """Open questions that get a team talking about what they really do (our own wording)."""
    target = framework.target_of(practice)
    level = framework.scale.level(target)
    prompts = [
        "Tell us about the last time this happened: who did it, and where is it written down?",
        (
            f"What would it take to reach {target} ({level.name if level else target}) "
            "before the next round, and who would do it?"
        ),
    ]
    if practice.raci.accountable is not None:
        owner = _role_title(framework, practice.raci.accountable)
        prompts.append(f"Is the {owner} the right owner, and do they know it?")
    if practice.critical:
        prompts.append("This practice is critical: what happens on the day it fails?")
    if last is not None and last.level != DASH:
        prompts.append(f"Last round this was {last.level}. What has changed since?")
    return tuple(prompts)


def _last_round(result: PracticeResult | None, assessment: Assessment) -> LastRound | None:
    if result is None:
        return None
    answer = assessment.answers.get(result.id)
    level = (
        "N/A" if not result.applicable else (DASH if result.level is None else str(result.level))
    )
    action = ""
    if result.gap:
        who = result.owner or "no owner"
        action = f"{who}, due {result.due.isoformat()}" if result.due else who
    notes = (answer.notes or "") if answer is not None else ""
    return LastRound(level, str(result.target), notes, action, str(result.risk))


def _practice(
    framework: Framework,
    practice: Practice,
    results: dict[str, PracticeResult],
    previous: Previous | None,
) -> PracticeView:
    """A practice with, given the previous round, how it was answered then."""
    last = None
    if previous is not None:
        last = _last_round(results.get(practice.id), previous.assessment)
    target = framework.target_of(practice)
    level = framework.scale.level(target)
    raci = tuple(
        RoleLine(_role_title(framework, role), part) for part, role in practice.raci.roles()
    )
    return PracticeView(
        practice.id,
        practice.title,
        practice.question,
        practice.guidance,
        _levels(framework, practice),
        f"{target} {level.name}" if level else str(target),
        practice.critical,
        tuple(practice.evidence),
        tuple(practice.aws_evidence),
        _prompts(framework, practice, last),
        raci,
        last,
    )


def _invite(framework: Framework, perspective: Perspective) -> tuple[RoleLine, ...]:
    """Stakeholders first, then every role its practices' RACI names, by its strongest part."""
    parts: dict[str, list[str]] = {role: [] for role in perspective.stakeholders}
    for capability in perspective.capabilities:
        for practice in capability.practices:
            for part, role in practice.raci.roles():
                parts.setdefault(role, []).append(part)
    lines = []
    for role, named in parts.items():
        why = ["stakeholder"] if role in perspective.stakeholders else []
        why += [_part(part, named.count(part)) for part in _RACI_ORDER if part in named]
        lines.append(RoleLine(_role_title(framework, role), "; ".join(why)))
    return tuple(lines)


def _part(part: str, count: int) -> str:
    """``accountable for 2 practices``, ``consulted on 1 practice``."""
    preposition = "on" if part == "consulted" else "for" if part != "informed" else "of"
    return f"{part} {preposition} {count} practice" + ("" if count == 1 else "s")


def _agenda(agenda: Agenda, anchors: dict[str, str]) -> tuple[AgendaItem, ...]:
    def detail(slot: Slot) -> str:
        if slot.kind is not SlotKind.SESSION:
            return ""
        return f"{slot.practices} practice" + ("" if slot.practices == 1 else "s")

    return tuple(
        AgendaItem(
            str(slot.kind),
            clock(slot.start),
            clock(slot.end),
            slot.minutes,
            slot.title,
            detail(slot),
            anchors.get(slot.perspective_id or "", ""),
            f"Day {slot.day}: {long_date(slot.start.date())}" if len(agenda.days) > 1 else "",
        )
        for slot in agenda.slots
    )


def _length(agenda: Agenda) -> str:
    """``6 h 45 min``; per day, ``7 h 30 min + 7 h 55 min``, when the workshop spans days."""
    days: dict[int, list[Slot]] = {}
    for slot in agenda.slots:
        days.setdefault(slot.day, []).append(slot)
    spans = [int((s[-1].end - s[0].start).total_seconds() // 60) for s in days.values()]
    return " + ".join(duration(minutes) for minutes in spans)


def _warning(agenda: Agenda, titles: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    if not agenda.exceeds_day:
        return "", ()
    days = tuple(
        f"Day {n}: " + ", ".join(titles[pid] for pid in day)
        for n, day in enumerate(agenda.days, start=1)
    )
    advice = f"In one day this workshop would run {duration(agenda.total_minutes)}, longer than "
    if len(agenda.days) > 1:
        advice += f"a workshop day, so the agenda spreads it over {len(agenda.days)} days. Or "
    else:
        advice += "a workshop day. Shorten it: "
    advice += "assess fewer perspectives (--perspectives), lower --minutes-per-practice"
    if agenda.suggest_profile:
        advice += f", or assess the shorter profile {agenda.suggest_profile} (--profile)"
    return advice + ".", days


def _changes(framework: Framework, prev: Previous) -> Changes:
    before = set(prev.framework.practice_ids())
    now = framework.practice_ids()
    retired_ids = [pid for pid in prev.framework.practice_ids() if pid not in set(now)]
    known = {r.id: r for r in framework.retired}
    retired = tuple(
        Retirement(
            pid,
            known[pid].reason if pid in known else "no longer in the framework",
            ", ".join(known[pid].replaced_by) if pid in known else "",
        )
        for pid in retired_ids
    )
    return Changes(prev.framework.ref, tuple(p for p in now if p not in before), retired)


def _previous(framework: Framework, prev: Previous, card: Scorecard) -> PreviousRound:
    return PreviousRound(
        prev.assessment.round.label,
        long_date(prev.assessment.round.date),
        _figures(card.overall),
        tuple((p.title, _figures(p.summary)) for p in card.perspectives),
        len(card.actions),
        _changes(framework, prev),
    )


def _bring(framework: Framework, perspectives: list[Perspective]) -> tuple[RoleBrief, ...]:
    wanted: dict[str, dict[str, None]] = {}
    for perspective in perspectives:
        for capability in perspective.capabilities:
            for practice in capability.practices:
                owners = [r for part, r in practice.raci.roles() if part in _RACI_ORDER[:2]]
                for role in owners:
                    wanted.setdefault(role, {}).update(dict.fromkeys(practice.evidence))
    return tuple(
        RoleBrief(_role_title(framework, role), tuple(items))
        for role, items in wanted.items()
        if items
    )


def _perspective(
    framework: Framework,
    perspective: Perspective,
    slot: Slot,
    card: Scorecard | None,
    previous: Previous | None,
) -> PerspectiveView:
    results = {r.id: r for r in card.practices} if card is not None else {}
    capabilities = tuple(
        CapabilityView(
            c.id,
            c.title,
            c.description,
            tuple(_practice(framework, p, results, previous) for p in c.practices),
        )
        for c in perspective.capabilities
    )
    last = card.perspective(perspective.id) if card is not None else None
    return PerspectiveView(
        perspective.id,
        "p-" + perspective.id.lower(),
        perspective.title,
        perspective.description,
        f"Day {slot.day}, " * (slot.day > 1) + f"{clock(slot.start)}\u2013{clock(slot.end)}",
        sum(len(c.practices) for c in capabilities),
        _invite(framework, perspective),
        capabilities,
        _figures(last.summary if last else None) if card is not None else "",
    )


def _invitation(
    number: int, perspective: Perspective, view: PerspectiveView, slot: Slot
) -> Invitation:
    bring = {e: None for c in perspective.capabilities for p in c.practices for e in p.evidence}
    return Invitation(
        invitation_file(number, perspective.id),
        perspective.title,
        f"{long_date(slot.start.date())}, {clock(slot.start)}\u2013{clock(slot.end)}",
        view.invite,
        tuple(bring),
        view.practice_count,
    )


def build_context(
    framework: Framework,
    assessment: Assessment,
    perspectives: list[Perspective],
    agenda: Agenda,
    previous: Previous | None = None,
    documents: tuple[Document, ...] = (),
) -> PackContext:
    """The context of every pack template for ``perspectives`` of ``framework``."""
    card = score(previous.framework, previous.assessment) if previous is not None else None
    sessions = {slot.perspective_id: slot for slot in agenda.sessions}
    views = [_perspective(framework, p, sessions[p.id], card, previous) for p in perspectives]
    anchors = {view.id: view.anchor for view in views}
    day = long_date(assessment.round.date)
    invitations = [
        _invitation(number, perspective, view, sessions[perspective.id])
        for number, (perspective, view) in enumerate(zip(perspectives, views, strict=True), 1)
    ]
    warning, days = _warning(agenda, {p.id: p.title for p in perspectives})
    return PackContext(
        title=f"{framework.title} workshop: {assessment.subject.name}, {assessment.round.label}",
        framework_title=framework.title,
        framework_ref=framework.ref,
        framework_description=framework.description or "",
        source=_source(framework),
        subject=assessment.subject.name,
        round=assessment.round.label,
        date=day,
        scale=_levels(framework, None),
        scoring_rule=SCORING_RULE,
        scoring_steps=SCORING_STEPS,
        documents=documents,
        agenda=_agenda(agenda, anchors),
        agenda_length=_length(agenda),
        agenda_warning=warning,
        days=days,
        perspectives=tuple(views),
        invitations=tuple(invitations),
        roles=_bring(framework, perspectives),
        previous=_previous(framework, previous, card) if previous and card else None,
        practice_count=sum(v.practice_count for v in views),
    )


def invitation_file(number: int, perspective_id: str) -> str:
    """``invitation-02-sec.txt``: a safe file name whatever the id holds."""
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in perspective_id.lower())
    return f"invitation-{number:02d}-{slug.strip('-') or 'session'}.txt"


def _source(framework: Framework) -> str:
    source = framework.source
    if source is None:
        return ""
    return f"{source.title} ({source.date.isoformat()})" if source.date else source.title
