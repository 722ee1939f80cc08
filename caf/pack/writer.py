"""Write a workshop pack: the folder ``DIR/`` and ``DIR.zip`` beside it, all or nothing.

Everything is written into a temporary folder beside ``DIR`` and renamed into place when
complete; the zip goes through :func:`caf.files.atomic_path`. A failure half-way leaves what
was there before. File names inside the pack are fixed or built from framework ids (made safe),
never from the subject, round or notes, so nothing can be written outside ``DIR``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from caf.errors import CafError, OutputError
from caf.files import atomic_path
from caf.pack.agenda import DEFAULT_BREAKS, SessionPlan, parse_breaks, plan_agenda
from caf.pack.context import Document
from caf.pack.deck import TEMPLATE_NAME, Radar, write_deck
from caf.pack.views import Previous, build_context
from caf.render.templating import environment, render
from caf.scoring.scorecard import score
from caf.validation.paths import load_assessments
from caf.xlsx.capture.writer import write_capture

if TYPE_CHECKING:
    from collections.abc import Callable

    from caf.models.assessment import Answer, Assessment
    from caf.models.framework import Framework, Perspective
    from caf.pack.agenda import Agenda, Break
    from caf.pack.context import PackContext
    from caf.validation.library import Library
    from caf.validation.session import Session

PDF_INSTALL = "pip install 'caf-governance[pdf]'"
"""The command that installs the optional PDF support (WeasyPrint)."""

HTML_DOCUMENTS = (
    Document("index.html", "This pack", "What is in the pack and the agenda at a glance."),
    Document(
        "facilitator-guide.html",
        "Facilitator guide",
        "For the facilitator: timed agenda, who to invite, and every question with its rubric, "
        "prompts and evidence to ask for.",
    ),
    Document(
        "worksheets.html",
        "Participant worksheets",
        "Print one set per participant: a page group per perspective, a tick box per level.",
    ),
    Document(
        "pre-read.html",
        "Pre-read",
        "Send to participants a week before: the framework, the scale, how scores are computed "
        "and what to bring.",
    ),
)
"""The HTML documents, rendered from ``templates/pack/<file>``."""

OTHER_DOCUMENTS = (
    Document("deck.pptx", "Slide deck", "Run the session from it; every slide is editable."),
    Document(
        "capture.xlsx",
        "Capture workbook",
        "Record the answers in the room; afterwards run caf import capture.xlsx.",
    ),
)
"""The deck and the capture workbook."""


@dataclass(frozen=True)
class PackOptions:
    """How to shape the pack: which perspectives, the day's timing, templates, PDFs."""

    perspectives: tuple[str, ...] = ()
    """Perspective ids to assess, in framework order; all when empty."""

    start: dt.time = dt.time(9, 0)
    """When the workshop starts."""

    minutes_per_practice: int = 5
    """Time allowed for one question."""

    breaks: tuple[Break, ...] = field(default_factory=lambda: parse_breaks(DEFAULT_BREAKS))
    """Breaks to take between sessions."""

    templates: tuple[Path, ...] = ()
    """User template folders, searched before the built-ins."""

    pdf: bool = False
    """Also write PDFs of the HTML documents (needs WeasyPrint)."""

    force: bool = False
    """Replace an existing pack."""


@dataclass(frozen=True)
class PackResult:
    """What :func:`write_pack` wrote."""

    folder: Path
    """The pack folder."""

    archive: Path
    """The zip of the folder."""

    files: tuple[str, ...]
    """The file names inside the folder."""

    context: PackContext
    """The context the templates were rendered with."""


def load_previous(path: Path, library: Library) -> Previous:
    """The previous round's assessment and the framework (version) it answered.

    Raises:
        InvalidInputError: the file has errors.
    """
    (assessment, framework), *_ = load_assessments([path], library).pairs
    return Previous(assessment, framework)


def pdf_renderer() -> Callable[[Path, Path], None]:
    """A function writing the PDF of an HTML file, from WeasyPrint.

    Raises:
        CafError: WeasyPrint is not installed; the message names the install command.
    """
    try:
        import weasyprint  # noqa: PLC0415 - an optional extra, needed only for --pdf
    except ImportError as error:
        raise CafError(f"--pdf needs WeasyPrint, which is not installed: {PDF_INSTALL}") from error

    def to_pdf(html: Path, pdf: Path) -> None:
        weasyprint.HTML(filename=str(html)).write_pdf(str(pdf))

    return to_pdf


def _selected(framework: Framework, wanted: tuple[str, ...]) -> list[Perspective]:
    known = {p.id.lower(): p for p in framework.perspectives}
    unknown = [w for w in wanted if w.lower() not in known]
    if unknown:
        raise CafError(
            f"--perspectives: {', '.join(unknown)} not in {framework.ref} "
            f"(it has {', '.join(p.id for p in framework.perspectives)})"
        )
    chosen = {w.lower() for w in wanted}
    return [p for p in framework.perspectives if not wanted or p.id.lower() in chosen]


def carried_over(assessment: Assessment, previous: Previous, framework: Framework) -> Assessment:
    """The new round's assessment starting from last round's answers, each note marked."""
    label = previous.assessment.round.label
    ids = set(framework.practice_ids())
    answers: dict[str, Answer] = {}
    for pid, answer in previous.assessment.answers.items():
        if pid not in ids:
            continue
        mark = f"From {label}: {answer.notes}" if answer.notes else f"Carried over from {label}."
        answers[pid] = answer.model_copy(update={"notes": mark})
    return assessment.model_copy(
        update={
            "answers": answers,
            "facilitator": previous.assessment.facilitator,
            "participants": previous.assessment.participants,
        }
    )


def _radar(previous: Previous) -> Radar:
    card = score(previous.framework, previous.assessment)
    shown = [p for p in card.perspectives if p.summary.score is not None]
    return Radar(
        previous.assessment.round.label,
        tuple(p.title for p in shown),
        tuple(p.summary.score or 0.0 for p in shown),
        tuple(p.summary.target or 0.0 for p in shown),
        previous.framework.scale.lowest,
        previous.framework.scale.highest,
    )


PACK_MARKERS = ("index.html", "capture.xlsx")
"""Files every pack holds: an existing folder without them is not replaced, even with --force."""


def _check_target(out: Path, inputs: list[Path], force: bool) -> tuple[Path, Path]:
    """The pack folder (absolute) and its zip, once it is safe to write them.

    ``--force`` replaces an earlier pack, never an arbitrary folder: ``-o .`` or ``-o ~`` with
    ``--force`` must not wipe the user's files.
    """
    out = out.resolve()
    if out.parent == out:
        raise OutputError(f"{out}: choose a folder for the pack, not the root of a drive")
    archive = out.with_name(out.name + ".zip")
    for existing in (out, archive):
        if existing.exists() and not force:
            raise OutputError(f"{existing} exists; use --force to replace the pack")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not all((out / m).is_file() for m in PACK_MARKERS):
        raise OutputError(f"{out} is a folder but not a caf pack; choose another folder")
    for source in inputs:
        if source.resolve().is_relative_to(out) or source.resolve() == archive:
            raise OutputError(f"{out}: the pack would replace an input ({source})")
    return out, archive


def _agenda(session: Session, perspectives: list[Perspective], options: PackOptions) -> Agenda:
    framework = session.framework
    # A workshop happens on a local calendar day; no time zone is meant.
    day = session.assessment.round.date or dt.date.today()  # noqa: DTZ011
    return plan_agenda(
        [
            SessionPlan(p.id, p.title, sum(len(c.practices) for c in p.capabilities))
            for p in perspectives
        ],
        start=dt.datetime.combine(day, options.start),
        minutes_per_practice=options.minutes_per_practice,
        breaks=options.breaks,
        framework_family=(framework.based_on or framework.ref).split("@")[0],
    )


def _documents(pdf: bool) -> tuple[Document, ...]:
    pdfs = tuple(
        Document(d.file.replace(".html", ".pdf"), d.title + " (PDF)", "The same, for printing.")
        for d in HTML_DOCUMENTS
    )
    return (*HTML_DOCUMENTS, *OTHER_DOCUMENTS, *(pdfs if pdf else ()))


def _fill(
    staging: Path,
    context: PackContext,
    session: Session,
    prior: Previous | None,
    options: PackOptions,
    to_pdf: Callable[[Path, Path], None] | None,
) -> None:
    """Write every file of the pack into the (empty, temporary) folder ``staging``."""
    env = environment(options.templates)
    for document in HTML_DOCUMENTS:
        text = render(env, f"pack/{document.file}", {"pack": context})
        (staging / document.file).write_text(text, encoding="utf-8")
        if to_pdf is not None:
            to_pdf(staging / document.file, staging / document.file.replace(".html", ".pdf"))
    for invitation in context.invitations:
        text = render(env, "pack/invitation.txt", {"pack": context, "session": invitation})
        (staging / invitation.file).write_text(text, encoding="utf-8")
    templates = (d / TEMPLATE_NAME for d in options.templates)
    base = next((t for t in templates if t.is_file()), None)
    write_deck(staging / "deck.pptx", context, _radar(prior) if prior else None, base)
    framework = session.framework
    capture = carried_over(session.assessment, prior, framework) if prior else session.assessment
    write_capture(staging / "capture.xlsx", framework, capture)


def write_pack(
    out: Path, session: Session, previous: Path | None, library: Library, options: PackOptions
) -> PackResult:
    """Write the workshop pack for ``session`` into ``out`` and ``out.zip``.

    Raises:
        CafError: PDFs asked for without WeasyPrint, an unknown perspective, an existing pack
            without ``force``, a template problem, or an invalid previous assessment.
    """
    to_pdf = pdf_renderer() if options.pdf else None
    inputs = [*session.inputs, *([previous] if previous else [])]
    out, archive = _check_target(out, inputs, options.force)
    perspectives = _selected(session.framework, options.perspectives)
    prior = load_previous(previous, library) if previous is not None else None
    agenda = _agenda(session, perspectives, options)
    context = build_context(
        session.framework,
        session.assessment,
        perspectives,
        agenda,
        prior,
        _documents(to_pdf is not None),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    try:
        _fill(staging, context, session, prior, options, to_pdf)
        files = tuple(sorted(p.name for p in staging.iterdir()))
        with atomic_path(archive) as temporary:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as bundle:
                for name in files:
                    bundle.write(staging / name, f"{out.name}/{name}")
            _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return PackResult(out, archive, files, context)


def _swap(staging: Path, out: Path) -> None:
    """Rename the finished folder into place, moving an old pack aside first."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
        out.replace(old / "pack")
    try:
        staging.replace(out)
    except OSError:
        if old is not None:
            (old / "pack").replace(out)
        raise
    finally:
        if old is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(old)
