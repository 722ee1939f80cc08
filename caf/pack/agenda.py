"""Agenda timing: a workshop day sized from the number of practices each perspective asks.

The day opens with an introduction, runs one session per perspective (a short framing, then
``minutes_per_practice`` for each practice), takes the breaks the facilitator asked for, and
closes with a wrap-up. A break is taken between sessions, before the first session that would
otherwise run more than half its length past the break's time: sessions are not cut in two,
because a perspective's stakeholders come for their session as a whole.

When the day runs longer than :data:`DAY_MINUTES`, the agenda says so and proposes a split into
days (perspectives kept whole, in framework order) or, for CAF-AI, the shorter essentials
profile.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from caf.errors import CafError

if TYPE_CHECKING:
    from collections.abc import Sequence

DAY_MINUTES = 8 * 60
"""A workshop day, from the opening to the end of the wrap-up, breaks included."""

OPENING_MINUTES = 15
"""Welcome, objectives and the scale."""

FRAMING_MINUTES = 10
"""At the start of each session: what the perspective covers, last round's picture."""

WRAP_UP_MINUTES = 20
"""Agree owners and dates for the gaps, explain what happens next."""

ESSENTIALS_PROFILE = "caf-ai-essentials"
"""The shorter CAF-AI profile suggested when a CAF-AI agenda runs over a day."""

DEFAULT_BREAKS = "10:30+15,12:30+45,15:00+15"
"""Morning break, lunch and afternoon break: ``HH:MM+minutes``, comma separated."""

_BREAK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*\+\s*(\d{1,3})\s*$")


class SlotKind(StrEnum):
    """What happens in a slot of the agenda."""

    OPENING = "opening"
    SESSION = "session"
    BREAK = "break"
    WRAP_UP = "wrap-up"


@dataclass(frozen=True)
class Break:
    """A break the facilitator plans at a time of day."""

    at: dt.time
    """When the break should start."""

    minutes: int
    """How long it lasts."""


@dataclass(frozen=True)
class SessionPlan:
    """The input for one session: a perspective and how many practices it asks."""

    perspective_id: str
    """The perspective discussed."""

    title: str
    """The perspective's title."""

    practices: int
    """How many practices the session asks."""


@dataclass(frozen=True)
class Slot:
    """One line of the agenda."""

    kind: SlotKind
    """Opening, session, break or wrap-up."""

    title: str
    """What the slot is called on the agenda."""

    start: dt.datetime
    """When it starts."""

    minutes: int
    """How long it lasts."""

    perspective_id: str | None = None
    """For a session, the perspective discussed."""

    practices: int = 0
    """For a session, how many practices it asks."""

    @property
    def end(self) -> dt.datetime:
        """When it ends."""
        return self.start + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Agenda:
    """The timed day, and what to do when it does not fit in one."""

    slots: tuple[Slot, ...]
    """Every slot in order."""

    total_minutes: int
    """From the opening to the end of the wrap-up."""

    days: tuple[tuple[str, ...], ...]
    """A proposed split: the perspective ids of each day (one day when it fits)."""

    suggest_profile: str | None
    """A shorter profile to suggest when the day is too long, if one is known."""

    @property
    def exceeds_day(self) -> bool:
        """True when the agenda runs longer than a workshop day."""
        return self.total_minutes > DAY_MINUTES

    @property
    def sessions(self) -> tuple[Slot, ...]:
        """The perspective sessions only."""
        return tuple(s for s in self.slots if s.kind is SlotKind.SESSION)


def parse_breaks(text: str) -> tuple[Break, ...]:
    """``"10:30+15,12:30+45"`` → breaks in time order; ``""`` or ``"none"`` → no breaks.

    Raises:
        CafError: a part is not ``HH:MM+minutes`` or names an impossible time.
    """
    if text.strip().lower() in {"", "none"}:
        return ()
    breaks = []
    for part in text.split(","):
        match = _BREAK.match(part)
        if match is None:
            raise CafError(f"--breaks: {part.strip()!r} is not HH:MM+minutes (e.g. 10:30+15)")
        hour, minute, minutes = (int(g) for g in match.groups())
        if hour > 23 or minute > 59 or minutes == 0:  # noqa: PLR2004 - clock limits
            raise CafError(f"--breaks: {part.strip()!r} is not a time of day and a length")
        breaks.append(Break(dt.time(hour, minute), minutes))
    return tuple(sorted(breaks, key=lambda b: b.at))


def session_minutes(practices: int, minutes_per_practice: int) -> int:
    """The length of a session asking ``practices`` practices."""
    return FRAMING_MINUTES + practices * minutes_per_practice


def plan_agenda(
    sessions: Sequence[SessionPlan],
    *,
    start: dt.datetime,
    minutes_per_practice: int,
    breaks: Sequence[Break] = (),
    framework_family: str = "",
) -> Agenda:
    """The timed agenda for ``sessions`` starting at ``start``.

    ``framework_family`` is the id of the framework (or of the one a profile tailors); for
    ``caf-ai`` the essentials profile is suggested when the day is too long.
    """
    slots = [
        Slot(
            SlotKind.OPENING, "Opening: objectives, the scale, how we score", start, OPENING_MINUTES
        )
    ]
    clock = slots[0].end
    pending = list(breaks)

    def take_breaks(upcoming: int) -> None:
        nonlocal clock
        while pending and dt.datetime.combine(clock.date(), pending[0].at) <= clock + dt.timedelta(
            minutes=upcoming / 2
        ):
            taken = pending.pop(0)
            slots.append(Slot(SlotKind.BREAK, "Break", clock, taken.minutes))
            clock = slots[-1].end

    for plan in sessions:
        minutes = session_minutes(plan.practices, minutes_per_practice)
        take_breaks(minutes)
        slots.append(
            Slot(
                SlotKind.SESSION,
                plan.title,
                clock,
                minutes,
                perspective_id=plan.perspective_id,
                practices=plan.practices,
            )
        )
        clock = slots[-1].end
    take_breaks(WRAP_UP_MINUTES)
    slots.append(
        Slot(SlotKind.WRAP_UP, "Wrap-up: owners, dates, next steps", clock, WRAP_UP_MINUTES)
    )
    total = int((slots[-1].end - start).total_seconds() // 60)
    days = _split(sessions, minutes_per_practice, breaks) if total > DAY_MINUTES else ()
    if not days:
        days = (tuple(s.perspective_id for s in sessions),)
    profile = ESSENTIALS_PROFILE if total > DAY_MINUTES and framework_family == "caf-ai" else None
    return Agenda(tuple(slots), total, days, profile)


def _split(
    sessions: Sequence[SessionPlan], minutes_per_practice: int, breaks: Sequence[Break]
) -> tuple[tuple[str, ...], ...]:
    """Perspectives packed into days in order, each day with its own opening and wrap-up."""
    room = DAY_MINUTES - OPENING_MINUTES - WRAP_UP_MINUTES - sum(b.minutes for b in breaks)
    days: list[list[str]] = [[]]
    used = 0
    for plan in sessions:
        minutes = session_minutes(plan.practices, minutes_per_practice)
        if days[-1] and used + minutes > room:
            days.append([])
            used = 0
        days[-1].append(plan.perspective_id)
        used += minutes
    return tuple(tuple(day) for day in days)
