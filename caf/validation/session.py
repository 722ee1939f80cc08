"""What a workshop is about: the framework (tailored by a profile), the team, the round.

``caf workbook`` (and later the workshop pack) start here: a framework named by id, optionally
tailored by a profile given by id or by file, and either a new round for a team or an existing
assessment whose answers are carried over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from caf.errors import CafError, InvalidInputError, NotFoundError
from caf.models.assessment import Assessment, FrameworkRef, Round, Subject
from caf.models.framework import digest
from caf.validation.paths import load_assessments

if TYPE_CHECKING:
    from caf.models.framework import Framework
    from caf.validation.library import Library


def new_assessment(
    framework: Framework,
    subject: str = "Team name",
    round_label: str = "",
    date: dt.date | None = None,
) -> Assessment:
    """An assessment of ``framework`` with nothing answered yet (this quarter by default)."""
    date = date or dt.datetime.now(tz=dt.UTC).date()
    label = round_label or f"{date.year}-Q{(date.month - 1) // 3 + 1}"
    return Assessment(
        framework=FrameworkRef(
            id=framework.id, version=framework.version, digest=digest(framework)
        ),
        subject=Subject(name=subject),
        round=Round(label=label, date=date),
    )


@dataclass(frozen=True)
class Session:
    """A workshop to prepare: what is assessed, for whom, when."""

    framework: Framework
    """The resolved framework (a profile already applied)."""

    assessment: Assessment
    """The team and round, with any answers carried over."""

    inputs: tuple[Path, ...] = ()
    """Files the session was read from (outputs must never overwrite them)."""


MAX_LABEL = 200
"""Longest subject name or round label given on the command line (they head every sheet)."""


def check_labels(subject: str, round_label: str) -> None:
    """Refuse a subject or round the workbook and the assessment file could not both carry.

    The subject must have a visible character (the workbook's import refuses a blank one, so
    writing one would make a file that cannot come back); an empty round means "this quarter",
    but a round of only spaces is refused the same way. Both are kept short: they are labels.

    Raises:
        CafError: saying which option is wrong and why.
    """
    for option, value, may_be_empty in (
        ("--subject", subject, False),
        ("--round", round_label, True),
    ):
        if value == "" and may_be_empty:
            continue
        if not value.strip():
            raise CafError(f"{option} is empty; give the name people use, such as 'Payments'")
        if len(value) > MAX_LABEL:
            raise CafError(
                f"{option} is {len(value):,} characters long; keep it to {MAX_LABEL} at most"
            )


def resolve_framework(library: Library, framework: str, profile: str | None) -> Framework:
    """``framework`` (an id or id@version), tailored by ``profile`` (an id or a file) if given.

    Raises:
        NotFoundError: a name is unknown, or the profile does not tailor the framework.
        InvalidInputError: the profile (or what it extends) has errors.
    """
    if profile is None:
        return library.framework(framework)
    if Path(profile).is_file():
        checked = library.check_file(Path(profile))
        if not checked.ok or checked.framework is None:
            raise InvalidInputError(checked.issues, profile)
        tailored = checked.framework
    else:
        tailored = library.framework(profile)
    base = library.find(framework).ref
    lineage = library.lineage(tailored)
    if base not in lineage:
        raise NotFoundError(
            f"{profile} does not tailor {base} (it comes from {' <- '.join(lineage)})"
        )
    return tailored


def plan_session(
    library: Library,
    framework: str,
    *,
    profile: str | None = None,
    subject: str = "Team name",
    round_label: str = "",
    date: dt.date | None = None,
    carry_over: Path | None = None,
) -> Session:
    """The session for a new round, or for an existing assessment (``carry_over``).

    Raises:
        CafError: the framework or profile cannot be found or has errors, the assessment
            answers another framework, or the subject or round is empty or too long.
    """
    resolved = resolve_framework(library, framework, profile)
    if carry_over is None:
        check_labels(subject, round_label)
        return Session(resolved, new_assessment(resolved, subject, round_label, date))
    (assessment, answered), *_ = load_assessments([carry_over], library).pairs
    if answered.ref != resolved.ref:
        raise CafError(f"{carry_over} answers {answered.ref}, not {resolved.ref}")
    return Session(resolved, assessment, (carry_over,))
