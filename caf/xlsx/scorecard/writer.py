"""The scorecard workbook, laid out from the view model (:mod:`caf.render.scorecard_view`).

Sheets: Summary, Perspectives, Capabilities, Actions, Heatmap (a portfolio), Trend (two or
more rounds), Crosswalk, N/A register, Evidence, Data (an Excel Table of the tidy rows) and
About. Every cell holds a value, never a formula, so any reader sees the numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from caf.files import atomic_path
from caf.xlsx.book import Style
from caf.xlsx.scorecard.cells import Column, ScorecardBook
from caf.xlsx.scorecard.data import write_data
from caf.xlsx.scorecard.listings import write_actions, write_listings

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from caf.render.scorecard_view import Heatmap, NodeRow, ScorecardView
    from caf.xlsx.book import Sheet

SHEETS = (
    "Summary",
    "Perspectives",
    "Capabilities",
    "Actions",
    "Heatmap",
    "Trend",
    "Crosswalk",
    "NA register",
    "Evidence",
    "Data",
    "About",
)
"""Every sheet the workbook can have, in order (Heatmap and Trend only when they apply)."""

_SCALE = {
    "type": "3_color_scale",
    "min_color": "#F8696B",
    "mid_color": "#FFEB84",
    "max_color": "#63BE7B",
}
_NODE = (
    Column("Subject", width=24),
    Column("Round", width=10),
    Column("Perspective", width=22),
    Column("ID", width=10),
    Column("Title", width=34),
    Column("CAF-AI", width=9),
    Column("Weight", "number", 8),
    Column("Score", "score", 8),
    Column("Target", "score", 8),
    Column("Floor", "count", 7),
    Column("Coverage", "percent", 9),
    Column("% to target", "percent", 10),
    Column("Answered", "count", 9),
    Column("Applicable", "count", 10),
    Column("Practices", "count", 9),
    Column("HIGH", "count", 7),
    Column("MEDIUM", "count", 8),
)


def _node_rows(rows: Iterable[NodeRow]) -> Iterable[tuple[object, ...]]:
    for r in rows:
        yield (
            r.subject,
            r.round,
            r.perspective,
            r.id,
            r.title,
            r.kind,
            r.weight,
            r.score,
            r.target,
            r.floor,
            r.coverage,
            r.percent_to_target,
            r.answered,
            r.applicable,
            r.total,
            r.high,
            r.medium,
        )


def _colour(sheet: Sheet, first: int, last: int, col: int) -> None:
    if last >= first:
        sheet.worksheet.conditional_format(first, col, last, col, _SCALE)


_SUMMARY_WIDTHS = (30, 24, 30, 10, 10, 10)
"""Summary column widths, the same for each of its tables (a header sets its columns' widths):
labels, values (and the names of subject and framework), notes."""


def _summary(book: ScorecardBook, view: ScorecardView, page: str) -> None:
    sheet = book.sheet("Summary")
    for col, width in enumerate(_SUMMARY_WIDTHS):
        sheet.worksheet.set_column(col, col, width)
    sheet.text(0, 0, view.title, Style.TITLE)
    row = 2
    for label, value, kind in _facts(view):
        # A long name wraps; spreadsheet programs do not grow a row for it when opening the
        # file, so the row is made tall enough here (before its cells: constant memory).
        lines = -(-len(str(value or "")) // _SUMMARY_WIDTHS[1])
        if lines > 1:
            sheet.worksheet.set_row(row, 15 * lines)
        sheet.text(row, 0, label, Style.LABEL)
        book.cell(sheet, row, 1, value, kind)
        row += 1
    row += 1
    wide, value, note = _SUMMARY_WIDTHS[:3]
    book.header(
        sheet,
        row,
        (
            Column("Headline", width=wide),
            Column("Value", width=value),
            Column("How to read it", width=note),
        ),
    )
    sheet.worksheet.freeze_panes(0, 0)
    for line in view.headline:
        row += 1
        sheet.text(row, 0, line.label, Style.LABEL)
        book.cell(sheet, row, 1, line.figure, line.kind)
        sheet.text(row, 2, line.note, Style.PLAIN)
    row += 2
    chart_top = row
    book.header(
        sheet,
        row,
        (
            Column("Perspective", width=wide),
            Column("Current", width=value),
            Column("Target", width=note),
        ),
    )
    sheet.worksheet.freeze_panes(0, 0)
    for item in view.chart:
        row += 1
        sheet.text(row, 0, item.title, Style.FACT)
        book.cell(sheet, row, 1, item.score, "score")
        book.cell(sheet, row, 2, item.target, "score")
    _charts(book, sheet, chart_top, row)
    if view.spread:
        _spread(book, sheet, row + 2, view)
    book.print_setup(sheet, page)


def _facts(view: ScorecardView) -> list[tuple[str, object, str]]:
    """What the Summary is about: (label, value, kind) lines at its top."""
    facts: list[tuple[str, object, str]] = [
        ("Framework", f"{view.framework} ({view.framework_ref})", "text"),
    ]
    if view.portfolio:
        rounds = sorted({s.round for s in view.subjects})
        return [
            *facts,
            ("Subjects", len(view.subjects), "count"),
            ("Latest rounds", ", ".join(rounds), "text"),
        ]
    only = view.subjects[0]
    return [
        *facts,
        ("Subject", only.name, "text"),
        ("Business unit", only.business_unit, "text"),
        ("Round", only.round, "text"),
        ("Date", only.date, "date"),
    ]


def _spread(book: ScorecardBook, sheet: Sheet, row: int, view: ScorecardView) -> None:
    """How each figure is spread across the subjects of a portfolio."""
    columns = (
        Column("Across subjects", width=_SUMMARY_WIDTHS[0]),
        Column("Mean", "score", _SUMMARY_WIDTHS[1]),
        Column("Min", "score", _SUMMARY_WIDTHS[2]),
        Column("Median", "score", _SUMMARY_WIDTHS[3]),
        Column("Max", "score", _SUMMARY_WIDTHS[4]),
        Column("Subjects", "count", _SUMMARY_WIDTHS[5]),
    )
    book.header(sheet, row, columns)
    sheet.worksheet.freeze_panes(0, 0)
    book.rows(
        sheet,
        row + 1,
        columns,
        ((s.title, s.mean, s.minimum, s.median, s.maximum, s.subjects) for s in view.spread),
    )


def _charts(book: ScorecardBook, sheet: Sheet, top: int, bottom: int) -> None:
    if bottom <= top:
        return
    radar = book.workbook.add_chart({"type": "radar", "subtype": "with_markers"})
    bars = book.workbook.add_chart({"type": "bar"})
    for col, name in ((1, "Current"), (2, "Target")):
        series = {
            "name": name,
            "categories": ["Summary", top + 1, 0, bottom, 0],
            "values": ["Summary", top + 1, col, bottom, col],
        }
        radar.add_series(series)
        bars.add_series(series)
    radar.set_title({"name": "Current and target by perspective"})
    bars.set_title({"name": "By perspective"})
    sheet.worksheet.insert_chart(1, 7, radar, {"x_scale": 1.2, "y_scale": 1.3})
    sheet.worksheet.insert_chart(22, 7, bars, {"x_scale": 1.2, "y_scale": 1.1})


def _nodes(book: ScorecardBook, name: str, rows: Iterable[NodeRow], page: str) -> None:
    sheet, end = book.listing(name, _NODE, _node_rows(rows), page)
    _colour(sheet, 2, end - 1, 7)
    _colour(sheet, 2, end - 1, 11)


def _heatmap(book: ScorecardBook, sheet: Sheet, first: int, heat: Heatmap) -> int:
    columns = (
        Column("Business unit", width=20),
        Column("Subject", width=24),
        *(Column(title, "score", 12) for title in heat.columns),
    )
    book.header(sheet, first, columns)
    end = book.rows(
        sheet, first + 1, columns, ((r.business_unit, r.subject, *r.cells) for r in heat.rows)
    )
    if end > first + 1:
        sheet.worksheet.conditional_format(first + 1, 2, end - 1, len(columns) - 1, _SCALE)
    return end


def _trend(book: ScorecardBook, view: ScorecardView, page: str) -> None:
    columns = (
        Column("Subject", width=24),
        Column("Figure", width=24),
        Column("Previous round"),
        Column("Latest round"),
        Column("Previous", "score", 10),
        Column("Latest", "score", 10),
        Column("Change", "score", 10),
    )
    rows = (
        (t.subject, t.node, t.previous_round, t.latest_round, t.previous, t.latest, t.change)
        for t in view.trend
    )
    sheet, end = book.listing("Trend", columns, rows, page)
    if view.trend_points:
        top = end + 1
        points = (Column("Round"), Column("Mean overall", "score"), Column("Subjects", "count"))
        book.header(sheet, top, points)
        sheet.worksheet.freeze_panes(2, 0)
        last = book.rows(
            sheet, top + 1, points, ((p.round, p.score, p.subjects) for p in view.trend_points)
        )
        line = book.workbook.add_chart({"type": "line"})
        line.add_series(
            {
                "name": "Overall score",
                "marker": {"type": "circle"},
                "categories": ["Trend", top + 1, 0, last - 1, 0],
                "values": ["Trend", top + 1, 1, last - 1, 1],
            }
        )
        line.set_title({"name": "Overall score across rounds"})
        sheet.worksheet.insert_chart(1, 8, line)


def _about(book: ScorecardBook, view: ScorecardView, page: str) -> None:
    sheet = book.sheet("About")
    sheet.worksheet.set_column(0, 0, 22)
    sheet.worksheet.set_column(1, 1, 100)
    lines = [
        ("Framework", f"{view.framework} ({view.framework_ref})"),
        ("Framework digest", view.framework_digest),
        ("Generated", view.generated.isoformat()),
        (
            "Values",
            (
                "Every cell is a value, not a formula; figures keep full precision and "
                "are shown to one decimal."
            ),
        ),
        (
            "Score",
            (
                "Weighted mean of the levels answered (practice weights in a capability, "
                "capability weights in a perspective, perspective weights overall)."
            ),
        ),
        ("Floor / coverage", "Lowest level answered; answered ÷ applicable practices."),
        ("Percent to target", "Σ w·min(level, target) ÷ Σ w·target: no credit past the target."),
        (
            "Risk and priority",
            (
                "HIGH when the gap reaches the framework's high gap (or a critical "
                "practice's); priority = weight × gap² × 2 for critical practices."
            ),
        ),
        ("Portfolio", "Each subject's latest round counts once; trend = latest - previous."),
        ("Crosswalk", "Verdicts follow the rule in docs/scoring.md, 'Crosswalk projection'."),
        (
            "Evidence",
            (
                f"Levels of {view.evidence_level} or more with no evidence item are "
                "flagged 'claimed, unevidenced'."
            ),
        ),
        ("More", "docs/scoring.md in the caf repository explains every rule."),
    ]
    sheet.text(0, 0, "About this scorecard", Style.TITLE)
    for row, (label, text) in enumerate(lines, start=2):
        sheet.text(row, 0, label, Style.LABEL)
        sheet.text(row, 1, text, Style.PLAIN)
    book.print_setup(sheet, page)


def write_scorecard(target: Path, view: ScorecardView, inputs: Iterable[Path] = ()) -> list[str]:
    """Write the scorecard workbook atomically; return the names of the sheets written."""
    page = view.title if view.portfolio else f"{view.subjects[0].name} — {view.subjects[0].round}"
    with atomic_path(target, inputs) as temporary:
        book = ScorecardBook(temporary, view.title)
        _summary(book, view, page)
        _nodes(book, "Perspectives", view.perspectives, page)
        _nodes(book, "Capabilities", view.capabilities, page)
        write_actions(book, view, page)
        if view.portfolio:
            sheet = book.sheet("Heatmap")
            sheet.text(0, 0, "Latest scores by perspective", Style.TITLE)
            end = _heatmap(book, sheet, 1, view.heatmap)
            sheet.text(end + 1, 0, "Latest scores by capability", Style.TITLE)
            _heatmap(book, sheet, end + 2, view.capability_heatmap)
            # The first header and the subject names stay in view.
            sheet.worksheet.freeze_panes(2, 2)
            book.print_setup(sheet, page)
        if view.trend:
            _trend(book, view, page)
        write_listings(book, view, page)
        write_data(book, view.data_columns, view.data)
        _about(book, view, page)
        names = [sheet.name for sheet in book.workbook.worksheets()]
        book.close()
    return names
