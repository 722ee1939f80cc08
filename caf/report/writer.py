"""From assessment files to the report: read and score them, build the views, render, write.

Files are read the way ``caf scorecard`` reads them (:class:`caf.scoring.batch.Batch`: every
bad file reported, or skipped on request). The HTML is written atomically; with ``pdf`` its PDF
is written beside it through WeasyPrint, also atomically, and only once the HTML is complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from caf.files import atomic_path, write_text
from caf.pack.writer import pdf_renderer
from caf.render.scorecard_build import build_view
from caf.render.templating import environment, render
from caf.report.views import build_report
from caf.scoring.batch import Batch
from caf.scoring.evidence import DEFAULT_EVIDENCE_LEVEL
from caf.scoring.portfolio import portfolio_of_histories
from caf.validation.checks import framework_digest

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from caf.errors import Issue
    from caf.models.catalog import Catalog
    from caf.models.framework import Framework
    from caf.render.scorecard_view import ScorecardView
    from caf.report.context import ReportContext
    from caf.scoring.portfolio import Portfolio
    from caf.validation.library import Library

TEMPLATE = "report/report.html"
"""The report's template (a user's ``--templates`` folder may replace or extend it)."""

DEFAULT_SECTIONS = 30
"""Subjects of a portfolio that get a section of their own, unless asked otherwise."""


@dataclass(frozen=True)
class ReportOptions:
    """How to shape the report."""

    sections: int = DEFAULT_SECTIONS
    """At most this many subjects get a section of their own (the first, in input order)."""

    templates: tuple[Path, ...] = ()
    """User template folders, searched before the built-ins."""

    pdf: bool = False
    """Also write the PDF beside the HTML (needs WeasyPrint)."""

    skip_invalid: bool = False
    """Leave out files with errors instead of stopping."""

    evidence_level: int = DEFAULT_EVIDENCE_LEVEL
    """Levels at or above this need evidence."""

    paper: str = "A4"
    """The printed page size: ``A4`` or ``letter``."""


@dataclass(frozen=True)
class Written:
    """What :func:`write_report` wrote."""

    html: Path
    """The report."""

    pdf: Path | None
    """Its PDF, when asked for."""

    subjects: int
    """Subjects in the report."""

    sections: int
    """Subjects with a section of their own."""

    assessments: int
    """Assessments read."""

    size: int
    """Bytes of the HTML."""

    skipped: list[Path]
    """Files left out because they had errors."""

    warnings: list[Issue]
    """Warnings found on the way."""


def sections_note(shown: int, total: int) -> str:
    """Why only some subjects have a section, or empty when all do."""
    if shown >= total:
        return ""
    return (
        f"Sections for the first {shown} of {total} subjects (in the order read); the others "
        "appear in the heatmap, the distribution and the movers. Run caf report on a subject's "
        "files, or with --sections, for more."
    )


def report_context(
    framework: Framework,
    portfolio: Portfolio,
    catalogs: dict[str, Catalog],
    *,
    sections: int = DEFAULT_SECTIONS,
    evidence_level: int = DEFAULT_EVIDENCE_LEVEL,
    paper: str = "A4",
) -> ReportContext:
    """The report's context: the portfolio's view and one view per subject (up to ``sections``)."""
    content = framework_digest(framework)

    def view(of: Portfolio) -> ScorecardView:
        return build_view(
            framework,
            of,
            catalogs,
            (),
            framework_digest=content,
            evidence_level=evidence_level,
        )

    overview = view(portfolio)
    histories = portfolio.subjects
    subjects = (
        [view(portfolio_of_histories(framework, [h])) for h in histories[:sections]]
        if overview.portfolio
        else []
    )
    scale = range(framework.scale.lowest, framework.scale.highest + 1)
    note = sections_note(len(subjects), len(histories)) if overview.portfolio else ""
    return build_report(overview, subjects, scale, sections_note=note, paper=paper)


def render_report(context: ReportContext, templates: Sequence[Path] = ()) -> str:
    """The report's HTML.

    Raises:
        CafError: a template is missing or broken, or a user template does something the
            sandbox forbids.
    """
    return render(environment(templates), TEMPLATE, {"report": context})


def write_report(
    paths: Sequence[Path],
    library: Library,
    output: Path,
    options: ReportOptions,
    on_file: Callable[[Path], None] | None = None,
) -> Written:
    """Score the assessments under ``paths`` and write the report to ``output``.

    Raises:
        InvalidInputError: a file has an error (and ``skip_invalid`` is off), or none is good.
        CafError: PDF asked for without WeasyPrint, several frameworks answered, a template
            problem, or an output would replace an input.
    """
    to_pdf = pdf_renderer() if options.pdf else None
    batch = Batch(library, on_file)
    files = batch.files(paths)
    pdf = output.with_suffix(".pdf") if options.pdf else None
    for _ in batch.scored(files):
        pass
    batch.finish(skip_invalid=options.skip_invalid)
    builder = batch.only_builder("report")
    context = report_context(
        builder.framework,
        builder.build(),
        library.catalogs(),
        sections=options.sections,
        evidence_level=options.evidence_level,
        paper=options.paper,
    )
    html = render_report(context, options.templates)
    write_text(output, html, files)
    if to_pdf is not None and pdf is not None:
        with atomic_path(pdf, files) as temporary:
            to_pdf(output, temporary)
    return Written(
        output,
        pdf,
        len(context.portfolio.view.subjects) if context.portfolio else 1,
        len(context.sections),
        builder.count,
        len(html.encode("utf-8")),
        batch.skipped,
        batch.warnings,
    )
