"""The slide deck that runs the workshop (python-pptx).

Title, objectives, agenda, the scale, one slide or more per perspective (its capabilities and
questions), last round's radar as a native chart that stays editable in PowerPoint, and next
steps. The slides use the layouts of a built-in blank presentation, or of ``deck.pptx`` in the
user's templates folder, so a corporate template's masters, fonts and colours carry over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from pptx.presentation import Presentation as PresentationType
    from pptx.slide import Slide, SlideLayout

    from caf.pack.context import PackContext

PRACTICES_PER_SLIDE = 6
"""Questions on one perspective slide before it continues on the next."""

TEMPLATE_NAME = "deck.pptx"
"""The corporate presentation looked for in the user's templates folders."""

_TITLE, _CONTENT, _TITLE_ONLY = 0, 1, 5
"""Layout positions every PowerPoint default master (and most corporate ones) share."""


@dataclass(frozen=True)
class Radar:
    """Last round's figures per perspective, drawn as a radar chart."""

    round_label: str
    """The round the figures belong to."""

    categories: tuple[str, ...]
    """Perspective titles, in framework order."""

    scores: tuple[float, ...]
    """The perspectives' scores (0 where nothing was answered)."""

    targets: tuple[float, ...]
    """The perspectives' targets over the same practices."""

    lowest: int
    """The scale's lowest level: the centre of the chart."""

    highest: int
    """The scale's highest level: the outer ring."""


def _layout(deck: PresentationType, index: int) -> SlideLayout:
    layouts = deck.slide_layouts
    return layouts[min(index, len(layouts) - 1)]


def _slide(deck: PresentationType, index: int, title: str) -> Slide:
    slide: Slide = deck.slides.add_slide(_layout(deck, index))
    if slide.shapes.title is not None:
        slide.shapes.title.text = title
    return slide


def _bullets(slide: Slide, lines: Sequence[tuple[int, str]], size: int = 18) -> None:
    """Fill the body placeholder with (indent level, text) lines."""
    body = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
    if body is None:
        box = slide.shapes.add_textbox(Inches(0.6), Inches(1.5), Inches(8.8), Inches(5))
        frame = box.text_frame
    else:
        frame = body.text_frame
    frame.word_wrap = True
    for n, (level, text) in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.level = level
        for run in paragraph.runs:
            run.font.size = Pt(size - 2 * level)


def _table(slide: Slide, rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
    top = Inches(1.4)
    shape = slide.shapes.add_table(
        len(rows), len(widths), Inches(0.5), top, Inches(sum(widths)), Emu(Inches(0.35) * len(rows))
    )
    table = shape.table
    for c, width in enumerate(widths):
        table.columns[c].width = Inches(width)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            cell.text = text
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(14)


def _agenda_slides(deck: PresentationType, context: PackContext) -> None:
    """One agenda slide per day (a workshop too long for one day is spread over several)."""
    days = list(dict.fromkeys(item.day for item in context.agenda))
    for day in days:
        rows = [("Time", "What", "Questions")]
        rows += [
            (a.start + "\u2013" + a.end, a.title, a.detail) for a in context.agenda if a.day == day
        ]
        title = f"Agenda, {day}" if day else f"Agenda ({context.agenda_length})"
        _table(_slide(deck, _TITLE_ONLY, title), rows, (1.6, 5, 2))


def _perspective_slides(deck: PresentationType, context: PackContext) -> None:
    for view in context.perspectives:
        lines: list[tuple[int, str]] = []
        for capability in view.capabilities:
            lines.extend((1, f"{p.id}  {p.question}") for p in capability.practices)
            lines.insert(len(lines) - len(capability.practices), (0, capability.title))
        chunks = _chunks(lines)
        for n, chunk in enumerate(chunks):
            suffix = f" ({n + 1}/{len(chunks)})" if len(chunks) > 1 else ""
            slide = _slide(deck, _CONTENT, f"{view.title}{suffix}")
            _bullets(slide, chunk, size=16)


def _chunks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Split into slides of at most PRACTICES_PER_SLIDE questions, repeating the capability."""
    chunks: list[list[tuple[int, str]]] = [[]]
    heading = ""
    questions = 0
    for level, text in lines:
        if level == 0:
            heading = text
        elif questions == PRACTICES_PER_SLIDE:
            chunks.append([(0, heading + " (continued)")])
            questions = 0
        if level == 1:
            questions += 1
        chunks[-1].append((level, text))
    return chunks


def _radar(deck: PresentationType, radar: Radar) -> None:
    slide = _slide(deck, _TITLE_ONLY, f"Where we stood in {radar.round_label}")
    # python-pptx's chart-data classes carry no annotations; the calls are its documented API.
    data = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = radar.categories
    data.add_series(f"Score {radar.round_label}", radar.scores)  # type: ignore[no-untyped-call]
    data.add_series("Target", radar.targets)  # type: ignore[no-untyped-call]
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.RADAR_MARKERS,
        Inches(1),
        Inches(1.4),
        Inches(8),
        Inches(5.6),
        data,  # type: ignore[arg-type]
    )
    # python-pptx annotates add_chart as returning the chart; it returns the graphic frame.
    chart = frame.chart  # type: ignore[attr-defined]
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    # The whole scale, not just the range the data happens to span, so rounds compare.
    chart.value_axis.minimum_scale = radar.lowest
    chart.value_axis.maximum_scale = radar.highest
    chart.value_axis.major_unit = 1


def write_deck(
    target: Path, context: PackContext, radar: Radar | None, base: Path | None = None
) -> None:
    """Write the deck to ``target`` (a path in the pack's temporary folder)."""
    deck = Presentation(str(base)) if base is not None else Presentation()
    slide = _slide(deck, _TITLE, context.title)
    if len(slide.placeholders) > 1:
        slide.placeholders[
            1
        ].text = f"{context.framework_title} ({context.framework_ref})\n{context.date}"
    objectives = [
        (0, f"Agree where {context.subject} stands today on {context.practice_count} practices"),
        (0, "Find the gaps that carry the most risk, and who closes them"),
        (0, "Leave with owners, dates and the evidence to collect before the next round"),
    ]
    _bullets(_slide(deck, _CONTENT, "Objectives"), objectives)
    _agenda_slides(deck, context)
    scale = [("Level", "Name", "What it means")]
    scale += [(str(level.value), level.name, level.text) for level in context.scale]
    scale_slide = _slide(deck, _TITLE_ONLY, "The scale")
    _table(scale_slide, scale, (0.6, 1.8, 6.6))
    box = scale_slide.shapes.add_textbox(Inches(0.5), Inches(6.3), Inches(9), Inches(0.8))
    box.text_frame.word_wrap = True
    box.text_frame.text = context.scoring_rule
    if radar is not None:
        _radar(deck, radar)
    _perspective_slides(deck, context)
    steps = [
        (0, "The capture workbook becomes the assessment file: caf import capture.xlsx"),
        (0, "The scorecard goes to the sponsor"),
        (0, "Owners close their gaps by the agreed dates"),
        (0, "Next round: the same questions, with today's answers as the starting point"),
    ]
    _bullets(_slide(deck, _CONTENT, "Next steps"), steps)
    deck.save(str(target))
