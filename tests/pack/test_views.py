"""Building the pack's context: what changed since last round, safe file names, prompts."""

from __future__ import annotations

import datetime as dt

from helpers import make_assessment, make_framework, practice

from caf.pack.agenda import SessionPlan, plan_agenda
from caf.pack.views import Previous, build_context, invitation_file
from caf.render.templating import environment, render


def test_invitation_file_names_are_safe_whatever_the_id_holds() -> None:
    assert invitation_file(2, "SEC") == "invitation-02-sec.txt"
    assert invitation_file(3, "../x/y\\z") == "invitation-03-x-y-z.txt"
    assert invitation_file(1, "\u202e..") == "invitation-01-session.txt"


def test_changes_since_the_previous_rounds_framework() -> None:
    old = make_framework(
        [
            {
                "id": "A",
                "title": "A",
                "capabilities": [
                    {
                        "id": "A.X",
                        "title": "X",
                        "practices": [practice("A.X.01"), practice("A.X.02")],
                    }
                ],
            }
        ],
    )
    new = make_framework(
        [
            {
                "id": "A",
                "title": "A",
                "capabilities": [
                    {
                        "id": "A.X",
                        "title": "X",
                        "practices": [practice("A.X.01"), practice("A.X.03")],
                    }
                ],
            }
        ],
        version="2",
        retired=[{"id": "A.X.02", "reason": "Merged", "replaced_by": ["A.X.03"]}],
    )
    last = make_assessment(old, {"A.X.01": {"level": 2}, "A.X.02": {"level": 1}}, round_label="R1")
    agenda = plan_agenda(
        [SessionPlan("A", "A", 2)],
        start=dt.datetime(2026, 1, 5, 9),  # noqa: DTZ001 - a local workshop time
        minutes_per_practice=5,
    )
    now = make_assessment(new, {}, round_label="R2")
    context = build_context(new, now, new.perspectives, agenda, Previous(last, old))
    assert context.previous is not None
    changes = context.previous.changes
    assert changes.since == "t@1"
    assert changes.added == ("A.X.03",)
    assert [(r.id, r.reason, r.replaced_by) for r in changes.retired] == [
        ("A.X.02", "Merged", "A.X.03")
    ]
    first, added = context.perspectives[0].capabilities[0].practices
    assert first.last_round is not None
    assert first.last_round.level == "2"
    assert "Last round this was 2. What has changed since?" in first.prompts
    assert added.last_round is None


def test_the_guide_shows_where_to_look_on_aws_and_the_worksheets_do_not() -> None:
    framework = make_framework(
        [
            {
                "id": "A",
                "title": "A",
                "capabilities": [
                    {
                        "id": "A.X",
                        "title": "X",
                        "practices": [
                            practice("A.X.01", aws_evidence=["Bedrock Guardrails configuration"]),
                            practice("A.X.02"),
                        ],
                    }
                ],
            }
        ],
    )
    agenda = plan_agenda(
        [SessionPlan("A", "A", 2)],
        start=dt.datetime(2026, 1, 5, 9),  # noqa: DTZ001 - a local workshop time
        minutes_per_practice=5,
    )
    context = build_context(
        framework, make_assessment(framework, {}), framework.perspectives, agenda
    )
    env = environment()
    guide = render(env, "pack/facilitator-guide.html", {"pack": context})
    assert guide.count("On AWS, look at…") == 1
    assert "<li>Bedrock Guardrails configuration</li>" in guide
    sheets = render(env, "pack/worksheets.html", {"pack": context})
    assert "Bedrock" not in sheets


def test_a_workshop_over_two_days_dates_each_session_and_invitation() -> None:
    framework = make_framework(
        [
            {
                "id": pid,
                "title": pid,
                "capabilities": [
                    {
                        "id": f"{pid}.X",
                        "title": "X",
                        "practices": [practice(f"{pid}.X.{n:02d}") for n in range(1, 6)],
                    }
                ],
            }
            for pid in ("A", "B")
        ],
    )
    agenda = plan_agenda(
        [SessionPlan("A", "A", 5), SessionPlan("B", "B", 5)],
        start=dt.datetime(2026, 1, 5, 9),  # noqa: DTZ001 - a local workshop time
        minutes_per_practice=60,
    )
    context = build_context(
        framework, make_assessment(framework, {}), framework.perspectives, agenda
    )
    assert context.agenda[0].day == "Day 1: Monday 5 January 2026"
    assert context.agenda[-1].day == "Day 2: Tuesday 6 January 2026"
    assert context.perspectives[1].session == "Day 2, 09:15\u201314:25"
    assert context.invitations[1].when == "Tuesday 6 January 2026, 09:15\u201314:25"
    assert context.agenda_length == "5 h 45 min + 5 h 45 min"
    assert context.days == ("Day 1: A", "Day 2: B")
    assert "spreads it over 2 days" in context.agenda_warning
