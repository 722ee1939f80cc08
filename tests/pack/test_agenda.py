"""Agenda timing: sessions sized from practices, breaks between sessions, too long for a day."""

from __future__ import annotations

import datetime as dt

import pytest

import caf.cli.pack as pack_cli
from caf.errors import CafError
from caf.pack.agenda import (
    DAY_MINUTES,
    DEFAULT_BREAKS,
    ESSENTIALS_PROFILE,
    Break,
    SessionPlan,
    SlotKind,
    parse_breaks,
    plan_agenda,
)

START = dt.datetime(2026, 12, 8, 9, 0)  # noqa: DTZ001 - a local workshop time, as the agenda uses


def times(agenda_slots: object) -> list[tuple[str, str, int]]:
    return [(s.kind.value, s.start.strftime("%H:%M"), s.minutes) for s in agenda_slots]  # type: ignore[attr-defined]


def test_parse_breaks() -> None:
    assert parse_breaks("12:30+45, 10:30+15") == (
        Break(dt.time(10, 30), 15),
        Break(dt.time(12, 30), 45),
    )
    assert parse_breaks("none") == ()
    for bad in ("10:30", "25:00+15", "10:30+0", "lunch"):
        with pytest.raises(CafError, match="--breaks"):
            parse_breaks(bad)


def test_sessions_are_sized_from_practices_and_breaks_fall_between_them() -> None:
    sessions = [SessionPlan("A", "Alpha", 10), SessionPlan("B", "Beta", 4)]
    agenda = plan_agenda(
        sessions, start=START, minutes_per_practice=6, breaks=parse_breaks("10:30+15")
    )
    assert times(agenda.slots) == [
        ("opening", "09:00", 15),
        ("session", "09:15", 70),
        ("break", "10:25", 15),  # due 10:30; Beta (34 min) would run past it by more than half
        ("session", "10:40", 34),
        ("wrap-up", "11:14", 20),
    ]
    assert agenda.total_minutes == 154
    assert not agenda.exceeds_day
    assert agenda.days == (("A", "B"),)
    assert agenda.suggest_profile is None


def test_a_break_waits_for_the_end_of_a_session() -> None:
    agenda = plan_agenda(
        [SessionPlan("A", "Alpha", 20)],
        start=START,
        minutes_per_practice=5,
        breaks=parse_breaks("10:30+15"),  # due mid-session
    )
    assert [s.kind for s in agenda.slots] == [
        SlotKind.OPENING,
        SlotKind.SESSION,
        SlotKind.BREAK,
        SlotKind.WRAP_UP,
    ]


def test_too_long_for_a_day_proposes_a_split_and_for_caf_ai_the_essentials_profile() -> None:
    sessions = [SessionPlan(p, p, 20) for p in ("A", "B", "C", "D", "E", "F")]
    agenda = plan_agenda(
        sessions, start=START, minutes_per_practice=5, breaks=(), framework_family="caf-ai"
    )
    assert agenda.total_minutes == 15 + 6 * 110 + 20 > DAY_MINUTES
    assert agenda.exceeds_day
    assert agenda.days == (("A", "B", "C", "D"), ("E", "F"))
    assert agenda.suggest_profile == ESSENTIALS_PROFILE
    day_two = [s for s in agenda.slots if s.day == 2]
    assert times(day_two) == [
        ("opening", "09:00", 15),
        ("session", "09:15", 110),
        ("session", "11:05", 110),
        ("wrap-up", "12:55", 20),
    ]
    assert {s.start.date() for s in day_two} == {dt.date(2026, 12, 9)}
    assert [s.perspective_id for s in agenda.sessions] == ["A", "B", "C", "D", "E", "F"]
    other = plan_agenda(sessions, start=START, minutes_per_practice=5, framework_family="x")
    assert other.suggest_profile is None


def test_breaks_due_together_become_one() -> None:
    agenda = plan_agenda(
        [SessionPlan("A", "Alpha", 40), SessionPlan("B", "Beta", 5)],
        start=START,
        minutes_per_practice=5,
        breaks=parse_breaks("10:30+15,12:30+45"),
    )
    assert times(agenda.slots)[2] == ("break", "12:45", 45)  # not a 15-minute one, then lunch
    assert [s.kind for s in agenda.slots].count(SlotKind.BREAK) == 1


def test_the_cli_shows_the_agendas_default_breaks() -> None:
    assert pack_cli.DEFAULT_BREAKS == DEFAULT_BREAKS
