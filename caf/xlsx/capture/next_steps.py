"""The capture workbook's Next steps sheet: the top actions by priority, live from Assess.

What a room looks at last: the practices with a gap, highest priority first (the engine's
action plan order: priority, then perspective order, then id), with the owner and due date
typed on Assess. Each row finds its practice through the hidden rank key of the Assess sheet
(``LARGE`` then ``MATCH``), so the list follows the levels as they are typed and holds however
the Assess table is sorted. Every formula carries the engine's value.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from xlsxwriter.utility import xl_col_to_name

from caf.xlsx.book import PageSetup, Style
from caf.xlsx.capture.assess_sheet import rank_key, tie_order
from caf.xlsx.capture.layout import Name, SheetName, assess_range

if TYPE_CHECKING:
    from caf.scoring.scorecard import PracticeResult, Scorecard
    from caf.xlsx.book import Book, Sheet

NEXT_STEPS_ROWS = 15
"""How many actions the sheet lists."""

NEXT_STEPS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("#", 4),
    ("ID", 11),
    ("Practice", 44),
    ("Level", 7),
    ("Target", 7),
    ("Risk", 10),
    ("Priority", 9),
    ("Owner", 20),
    ("Due", 12),
)
"""Visible columns (header, width); two hidden helpers follow: the rank key and the row."""

_TOP = 3
"""0-based row of the header."""
_EPOCH = dt.date(1899, 12, 30)


def _serial(day: dt.date | None) -> float | str:
    """A date as the spreadsheet number a formula returns (or empty)."""
    return "" if day is None else float((day - _EPOCH).days)


class _NextSteps:
    def __init__(self, book: Book, card: Scorecard, rows: int) -> None:
        self.book = book
        self.card = card
        self.rows = max(rows, 1)
        self.sheet: Sheet = book.sheet(SheetName.NEXT_STEPS)
        self.key_col = len(NEXT_STEPS_COLUMNS)
        self.pos_col = self.key_col + 1
        self.positions = {result.id: index for index, result in enumerate(card.practices, 1)}
        self.ties = tie_order(card)

    def header(self) -> None:
        sheet, ws = self.sheet, self.sheet.worksheet
        sheet.text(0, 0, "Next steps", Style.TITLE)
        shown = f"{self.card.subject.name} | {self.card.round.label}"
        sheet.formula(1, 0, f'={Name.SUBJECT}&" | "&{Name.ROUND}', shown, Style.LABEL)
        sheet.text(
            2,
            0,
            "The practices with a gap, highest priority first (weight x gap squared, doubled "
            "when critical); owner and due date come from the Assess sheet.",
            Style.SUBTITLE,
        )
        sheet.texts(_TOP, 0, [name for name, _ in NEXT_STEPS_COLUMNS], Style.HEADER)
        for index, (_, width) in enumerate(NEXT_STEPS_COLUMNS):
            ws.set_column(index, index, width)
        ws.set_column(self.key_col, self.pos_col, 10, None, {"hidden": True})

    def action(self, k: int, result: PracticeResult | None) -> None:
        """Row ``k`` (1-based) of the list, with the engine's ``result`` for its cached values."""
        sheet = self.sheet
        row = _TOP + k
        r = row + 1
        ranks = assess_range("rank", self.rows)
        key, pos = f"{xl_col_to_name(self.key_col)}{r}", f"{xl_col_to_name(self.pos_col)}{r}"
        sheet.number(row, 0, k, Style.COUNT)
        rank = rank_key(result.priority or 0.0, self.ties[result.id]) if result else ""
        sheet.formula(row, self.key_col, f'=IFERROR(LARGE({ranks},{k}),"")', rank)
        position = self.positions[result.id] if result else ""
        sheet.formula(
            row, self.pos_col, f'=IF(ISNUMBER({key}),MATCH({key},{ranks},0),"")', position
        )

        def pick(key_name: str, blank_if_empty: bool = False) -> str:
            source = f"INDEX({assess_range(key_name, self.rows)},{pos})"
            value = f'IF({source}="","",{source})' if blank_if_empty else source
            return f'=IF(ISNUMBER({pos}),{value},"")'

        title = (
            f"=IF(ISNUMBER({pos}),IFERROR(INDEX({Name.RUBRIC_TITLES},MATCH(B{r},"
            f'{Name.RUBRIC_IDS},0)),""),"")'
        )
        cells: list[tuple[str, object, Style]] = [
            (pick("id"), result.id if result else "", Style.FORMULA),
            (title, result.title if result else "", Style.FORMULA),
            (pick("level_value"), result.level if result else "", Style.FORMULA_NUMBER),
            (pick("effective_target"), result.target if result else "", Style.FORMULA_NUMBER),
            (pick("risk"), result.risk.value if result else "", Style.FORMULA),
            (pick("priority"), result.priority if result else "", Style.FORMULA_NUMBER),
            (
                pick("owner", blank_if_empty=True),
                (result.owner or "") if result else "",
                Style.FORMULA,
            ),
            (
                pick("due", blank_if_empty=True),
                _serial(result.due) if result else "",
                Style.FORMULA_DATE,
            ),
        ]
        for offset, (formula, value, style) in enumerate(cells, start=1):
            sheet.formula(row, offset, formula, value, style)

    def colours(self) -> None:
        risk = 5  # the Risk column of the Next steps table
        self.sheet.risk_colours(_TOP + 1, _TOP + NEXT_STEPS_ROWS, risk)


def write_next_steps_sheet(book: Book, card: Scorecard, header: str) -> None:
    """Add the Next steps sheet; ``header`` is the page header every sheet prints."""
    writer = _NextSteps(book, card, len(card.practices))
    writer.header()
    actions = list(card.actions)
    for k in range(1, NEXT_STEPS_ROWS + 1):
        writer.action(k, actions[k - 1] if k <= len(actions) else None)
    writer.colours()
    ws = writer.sheet.worksheet
    ws.freeze_panes(_TOP + 1, 0)
    ws.protect("", {"select_locked_cells": True, "format_columns": True})
    writer.sheet.print_setup(
        PageSetup(
            header,
            repeat_rows=(_TOP, _TOP),
            print_area=(0, 0, _TOP + NEXT_STEPS_ROWS, len(NEXT_STEPS_COLUMNS) - 1),
        )
    )
