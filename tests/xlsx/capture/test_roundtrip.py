"""Export → fill → import gives back exactly the answers (and after a LibreOffice re-save)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

import pytest
from helpers import FORMULA_PAYLOADS, libreoffice_convert
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caf.models.assessment import Answer, Assessment, FrameworkRef, Participant, Round, Subject
from caf.validation.library import Library
from caf.xlsx.capture.fill import fill_capture
from caf.xlsx.capture.reader import import_workbook
from caf.xlsx.capture.writer import write_capture

if TYPE_CHECKING:
    from pathlib import Path

    from caf.models.framework import Framework

TRICKY = [
    *FORMULA_PAYLOADS,
    "line one\nline two\r\nline three",
    "unicode: \u00e9t\u00e9 \u4e2d\u6587 \U0001f600 \u202e reversed \u200b",
    "_x0041_ looks like an escape",
    "control \x01\x02\x1f characters",
    "trailing spaces   ",
    "<b>markup</b> & 'quotes' \"double\"",
]


@functools.cache
def library() -> Library:
    """The shipped library, parsed once: the property test asks for it in every example."""
    return Library()


@functools.cache
def starter() -> Framework:
    return library().framework("starter")


def assessment_with(answers: dict[str, Answer], **head: Any) -> Assessment:
    fw = starter()
    return Assessment(
        framework=FrameworkRef(id=fw.id, version=fw.version),
        subject=head.get(
            "subject",
            Subject(
                name="Payments",
                id="payments",
                scope="All of it",
                business_unit="Retail",
                tags=["eu", "pilot"],
            ),
        ),
        round=head.get("round", Round(label="2026-Q4", date=dt.date(2026, 11, 30))),
        facilitator=head.get("facilitator", "Jordan"),
        participants=head.get("participants", [Participant(name="Sam", role="product owner")]),
        answers=answers,
    )


def tricky_assessment() -> Assessment:
    ids = starter().practice_ids()
    answers = {}
    for index, text in enumerate(TRICKY):
        pid = ids[index % len(ids)]
        answers[pid] = Answer(
            level=index % 6,
            notes=text,
            owner=text[:30] or None,
            evidence=[t for t in text.splitlines() if t.strip()],
            due=dt.date(2027, 1, 1 + index),
        )
    answers[ids[0]] = Answer(na=True, na_reason=TRICKY[0], notes="x" * 32_767)
    answers[ids[1]] = Answer(level=2, target=5, notes="n" * 32_767)
    return assessment_with(
        answers,
        subject=Subject(name=TRICKY[0], scope=TRICKY[7]),
        facilitator=TRICKY[3],
        participants=[Participant(name=t, role=t) for t in TRICKY[:5]],
    )


def crlf_as_lf(assessment: Assessment) -> Assessment:
    """The assessment as LibreOffice saves it: it stores a CR LF line break in a cell as LF."""
    text = assessment.model_dump_json()
    return Assessment.model_validate_json(text.replace("\\r\\n", "\\n"))


def same(imported: Assessment, original: Assessment) -> None:
    """Equal in every answer and every field of the head (the digest is filled in on export)."""
    given_answers = {k: v for k, v in original.answers.items() if v != Answer()}
    assert imported.answers == given_answers
    assert imported.subject == original.subject
    assert imported.round == original.round
    assert imported.facilitator == original.facilitator
    assert imported.participants == original.participants


def test_round_trip_written_prefilled(tmp_path: Path) -> None:
    original = tricky_assessment()
    path = tmp_path / "prefilled.xlsx"
    write_capture(path, starter(), original)
    same(import_workbook(path, library()).assessment, original)


def test_round_trip_typed_in(tmp_path: Path) -> None:
    original = tricky_assessment()
    blank = tmp_path / "blank.xlsx"
    write_capture(blank, starter(), assessment_with({}))
    filled = tmp_path / "filled.xlsx"
    fill_capture(blank, filled, original)
    same(import_workbook(filled, library()).assessment, original)


@pytest.mark.slow
def test_round_trip_after_libreoffice_resaves(tmp_path: Path) -> None:
    original = tricky_assessment()
    blank = tmp_path / "blank.xlsx"
    write_capture(blank, starter(), assessment_with({}))
    typed = tmp_path / "typed.xlsx"
    fill_capture(blank, typed, original)
    prefilled = tmp_path / "prefilled.xlsx"
    write_capture(prefilled, starter(), original)
    for path in libreoffice_convert([typed, prefilled], tmp_path):
        same(import_workbook(path, library()).assessment, crlf_as_lf(original))


TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
LINE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"),
    min_size=1,
    max_size=30,
).filter(str.strip)


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Answer]:
    ids = starter().practice_ids()
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    out = {}
    for pid in chosen:
        na = draw(st.booleans())
        level = None if na else draw(st.one_of(st.none(), st.integers(0, 5)))
        out[pid] = Answer(
            na=na,
            level=level,
            na_reason=draw(st.one_of(st.none(), TEXT.filter(bool))),
            target=draw(st.one_of(st.none(), st.integers(0, 5))),
            notes=draw(st.one_of(st.none(), TEXT.filter(bool))),
            evidence=draw(st.lists(LINE, max_size=3)),
            owner=draw(st.one_of(st.none(), TEXT.filter(bool))),
            due=draw(st.one_of(st.none(), st.dates(dt.date(1901, 1, 1), dt.date(9999, 12, 31)))),
        )
    return out


@given(answers(), st.booleans())
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_round_trip_property(tmp_path: Path, drawn: dict[str, Answer], typed: bool) -> None:
    original = assessment_with(drawn)
    path = tmp_path / "workbook.xlsx"
    if typed:
        blank = tmp_path / "blank.xlsx"
        write_capture(blank, starter(), assessment_with({}))
        fill_capture(blank, path, original)
    else:
        write_capture(path, starter(), original)
    same(import_workbook(path, library()).assessment, original)
