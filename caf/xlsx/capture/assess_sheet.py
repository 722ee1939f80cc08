"""The capture workbook's Assess sheet: one row per practice, typed into live.

The columns the room looks at come first (ID, practice, level, what the level means, target)
and the panes are frozen through the practice; guidance and where to look on AWS follow the
inputs, readable but secondary. The sheet is an Excel Table and is left unprotected, because
Excel refuses to sort a protected range that holds locked cells; the computed and framework
columns are guarded instead by a data validation that refuses typing into them, and the
reader never reads them. Every formula carries the engine's value.

Levels are counted by the formulas as the import reads them: a number, or text whose first
word is the number (``3 - Defined``, a pasted ``"3"``), or an N/A spelling in any case. What the
formulas cannot count (``3-Defined``) the import warns about, cell by cell
(:func:`caf.xlsx.capture.cells.counted_level` mirrors these formulas).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from caf.models.assessment import NA_SPELLINGS, Answer
from caf.scoring.scorecard import Risk
from caf.xlsx.book import PageSetup, Style
from caf.xlsx.capture.layout import (
    ASSESS_COLUMNS,
    ASSESS_HEADER_ROW,
    ASSESS_TABLE,
    CRITICAL_TEXT,
    FROZEN_THROUGH,
    NA_TEXT,
    PRINTED_COLUMNS,
    Kind,
    Name,
    SheetName,
    answer_values,
    col,
    column_index,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from caf.models.assessment import Assessment
    from caf.models.framework import Framework, Practice
    from caf.scoring.scorecard import PracticeResult, Scorecard
    from caf.xlsx.book import Book, Sheet

NOT_APPLICABLE_MEANING = "Not applicable here: say why in the N/A reason."
"""What "what this level means" shows for N/A."""

LINE_HEIGHT = 15.0
"""Points per line of wrapped text."""
_MAX_ROW_HEIGHT = 409.0
_HEADER_LINES = 2
_RANK_SCALE = 10**6
"""Ties in priority are broken as the engine's action plan breaks them (perspective order, then
id): the rank key is priority - tie / 10**6, where tie is the practice's place in that order.
A constant in the formula, not the row, so sorting the table changes nothing."""


def row_height(texts: Iterable[tuple[str, float]]) -> float:
    """A row tall enough for its wrapped text (Excel does not size rows on opening)."""
    lines = 1
    for text, width in texts:
        chars = max(width * 1.1, 1.0)
        lines = max(lines, sum(max(1, math.ceil(len(part) / chars)) for part in text.split("\n")))
    return min(_MAX_ROW_HEIGHT, LINE_HEIGHT * lines)


def rank_key(priority: float, tie: int) -> float:
    """The hidden rank key of a practice with a gap, as the formula computes it."""
    return priority - tie / _RANK_SCALE


def tie_order(card: Scorecard) -> dict[str, int]:
    """Each practice's place (1-based) in the engine's tie order: perspective order, then id."""
    ordered = sorted(card.practices, key=lambda r: (r.order, r.id))
    return {result.id: index for index, result in enumerate(ordered, start=1)}


_COLUMNS = {column.key: column for column in ASSESS_COLUMNS}


def _width(key: str) -> float:
    return _COLUMNS[key].width


class _Assess:
    """Lays out the Assess sheet."""

    def __init__(
        self, book: Book, framework: Framework, assessment: Assessment, card: Scorecard
    ) -> None:
        self.book = book
        self.framework = framework
        self.assessment = assessment
        self.results = {result.id: result for result in card.practices}
        self.rows = len(card.practices)
        self.sheet = book.sheet(SheetName.ASSESS)
        self.ties = tie_order(card)

    def write(self, header: str) -> None:
        sheet, ws, fw = self.sheet, self.sheet.worksheet, self.framework
        sheet.text(0, 0, f"{fw.title}: one row per practice", Style.TITLE)
        sheet.text(
            1,
            0,
            "Type into the yellow columns; Level and Target have dropdowns. White columns come "
            "from the framework and grey ones compute themselves. Sort and filter freely.",
            Style.SUBTITLE,
        )
        for index, column in enumerate(ASSESS_COLUMNS):
            ws.set_column(index, index, column.width, None, {"hidden": column.kind is Kind.HELPER})
        first = ASSESS_HEADER_ROW + 1
        last = ASSESS_HEADER_ROW + max(self.rows, 1)
        header_format = self.book.format(Style.HEADER)
        ws.add_table(
            ASSESS_HEADER_ROW,
            0,
            last,
            len(ASSESS_COLUMNS) - 1,
            {
                "name": ASSESS_TABLE,
                "style": "Table Style Light 1",
                "columns": [
                    {"header": c.header, "header_format": header_format} for c in ASSESS_COLUMNS
                ],
            },
        )
        ws.set_row(ASSESS_HEADER_ROW, LINE_HEIGHT * _HEADER_LINES)
        answers = self.assessment.answers
        for offset, (perspective, capability, practice) in enumerate(fw.practices()):
            names = (perspective.title, perspective.id, capability.title, capability.id)
            self._practice_row(first + offset, names, practice, answers.get(practice.id))
        self._validations(first, last)
        self._guards(first, last)
        self.sheet.risk_colours(first, last, column_index("risk"))
        ws.freeze_panes(first, column_index(FROZEN_THROUGH) + 1)
        start, end = (column_index(key) for key in PRINTED_COLUMNS)
        sheet.print_setup(
            PageSetup(
                header,
                repeat_rows=(ASSESS_HEADER_ROW, ASSESS_HEADER_ROW),
                print_area=(0, start, last, end),
            )
        )

    def _practice_row(
        self, row: int, names: tuple[str, str, str, str], practice: Practice, answer: Answer | None
    ) -> None:
        sheet, result = self.sheet, self.results[practice.id]
        perspective, perspective_id, capability, capability_id = names

        def text(key: str, value: str | None, style: Style) -> None:
            sheet.text(row, column_index(key), value, style)

        text("id", practice.id, Style.FACT)
        text("practice", f"{practice.title}\n{practice.question}", Style.FACT)
        text("guidance", practice.guidance, Style.NOTE)
        text("aws_evidence", "\n".join(practice.aws_evidence), Style.NOTE)
        text("perspective", perspective, Style.FACT)
        text("capability", capability, Style.FACT)
        self._answer_cells(row, answer)
        sheet.number(row, column_index("weight"), practice.weight, Style.NUMBER)
        text("critical", CRITICAL_TEXT[0] if practice.critical else CRITICAL_TEXT[1], Style.NUMBER)
        target = self.framework.target_of(practice)
        sheet.number(row, column_index("default_target"), target, Style.NUMBER)
        text("perspective_id", perspective_id, Style.FACT)
        text("capability_id", capability_id, Style.FACT)
        for key, formula, value in self._formulas(row, practice, result):
            column = _COLUMNS[key]
            style = None
            if column.kind is Kind.FORMULA:
                style = Style.FORMULA if key in {"meaning", "risk"} else Style.FORMULA_NUMBER
            sheet.formula(row, column_index(key), formula, value, style)
        texts = [
            (f"{practice.title}\n{practice.question}", _width("practice")),
            (self._meaning(practice, result), _width("meaning")),
            ((answer.notes or "") if answer else "", _width("notes")),
            # guidance and AWS pointers are in smaller type: more characters to a line
            (practice.guidance, _width("guidance") * 1.3),
            ("\n".join(practice.aws_evidence), _width("aws_evidence") * 1.3),
        ]
        sheet.worksheet.set_row(row, row_height(texts))

    def _answer_cells(self, row: int, answer: Answer | None) -> None:
        sheet = self.sheet
        values = answer_values(answer or Answer(), sheet.where(row, column_index("evidence")))
        for key, value in values.items():
            index = column_index(key)
            if key in {"level", "target"}:
                if isinstance(value, int):
                    sheet.number(row, index, value, Style.INPUT_NUMBER)
                else:
                    sheet.text(
                        row, index, value if isinstance(value, str) else None, Style.INPUT_NUMBER
                    )
            elif key == "due":
                sheet.date(row, index, answer.due if answer else None, Style.INPUT_DATE)
            else:
                sheet.text(row, index, value if isinstance(value, str) else None, Style.INPUT)

    def _meaning(self, practice: Practice, result: PracticeResult) -> str:
        if not result.applicable:
            return NOT_APPLICABLE_MEANING
        if result.level is None:
            return ""
        return self.framework.rubric_text(practice, result.level)

    def _formulas(
        self, row: int, practice: Practice, result: PracticeResult
    ) -> list[tuple[str, str, object]]:
        """(column, formula, engine value) for every computed cell of a practice row.

        Longer than most functions: it is one table of formulas, each beside the engine's value
        for it, and reads best in one place.
        """
        r = row + 1

        def at(key: str) -> str:
            return f"{col(key)}{r}"

        level, lv, weight = at("level"), at("level_value"), at("weight")
        teff, gap, critical = at("effective_target"), at("gap"), at("critical")
        is_critical = f'{critical}="{CRITICAL_TEXT[0]}"'
        rules = self.framework.risk
        answered = result.level is not None
        t = result.target
        v = result.level if result.level is not None else 0
        reach = answered and t > 0
        na_test = ",".join(f'TRIM({level})="{spelling}"' for spelling in sorted(NA_SPELLINGS))
        meaning = (
            f"=IF(ISNUMBER({lv}),IFERROR(INDEX({Name.RUBRIC},MATCH({at('id')},"
            f'{Name.RUBRIC_IDS},0),MATCH({lv},{Name.SCALE},0)),""),'
            f'IF({at("applicable")}=0,"{NOT_APPLICABLE_MEANING}",""))'
        )
        risk = (
            f'=IF({at("applicable")}=0,"{Risk.NOT_APPLICABLE}",IF(ISNUMBER({lv}),IF(OR({gap}>='
            f"{rules.high_gap},AND({is_critical},{gap}>={rules.critical_high_gap})),"
            f'"{Risk.HIGH}",IF({gap}>={rules.medium_gap},"{Risk.MEDIUM}","{Risk.NONE}")),'
            f'"{Risk.UNASSESSED}"))'
        )
        priority = result.priority if answered else ""
        has_gap = bool(answered and result.gap)
        tie = self.ties[practice.id]
        return [
            ("meaning", meaning, self._meaning(practice, result)),
            (
                "effective_target",
                f"=IF(ISNUMBER({at('target')}),{at('target')},{at('default_target')})",
                t,
            ),
            ("gap", f'=IF(ISNUMBER({lv}),MAX(0,{teff}-{lv}),"")', result.gap if answered else ""),
            ("risk", risk, result.risk.value),
            (
                "priority",
                f'=IF(ISNUMBER({gap}),{weight}*{gap}^2*IF({is_critical},2,1),"")',
                priority,
            ),
            ("answered", f"=IF(ISNUMBER({lv}),1,0)", int(answered)),
            ("applicable", f"=IF(OR({na_test}),0,1)", int(result.applicable)),
            (
                "level_value",
                (
                    f"=IF(ISNUMBER({level}),{level},IFERROR(VALUE(LEFT(TRIM({level}),"
                    f'FIND(" ",TRIM({level})&" ")-1)),""))'
                ),
                v if answered else "",
            ),
            (
                "w_level",
                f"=IF(ISNUMBER({lv}),{weight}*{lv},0)",
                practice.weight * v if answered else 0,
            ),
            ("w_answered", f"=IF(ISNUMBER({lv}),{weight},0)", practice.weight if answered else 0),
            (
                "w_target",
                f"=IF(ISNUMBER({lv}),{weight}*{teff},0)",
                practice.weight * t if answered else 0,
            ),
            (
                "w_reached",
                f"=IF(AND(ISNUMBER({lv}),{teff}>0),{weight}*MIN({lv},{teff}),0)",
                practice.weight * min(v, t) if reach else 0,
            ),
            (
                "w_reachable",
                f"=IF(AND(ISNUMBER({lv}),{teff}>0),{weight}*{teff},0)",
                practice.weight * t if reach else 0,
            ),
            (
                "rank",
                f'=IF(AND(ISNUMBER({gap}),{gap}>0),{at("priority")}-{tie}/{_RANK_SCALE},"")',
                rank_key(result.priority or 0.0, tie) if has_gap else "",
            ),
        ]

    def _validations(self, first: int, last: int) -> None:
        scale = self.framework.scale
        values = [str(v) for v in scale.values]
        ws = self.sheet.worksheet
        for key, source, message in (
            ("level", [*values, NA_TEXT], "Choose the level the team agrees, or N/A."),
            ("target", values, "Only if this team aims elsewhere."),
        ):
            index = column_index(key)
            allowed = f"a level {scale.describe()}" + (f" or {NA_TEXT}" if key == "level" else "")
            ws.data_validation(
                first,
                index,
                last,
                index,
                {
                    "validate": "list",
                    "source": source,
                    "input_title": key.capitalize(),
                    "input_message": message,
                    "error_title": "Not a level",
                    "error_type": "stop",
                    "error_message": f"Choose {allowed}.",
                },
            )
        due = column_index("due")
        ws.data_validation(
            first,
            due,
            last,
            due,
            {
                "validate": "date",
                "criteria": ">",
                "value": dt.date(1900, 1, 2),
                "ignore_blank": True,
                "error_message": "Enter a date, such as 2026-12-31.",
            },
        )

    def _guards(self, first: int, last: int) -> None:
        """Refuse typing into columns that are not inputs (the sheet is unprotected for sorting)."""
        for index, column in enumerate(ASSESS_COLUMNS):
            if column.kind is Kind.INPUT:
                continue
            self.sheet.worksheet.data_validation(
                first,
                index,
                last,
                index,
                {
                    "validate": "custom",
                    "value": "=FALSE",
                    "error_title": "Not for typing",
                    "error_type": "stop",
                    "error_message": "This column comes from the framework or computes itself; "
                    "type in the yellow columns.",
                },
            )


def write_assess_sheet(
    book: Book, framework: Framework, assessment: Assessment, card: Scorecard, header: str
) -> Sheet:
    """Add the Assess sheet; ``header`` is the page header every sheet prints."""
    writer = _Assess(book, framework, assessment, card)
    writer.write(header)
    return writer.sheet
