"""Agenda timing: a workshop day sized from the number of practices each perspective asks.

The day opens with an introduction, runs one session per perspective (a short framing, then
``minutes_per_practice`` for each practice), takes the breaks the facilitator asked for, and
closes with a wrap-up. A break is taken between sessions, before the first session that would
otherwise run more than half its length (or more than :data:`EARLY_MINUTES`) past the break's
time: sessions are not cut in two, because a perspective's stakeholders come for their session
as a whole. Breaks that fall due at the same time become one, as long as the longest.

When the day runs longer than :data:`DAY_MINUTES`, the agenda says so and is spread over
consecutive days (perspectives kept whole, in framework order, each day with its own opening,
breaks and wrap-up); for CAF-AI it also suggests the shorter essentials profile.
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

EARLY_MINUTES = 30
"""A break is never taken more than this long before its time."""

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

    day: int = 1
    """Which day of the workshop the slot is on, from 1."""

    @property
    def end(self) -> dt.datetime:
        """When it ends."""
        return self.start + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Agenda:
    """The timed day, and what to do when it does not fit in one."""

    slots: tuple[Slot, ...]
    """Every slot in order, over one day or, when that is too long, the days proposed."""

    total_minutes: int
    """From the opening to the end of the wrap-up, were everything held on one day."""

    days: tuple[tuple[str, ...], ...]
    """The perspective ids of each day (one day when it fits)."""

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


def _day(
    sessions: Sequence[SessionPlan],
    start: dt.datetime,
    minutes_per_practice: int,
    breaks: Sequence[Break],
    day: int,
) -> list[Slot]:
    """One day: opening, the sessions with breaks between them, wrap-up."""
    opening = "Opening: objectives, the scale, how we score"
    slots = [Slot(SlotKind.OPENING, opening, start, OPENING_MINUTES, day=day)]
    pending = list(breaks)

    def take_breaks(upcoming: int) -> None:
        # Breaks that fall due at the same boundary (a morning break running into lunch)
        # become one break, as long as the longest of them.
        clock = slots[-1].end
        horizon = clock + dt.timedelta(minutes=min(upcoming / 2, EARLY_MINUTES))
        due = [b for b in pending if dt.datetime.combine(clock.date(), b.at) <= horizon]
        if due:
            del pending[: len(due)]
            slots.append(Slot(SlotKind.BREAK, "Break", clock, max(b.minutes for b in due), day=day))

    for plan in sessions:
        minutes = session_minutes(plan.practices, minutes_per_practice)
        take_breaks(minutes)
        slots.append(
            Slot(
                SlotKind.SESSION,
                plan.title,
                slots[-1].end,
                minutes,
                perspective_id=plan.perspective_id,
                practices=plan.practices,
                day=day,
            )
        )
    take_breaks(WRAP_UP_MINUTES)
    wrap_up = "Wrap-up: owners, dates, next steps"
    slots.append(Slot(SlotKind.WRAP_UP, wrap_up, slots[-1].end, WRAP_UP_MINUTES, day=day))
    return slots


def plan_agenda(
    sessions: Sequence[SessionPlan],
    *,
    start: dt.datetime,
    minutes_per_practice: int,
    breaks: Sequence[Break] = (),
    framework_family: str = "",
) -> Agenda:
    """The timed agenda for ``sessions`` starting at ``start``.

    When one day is not enough, the perspectives are spread over consecutive days, each with
    its own opening, breaks and wrap-up. ``framework_family`` is the id of the framework (or
    of the one a profile tailors); for ``caf-ai`` the essentials profile is suggested then.
    """
    one_day = _day(sessions, start, minutes_per_practice, breaks, 1)
    total = int((one_day[-1].end - start).total_seconds() // 60)
    if total <= DAY_MINUTES:
        return Agenda(tuple(one_day), total, (tuple(s.perspective_id for s in sessions),), None)
    days = _split(sessions, minutes_per_practice, breaks)
    slots: list[Slot] = []
    for number, group in enumerate(days, start=1):
        chosen = [s for s in sessions if s.perspective_id in group]
        first = start + dt.timedelta(days=number - 1)
        slots += _day(chosen, first, minutes_per_practice, breaks, number)
    profile = ESSENTIALS_PROFILE if framework_family == "caf-ai" else None
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
