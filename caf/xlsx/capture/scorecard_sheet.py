"""The capture workbook's Scorecard sheet: live formulas over the Assess sheet, and a radar chart.

Two tables share one set of columns: perspectives (with an Overall row) on top, capabilities
below. Capability figures are computed from the Assess sheet by criteria (the capability id),
so they hold however the Assess table is sorted or filtered. Perspective rows add up the hidden
helper columns of their capability rows, and Overall adds up the perspective rows, which is
exactly how docs/scoring.md nests the weighted means. Every formula carries the engine's value.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xlsxwriter.utility import xl_col_to_name

from caf.scoring.scorecard import Risk
from caf.xlsx.book import PageSetup, Style
from caf.xlsx.capture.assess_sheet import LINE_HEIGHT, row_height
from caf.xlsx.capture.layout import (
    SCORECARD_COLUMNS,
    SCORECARD_HELPERS,
    Name,
    SheetName,
    assess_range,
)

if TYPE_CHECKING:
    from caf.models.framework import Framework
    from caf.scoring.scorecard import PracticeResult, Scorecard, Summary
    from caf.xlsx.book import Book

_HELPER_START = 30
"""Hidden helper columns start far to the right, clear of the chart."""

_TOP = 3
"""0-based row of the perspective table's header."""

_CHART_ROWS = 22
"""Rows the radar chart takes, below the perspective table, where a 1280 px screen shows it."""

_WIDTHS = (16, 30, 9)
"""Perspective, capability, and each figure's column."""


def legend(framework: Framework) -> tuple[tuple[str, str], ...]:
    """What each Scorecard column means, printed under the tables (risk thresholds included)."""
    rules = framework.risk
    return (
        ("Score", "weighted mean of the answered levels (N/A and blanks left out)"),
        ("Target", "weighted mean of the targets of the same answered practices"),
        ("Floor", "the lowest answered level: the weakest practice"),
        ("Coverage", "answered practices out of the applicable ones"),
        ("To target", "how much of the way to target the answered levels reach (weighted)"),
        ("Answered", "practices with a level"),
        ("Applicable", "practices not marked N/A"),
        (
            "High risks",
            (
                f"practices {rules.high_gap} or more levels below target "
                f"({rules.critical_high_gap} or more when the practice is critical)"
            ),
        ),
        ("Medium risks", f"other practices {rules.medium_gap} or more levels below target"),
    )


@functools.cache
def _c(name: str) -> str:
    """Column letter of a visible or helper column, by its header."""
    if name in SCORECARD_COLUMNS:
        return str(xl_col_to_name(SCORECARD_COLUMNS.index(name)))
    return str(xl_col_to_name(_HELPER_START + SCORECARD_HELPERS.index(name)))


@dataclass(frozen=True)
class _Sums:
    """The helper values of one row, as the engine computes them."""

    weight: float
    score: float | None
    target: float | None
    reached: float
    reachable: float

    def cells(self) -> list[float]:
        scored = self.score is not None and self.target is not None
        return [
            self.weight if scored else 0.0,
            self.weight * self.score if scored and self.score is not None else 0.0,
            self.weight * self.target if scored and self.target is not None else 0.0,
            self.reached,
            self.reachable,
        ]


def _reach(results: list[PracticeResult]) -> tuple[float, float]:
    answered = [r for r in results if r.level is not None and r.target > 0]
    reached = sum(r.weight * min(r.level, r.target) for r in answered if r.level is not None)
    return reached, sum(r.weight * r.target for r in answered)


class _Sheet:
    def __init__(self, book: Book, framework: Framework, card: Scorecard, rows: int) -> None:
        self.book = book
        self.framework = framework
        self.card = card
        self.rows = rows
        self.out = book.sheet(SheetName.SCORECARD)
        self.sheet = self.out.worksheet

    def assess(self, key: str) -> str:
        return assess_range(key, max(self.rows, 1))

    def figure(self, row: int, name: str, formula: str, value: object, style: Style) -> None:
        column = (
            SCORECARD_COLUMNS.index(name)
            if name in SCORECARD_COLUMNS
            else (_HELPER_START + SCORECARD_HELPERS.index(name))
        )
        self.out.formula(row, column, formula, value, style)

    def visible(self, row: int, summary: Summary, formulas: dict[str, str], bold: bool) -> None:
        score_style = Style.SCORE_BOLD if bold else Style.SCORE
        values: dict[str, tuple[object, Style]] = {
            "Score": (summary.score, score_style),
            "Target": (summary.target, Style.SCORE),
            "Floor": (summary.floor, Style.COUNT),
            "Coverage": (summary.coverage, Style.PERCENT),
            "To target": (summary.percent_to_target, Style.PERCENT),
            "Answered": (summary.answered, Style.COUNT),
            "Applicable": (summary.applicable, Style.COUNT),
            "High risks": (summary.high, Style.COUNT),
            "Medium risks": (summary.medium, Style.COUNT),
        }
        for name, (value, style) in values.items():
            self.figure(row, name, formulas[name], value, style)

    def helpers(self, row: int, item_id: str, sums: _Sums, formulas: list[str]) -> None:
        self.out.text(row, _HELPER_START, item_id, Style.PLAIN)
        self.sheet.write_number(row, _HELPER_START + 1, sums.weight)
        for offset, (formula, value) in enumerate(zip(formulas, sums.cells(), strict=True)):
            self.sheet.write_formula(row, _HELPER_START + 2 + offset, formula, None, value)

    def scored_helpers(self, r: int) -> list[str]:
        """Scored weight, weighted score and weighted target of row ``r`` (1-based)."""
        score, target, weight = f"{_c('Score')}{r}", f"{_c('Target')}{r}", f"{_c('Weight')}{r}"
        return [
            f"=IF(ISNUMBER({score}),{weight},0)",
            f"=IF(ISNUMBER({score}),{weight}*{score},0)",
            f"=IF(ISNUMBER({score}),{weight}*{target},0)",
        ]

    def rollup(self, r: int, first: int, last: int) -> dict[str, str]:
        """Formulas of a row that adds up rows ``first``..``last`` (1-based, inclusive)."""

        def span(name: str) -> str:
            return f"{_c(name)}{first}:{_c(name)}{last}"

        return {
            "Score": f'=IF(SUM({span("Scored weight")})=0,"",SUM({span("Weighted score")})/'
            f"SUM({span('Scored weight')}))",
            "Target": f"=IF(ISNUMBER({_c('Score')}{r}),SUM({span('Weighted target')})/"
            f'SUM({span("Scored weight")}),"")',
            "Floor": f'=IF(COUNT({span("Floor")})=0,"",MIN({span("Floor")}))',
            "Coverage": f'=IF({_c("Applicable")}{r}=0,"",{_c("Answered")}{r}/'
            f"{_c('Applicable')}{r})",
            "To target": f'=IF({_c("Weighted reachable")}{r}=0,"",{_c("Weighted reached")}{r}/'
            f"{_c('Weighted reachable')}{r})",
            "Answered": f"=SUM({span('Answered')})",
            "Applicable": f"=SUM({span('Applicable')})",
            "High risks": f"=SUM({span('High risks')})",
            "Medium risks": f"=SUM({span('Medium risks')})",
            "Weighted reached": f"=SUM({span('Weighted reached')})",
            "Weighted reachable": f"=SUM({span('Weighted reachable')})",
        }

    def capability_formulas(self, r: int) -> dict[str, str]:
        ids = self.assess("capability_id")
        me = f"{_c('ID')}{r}"

        def total(key: str) -> str:
            return f"SUMPRODUCT(({ids}={me})*{self.assess(key)})"

        return {
            "Score": f'=IF({total("w_answered")}=0,"",{total("w_level")}/{total("w_answered")})',
            "Target": f"=IF(ISNUMBER({_c('Score')}{r}),{total('w_target')}/"
            f'{total("w_answered")},"")',
            "Floor": f'=IF({_c("Answered")}{r}=0,"",MIN(IF({ids}={me},'
            f"{self.assess('level_value')})))",
            "Coverage": f'=IF({_c("Applicable")}{r}=0,"",{_c("Answered")}{r}/'
            f"{_c('Applicable')}{r})",
            "To target": f'=IF({_c("Weighted reachable")}{r}=0,"",{_c("Weighted reached")}{r}/'
            f"{_c('Weighted reachable')}{r})",
            "Answered": f"={total('answered')}",
            "Applicable": f"={total('applicable')}",
            "High risks": f'=SUMPRODUCT(({ids}={me})*({self.assess("risk")}="{Risk.HIGH}"))',
            "Medium risks": f'=SUMPRODUCT(({ids}={me})*({self.assess("risk")}="{Risk.MEDIUM}"))',
            "Weighted reached": f"={total('w_reached')}",
            "Weighted reachable": f"={total('w_reachable')}",
        }

    def write(self, header: str) -> None:
        fw, card, out, sheet = self.framework, self.card, self.out, self.sheet
        out.text(0, 0, "Scorecard", Style.TITLE)
        shown = f"{card.subject.name} | {card.round.label}"
        out.formula(0, 1, f'={Name.SUBJECT}&" | "&{Name.ROUND}', shown, Style.TITLE)
        out.text(
            1,
            0,
            "Live: the figures follow the Assess sheet as you type. What each column means is "
            "explained under the tables.",
            Style.SUBTITLE,
        )
        sheet.set_column(0, 0, _WIDTHS[0])
        sheet.set_column(1, 1, _WIDTHS[1])
        sheet.set_column(2, len(SCORECARD_COLUMNS) - 1, _WIDTHS[2])
        sheet.set_column(
            _HELPER_START, _HELPER_START + len(SCORECARD_HELPERS) - 1, 10, None, {"hidden": True}
        )
        perspectives = list(fw.perspectives)
        cap_header = _TOP + len(perspectives) + 3 + (_CHART_ROWS if perspectives else 0)
        for header_row in (_TOP, cap_header):
            out.texts(header_row, 0, list(SCORECARD_COLUMNS), Style.HEADER)
            out.texts(header_row, _HELPER_START, list(SCORECARD_HELPERS), Style.PLAIN)
            sheet.set_row(header_row, LINE_HEIGHT * 2)
        by_capability = self._practices_by_capability()
        row, spans = self._capability_rows(cap_header + 1, by_capability)
        for index, (perspective, result) in enumerate(
            zip(perspectives, card.perspectives, strict=True)
        ):
            prow = _TOP + 1 + index
            first, last = spans[index]
            results = [p for c in perspective.capabilities for p in by_capability[c.id]]
            self._rollup_row(
                prow,
                perspective.title,
                perspective.id,
                perspective.weight,
                result.summary,
                (first, last),
                results,
            )
        overall = _TOP + 1 + len(perspectives)
        self._rollup_row(
            overall,
            "Overall",
            "overall",
            1.0,
            card.overall,
            (_TOP + 2, overall),
            list(card.practices),
        )
        self._chart(len(perspectives))
        self._colours(overall, cap_header, row)
        legend = self._legend(row + 1)
        sheet.protect("", {"select_locked_cells": True, "format_columns": True})
        out.print_setup(PageSetup(header, print_area=(0, 0, legend, len(SCORECARD_COLUMNS) - 1)))

    def _capability_rows(
        self, row: int, by_capability: dict[str, list[PracticeResult]]
    ) -> tuple[int, list[tuple[int, int]]]:
        """The capability table from ``row``; the next free row and each perspective's span."""
        out, sheet = self.out, self.sheet
        spans: list[tuple[int, int]] = []
        for perspective, result in zip(
            self.framework.perspectives, self.card.perspectives, strict=True
        ):
            start = row
            for capability, cap_result in zip(
                perspective.capabilities, result.capabilities, strict=True
            ):
                r = row + 1
                out.text(row, 0, perspective.title, Style.FACT)
                out.text(row, 1, capability.title, Style.FACT)
                sheet.set_row(
                    row,
                    row_height([(perspective.title, _WIDTHS[0]), (capability.title, _WIDTHS[1])]),
                )
                formulas = self.capability_formulas(r)
                self.visible(row, cap_result.summary, formulas, bold=False)
                reached, reachable = _reach(by_capability[capability.id])
                summary = cap_result.summary
                sums = _Sums(capability.weight, summary.score, summary.target, reached, reachable)
                reach = [formulas["Weighted reached"], formulas["Weighted reachable"]]
                self.helpers(row, capability.id, sums, [*self.scored_helpers(r), *reach])
                row += 1
            spans.append((start + 1, row))
        return row, spans

    def _legend(self, row: int) -> int:
        """What the columns mean, under the tables; returns the last row written."""
        self.out.text(row, 0, "How to read it", Style.LABEL)
        explained = legend(self.framework)
        for offset, (name, meaning) in enumerate(explained, start=1):
            self.out.text(row + offset, 0, name, Style.LABEL)
            self.out.text(row + offset, 1, meaning, Style.NOTE)
            self.sheet.merge_range(row + offset, 1, row + offset, len(SCORECARD_COLUMNS) - 1, None)
        return row + len(explained)

    def _practices_by_capability(self) -> dict[str, list[PracticeResult]]:
        grouped: dict[str, list[PracticeResult]] = {}
        for _, capability in self.framework.capabilities():
            grouped[capability.id] = []
        for result in self.card.practices:
            grouped[result.capability_id].append(result)
        return grouped

    def _rollup_row(
        self,
        row: int,
        title: str,
        item_id: str,
        weight: float,
        summary: Summary,
        span: tuple[int, int],
        results: list[PracticeResult],
    ) -> None:
        """A perspective or Overall row adding up rows ``span`` (1-based, inclusive)."""
        first, last = span
        r = row + 1
        self.out.text(row, 0, title, Style.ROW_BOLD)
        self.out.blank(row, 1, Style.ROW_BOLD)
        if last < first:  # nothing to add up: constants, not formulas over an empty range
            self._constants(row, item_id)
            return
        formulas = self.rollup(r, first, last)
        self.visible(row, summary, formulas, bold=True)
        reached, reachable = _reach(results)
        self.helpers(
            row,
            item_id,
            _Sums(weight, summary.score, summary.target, reached, reachable),
            [*self.scored_helpers(r), formulas["Weighted reached"], formulas["Weighted reachable"]],
        )

    def _constants(self, row: int, item_id: str) -> None:
        """A perspective with no capabilities: nothing answered, nothing to score."""
        for name in ("Answered", "Applicable", "High risks", "Medium risks"):
            self.out.number(row, SCORECARD_COLUMNS.index(name), 0, Style.COUNT)
        self.out.text(row, _HELPER_START, item_id, Style.PLAIN)
        for offset in range(1, len(SCORECARD_HELPERS)):
            self.sheet.write_number(row, _HELPER_START + offset, 0)

    def _chart(self, count: int) -> None:
        if count == 0:
            return
        chart = self.book.workbook.add_chart({"type": "radar", "subtype": "with_markers"})
        first, last = _TOP + 1, _TOP + count
        categories = [SheetName.SCORECARD.value, first, 0, last, 0]
        for name, column, colour in (("Score", 2, "#1F4E79"), ("Target", 3, "#C55A11")):
            chart.add_series(
                {
                    "name": name,
                    "categories": categories,
                    "values": [SheetName.SCORECARD.value, first, column, last, column],
                    "line": {"color": colour, "width": 2.25},
                    "marker": {
                        "type": "circle",
                        "size": 5,
                        "fill": {"color": colour},
                        "border": {"color": colour},
                    },
                }
            )
        chart.set_title({"name": "Current vs target by perspective"})
        chart.set_y_axis(
            {
                "min": self.framework.scale.lowest,
                "max": self.framework.scale.highest,
                "major_unit": 1,
            }
        )
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 560, "height": 420})
        self.sheet.insert_chart(_TOP + count + 3, 0, chart, {"x_offset": 8, "y_offset": 4})

    def _colours(self, overall: int, cap_header: int, last_row: int) -> None:
        low, high = self.framework.scale.lowest, self.framework.scale.highest
        scales = [(2, low, high), (5, 0, 1), (6, 0, 1)]
        for first, last in ((_TOP + 1, overall), (cap_header + 1, last_row - 1)):
            if last < first:
                continue
            for column, minimum, maximum in scales:
                self.sheet.conditional_format(
                    first,
                    column,
                    last,
                    column,
                    {
                        "type": "3_color_scale",
                        "min_type": "num",
                        "min_value": minimum,
                        "mid_type": "num",
                        "mid_value": (minimum + maximum) / 2,
                        "max_type": "num",
                        "max_value": maximum,
                        "min_color": "#F8696B",
                        "mid_color": "#FFEB84",
                        "max_color": "#63BE7B",
                    },
                )


def write_scorecard_sheet(
    book: Book, framework: Framework, card: Scorecard, rows: int, header: str
) -> None:
    """Add the Scorecard sheet to a capture workbook whose Assess sheet has ``rows`` practices.

    ``header`` is the page header every sheet prints.
    """
    _Sheet(book, framework, card, rows).write(header)
