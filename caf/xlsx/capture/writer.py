"""Write the capture workbook a facilitator fills in during the workshop (docs/workbook.md).

Sheets: Start (how to fill it in, the scale, who and when), Assess (one row per practice, an
Excel Table with dropdowns), Rubric (every level of every practice), Scorecard (live formulas
and a radar chart; :mod:`caf.xlsx.capture.scorecard_sheet`) and a very hidden metadata sheet. Every
formula is written with the value caf's engine computes for it, so previews and pandas see
numbers while the formulas stay live; a test recalculates the formulas in LibreOffice and
compares them with the engine.

The workbook follows the scoring rules of docs/scoring.md exactly. Formulas use plain ranges
and defined names, never structured references, so every spreadsheet program computes them, and
they find rows by criteria, not position, so sorting or filtering the Assess table changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from caf import __version__
from caf.files import atomic_path
from caf.models.assessment import Answer
from caf.models.framework import digest
from caf.scoring.scorecard import score
from caf.xlsx.book import Book
from caf.xlsx.capture.layout import (
    ASSESS_COLUMNS,
    ASSESS_HEADER_ROW,
    ASSESS_TABLE,
    LAYOUT_VERSION,
    NA_TEXT,
    PARTICIPANT_HEADERS,
    PARTICIPANT_ROWS,
    SCALE_HEADERS,
    Kind,
    MetaKey,
    Name,
    SheetName,
    StartField,
    answer_values,
    col,
    column_index,
    start_values,
)
from caf.xlsx.capture.scorecard_sheet import write_scorecard_sheet

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from xlsxwriter.worksheet import Worksheet

    from caf.models.assessment import Assessment
    from caf.models.framework import Framework, Practice
    from caf.scoring.scorecard import PracticeResult, Scorecard

NOT_APPLICABLE_MEANING = "Not applicable here: say why in the N/A reason."
"""What "what this level means" shows for N/A."""

_LINE_HEIGHT = 15.0
_MAX_ROW_HEIGHT = 409.0


def _row_height(texts: Iterable[tuple[str, float]]) -> float:
    """A row tall enough for its wrapped text (Excel does not size rows on opening)."""
    lines = 1
    for text, width in texts:
        chars = max(width * 1.15, 1.0)
        lines = max(lines, sum(max(1, math.ceil(len(part) / chars)) for part in text.split("\n")))
    return min(_MAX_ROW_HEIGHT, _LINE_HEIGHT * lines)


class _Writer:
    """Lays out one capture workbook."""

    def __init__(
        self, book: Book, framework: Framework, assessment: Assessment, card: Scorecard
    ) -> None:
        self.book = book
        self.framework = framework
        self.assessment = assessment
        self.card = card
        self.results = {result.id: result for result in card.practices}
        self.rows = len(card.practices)

    # Start ---------------------------------------------------------------------------------

    def start(self) -> None:
        fw, a, book = self.framework, self.assessment, self.book
        sheet = book.workbook.add_worksheet(SheetName.START)
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 48)
        sheet.set_column(2, 2, 70)
        book.text(sheet, 0, 0, f"{fw.title} - capture workbook", "title", "Start!A1")
        book.text(sheet, 1, 0, f"{fw.ref} | written by caf {__version__}", "subtitle", "Start!A2")
        steps = [
            "1. Fill in who and when below (yellow cells).",
            (
                f"2. On the {SheetName.ASSESS} sheet, agree a Level for each practice with the "
                f"team. The Rubric sheet says what each level looks like; choose {NA_TEXT} (and "
                "give a reason) where a practice does not apply, and leave the level empty if it "
                "was not discussed."
            ),
            "3. Set a Target only where this team aims for a different level than the default.",
            (
                f"4. The {SheetName.SCORECARD} sheet updates as you type. Afterwards, bring the "
                "answers back with: caf import this-file.xlsx -o assessment.yaml"
            ),
        ]
        for offset, step in enumerate(steps):
            book.text(sheet, 3 + offset, 0, step, "plain", f"Start!A{4 + offset}")
            sheet.merge_range(3 + offset, 0, 3 + offset, 2, None)
            sheet.set_row(3 + offset, _LINE_HEIGHT * 2)
        row = 8
        for field, value in start_values(a).items():
            book.text(sheet, row, 0, field.value, "label", f"Start!A{row + 1}")
            if field is StartField.DATE:
                book.date(sheet, row, 1, a.round.date, "input_date")
                sheet.data_validation(
                    row,
                    1,
                    row,
                    1,
                    {"validate": "date", "criteria": ">", "value": _epoch(), "ignore_blank": True},
                )
            else:
                book.text(
                    sheet, row, 1, str(value) if value else None, "input", f"Start!B{row + 1}"
                )
            row += 1
        row += 1
        for index, header in enumerate(PARTICIPANT_HEADERS):
            book.text(sheet, row, index, header, "header", f"Start!{xl_rowcol_to_cell(row, index)}")
        people = list(a.participants) + [None] * max(0, PARTICIPANT_ROWS - len(a.participants))
        for offset, person in enumerate(people, start=1):
            where = f"Start!A{row + offset + 1}"
            book.text(sheet, row + offset, 0, person.name if person else None, "input", where)
            book.text(
                sheet,
                row + offset,
                1,
                person.role if person and person.role else None,
                "input",
                where,
            )
        row += len(people) + 2
        for index, header in enumerate(SCALE_HEADERS):
            book.text(sheet, row, index, header, "header", f"Start!{xl_rowcol_to_cell(row, index)}")
        for offset, level in enumerate(fw.scale.levels, start=1):
            sheet.write_number(row + offset, 0, level.value, book.format("number"))
            book.text(sheet, row + offset, 1, level.name, "fact", f"Start!B{row + offset + 1}")
            book.text(
                sheet, row + offset, 2, level.description, "fact", f"Start!C{row + offset + 1}"
            )
        first, last = row + 2, row + len(fw.scale.levels) + 1
        book.workbook.define_name(Name.SCALE, f"={SheetName.START}!$A${first}:$A${last}")
        sheet.protect("", {"select_locked_cells": True, "format_columns": True})
        sheet.activate()

    # Assess --------------------------------------------------------------------------------

    def assess(self) -> None:
        book, fw = self.book, self.framework
        sheet = book.workbook.add_worksheet(SheetName.ASSESS)
        book.text(sheet, 0, 0, f"{fw.title}: one row per practice", "title", "Assess!A1")
        book.text(
            sheet,
            1,
            0,
            "Type into the yellow columns. Level and Target have dropdowns; "
            "the grey columns compute themselves.",
            "subtitle",
            "Assess!A2",
        )
        for index, column in enumerate(ASSESS_COLUMNS):
            hidden = column.kind is Kind.HELPER
            sheet.set_column(index, index, column.width, None, {"hidden": hidden})
        first = ASSESS_HEADER_ROW + 1
        last = ASSESS_HEADER_ROW + max(self.rows, 1)
        sheet.add_table(
            ASSESS_HEADER_ROW,
            0,
            last,
            len(ASSESS_COLUMNS) - 1,
            {
                "name": ASSESS_TABLE,
                "style": "Table Style Light 1",
                "columns": [
                    {"header": c.header, "header_format": book.format("header")}
                    for c in ASSESS_COLUMNS
                ],
            },
        )
        answers = self.assessment.answers
        for offset, (perspective, capability, practice) in enumerate(fw.practices()):
            row = first + offset
            self._practice_row(
                sheet,
                row,
                perspective.title,
                perspective.id,
                capability.title,
                capability.id,
                practice,
                answers.get(practice.id),
            )
        self._validations(sheet, first, last)
        self._risk_colours(sheet, first, last)
        sheet.freeze_panes(first, 1)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(ASSESS_HEADER_ROW)
        sheet.set_header(f"&L{_header_text(fw.title)}&R&P / &N")
        sheet.protect(
            "",
            {
                "autofilter": True,
                "sort": True,
                "format_columns": True,
                "format_rows": True,
                "select_locked_cells": True,
            },
        )

    def _practice_row(
        self,
        sheet: Worksheet,
        row: int,
        perspective: str,
        perspective_id: str,
        capability: str,
        capability_id: str,
        practice: Practice,
        answer: Answer | None,
    ) -> None:
        book, result = self.book, self.results[practice.id]
        where = f"{SheetName.ASSESS}!{{}}{row + 1}"

        def text(key: str, value: str | None, style: str) -> None:
            book.text(sheet, row, column_index(key), value, style, where.format(col(key)))

        text("id", practice.id, "fact")
        text("perspective", perspective, "fact")
        text("capability", capability, "fact")
        text("practice", f"{practice.title}\n{practice.question}", "fact")
        text("guidance", practice.guidance, "fact")
        self._answer_cells(sheet, row, answer, where)
        sheet.write_number(row, column_index("weight"), practice.weight, book.format("number"))
        sheet.write_boolean(row, column_index("critical"), practice.critical, book.format("number"))
        sheet.write_number(
            row,
            column_index("default_target"),
            self.framework.target_of(practice),
            book.format("number"),
        )
        text("perspective_id", perspective_id, "fact")
        text("capability_id", capability_id, "fact")
        for key, formula, value in self._formulas(row, practice, result):
            style = "formula" if key in {"meaning", "risk"} else "number"
            sheet.write_formula(row, column_index(key), formula, book.format(style), value)
        sheet.set_row(
            row,
            _row_height(
                [
                    (f"{practice.title}\n{practice.question}", 44),
                    (practice.guidance, 44),
                    (self._meaning(practice, result), 44),
                    ((answer.notes or "") if answer else "", 36),
                ]
            ),
        )

    def _answer_cells(self, sheet: Worksheet, row: int, answer: Answer | None, where: str) -> None:
        book = self.book
        values = answer_values(answer or Answer(), where.format(col("evidence")))
        for key, value in values.items():
            index = column_index(key)
            if key in {"level", "target"}:
                style = book.format("input_number")
                if isinstance(value, int):
                    sheet.write_number(row, index, value, style)
                elif isinstance(value, str):
                    sheet.write_string(row, index, value, style)
                else:
                    sheet.write_blank(row, index, None, style)
            elif key == "due":
                book.date(sheet, row, index, answer.due if answer else None, "input_date")
            else:
                book.text(
                    sheet,
                    row,
                    index,
                    value if isinstance(value, str) else None,
                    "input",
                    where.format(col(key)),
                )

    def _meaning(self, practice: Practice, result: PracticeResult) -> str:
        if not result.applicable:
            return NOT_APPLICABLE_MEANING
        if result.level is None:
            return ""
        return self.framework.rubric_text(practice, result.level)

    def _formulas(
        self, row: int, practice: Practice, result: PracticeResult
    ) -> list[tuple[str, str, object]]:
        """(column, formula, engine value) for every computed cell of a practice row."""
        r = row + 1
        level, target, weight = f"{col('level')}{r}", f"{col('target')}{r}", f"{col('weight')}{r}"
        teff, gap = f"{col('effective_target')}{r}", f"{col('gap')}{r}"
        critical = f"{col('critical')}{r}"
        rules = self.framework.risk
        answered = result.level is not None
        t = result.target
        v = result.level if result.level is not None else 0
        reach = answered and t > 0
        meaning = (
            f"=IF(ISNUMBER({level}),IFERROR(INDEX({Name.RUBRIC},MATCH({col('id')}{r},"
            f'{Name.RUBRIC_IDS},0),MATCH({level},{Name.SCALE},0)),""),'
            f'IF({level}="{NA_TEXT}","{NOT_APPLICABLE_MEANING}",""))'
        )
        risk = (
            f'=IF({level}="{NA_TEXT}","N/A",IF(ISNUMBER({level}),IF(OR({gap}>='
            f'{rules.high_gap},AND({critical},{gap}>={rules.critical_high_gap})),"HIGH",'
            f'IF({gap}>={rules.medium_gap},"MEDIUM","NONE")),"UNASSESSED"))'
        )
        return [
            ("meaning", meaning, self._meaning(practice, result)),
            ("effective_target", f"=IF(ISNUMBER({target}),{target},{col('default_target')}{r})", t),
            (
                "gap",
                f'=IF(ISNUMBER({level}),MAX(0,{teff}-{level}),"")',
                result.gap if answered else "",
            ),
            ("risk", risk, result.risk.value),
            (
                "priority",
                f'=IF(ISNUMBER({gap}),{weight}*{gap}^2*IF({critical},2,1),"")',
                result.priority if answered else "",
            ),
            ("answered", f"=IF(ISNUMBER({level}),1,0)", int(answered)),
            ("applicable", f'=IF({level}="{NA_TEXT}",0,1)', int(result.applicable)),
            ("level_value", f'=IF(ISNUMBER({level}),{level},"")', v if answered else ""),
            (
                "w_level",
                f"=IF(ISNUMBER({level}),{weight}*{level},0)",
                practice.weight * v if answered else 0,
            ),
            (
                "w_answered",
                f"=IF(ISNUMBER({level}),{weight},0)",
                practice.weight if answered else 0,
            ),
            (
                "w_target",
                f"=IF(ISNUMBER({level}),{weight}*{teff},0)",
                practice.weight * t if answered else 0,
            ),
            (
                "w_reached",
                f"=IF(AND(ISNUMBER({level}),{teff}>0),{weight}*MIN({level},{teff}),0)",
                practice.weight * min(v, t) if reach else 0,
            ),
            (
                "w_reachable",
                f"=IF(AND(ISNUMBER({level}),{teff}>0),{weight}*{teff},0)",
                practice.weight * t if reach else 0,
            ),
        ]

    def _validations(self, sheet: Worksheet, first: int, last: int) -> None:
        values = [str(v) for v in self.framework.scale.values]
        level_col, target_col = column_index("level"), column_index("target")
        sheet.data_validation(
            first,
            level_col,
            last,
            level_col,
            {
                "validate": "list",
                "source": [*values, NA_TEXT],
                "input_title": "Level",
                "input_message": "Choose the level the team agrees, or N/A.",
                "error_title": "Not a level",
                "error_type": "stop",
                "error_message": f"Choose a level {self.framework.scale.describe()} or {NA_TEXT}.",
            },
        )
        sheet.data_validation(
            first,
            target_col,
            last,
            target_col,
            {
                "validate": "list",
                "source": values,
                "input_title": "Target",
                "input_message": "Only if this team aims elsewhere.",
                "error_title": "Not a level",
                "error_type": "stop",
                "error_message": f"Choose a level {self.framework.scale.describe()}.",
            },
        )
        due = column_index("due")
        sheet.data_validation(
            first,
            due,
            last,
            due,
            {
                "validate": "date",
                "criteria": ">",
                "value": _epoch(),
                "ignore_blank": True,
                "error_message": "Enter a date, such as 2026-12-31.",
            },
        )

    def _risk_colours(self, sheet: Worksheet, first: int, last: int) -> None:
        risk = column_index("risk")
        for value, style in (
            ("HIGH", "risk_high"),
            ("MEDIUM", "risk_medium"),
            ("NONE", "risk_none"),
            ("UNASSESSED", "risk_unassessed"),
        ):
            sheet.conditional_format(
                first,
                risk,
                last,
                risk,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": f'"{value}"',
                    "format": self.book.format(style),
                },
            )

    # Rubric and metadata ---------------------------------------------------------------------

    def rubric(self) -> None:
        book, fw = self.book, self.framework
        sheet = book.workbook.add_worksheet(SheetName.RUBRIC)
        levels = fw.scale.levels
        headers = ["ID", "Practice", *(f"{level.value} {level.name}" for level in levels)]
        for index, header in enumerate(headers):
            book.text(sheet, 0, index, header, "header", f"Rubric!{xl_rowcol_to_cell(0, index)}")
        sheet.set_column(0, 0, 12)
        sheet.set_column(1, 1, 30)
        sheet.set_column(2, 1 + len(levels), 34)
        for row, (_, _, practice) in enumerate(fw.practices(), start=1):
            book.text(sheet, row, 0, practice.id, "fact", f"Rubric!A{row + 1}")
            book.text(sheet, row, 1, practice.title, "fact", f"Rubric!B{row + 1}")
            texts = [fw.rubric_text(practice, level.value) for level in levels]
            for offset, text in enumerate(texts):
                book.text(
                    sheet,
                    row,
                    2 + offset,
                    text,
                    "fact",
                    f"Rubric!{xl_rowcol_to_cell(row, 2 + offset)}",
                )
            sheet.set_row(row, _row_height((text, 34) for text in texts))
        last = max(self.rows, 1) + 1
        end = xl_col_to_name(1 + len(levels))
        book.workbook.define_name(Name.RUBRIC_IDS, f"={SheetName.RUBRIC}!$A$2:$A${last}")
        book.workbook.define_name(Name.RUBRIC, f"={SheetName.RUBRIC}!$C$2:${end}${last}")
        sheet.freeze_panes(1, 2)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        sheet.protect(
            "", {"select_locked_cells": True, "format_columns": True, "format_rows": True}
        )

    def meta(self) -> None:
        sheet = self.book.workbook.add_worksheet(SheetName.META)
        rows = [
            (MetaKey.LAYOUT_VERSION, str(LAYOUT_VERSION)),
            (MetaKey.FRAMEWORK_ID, self.framework.id),
            (MetaKey.FRAMEWORK_VERSION, self.framework.version),
            (MetaKey.FRAMEWORK_DIGEST, digest(self.framework)),
            (MetaKey.CAF_VERSION, __version__),
        ]
        for row, (key, value) in enumerate(rows):
            self.book.text(sheet, row, 0, key.value, "plain", f"_caf!A{row + 1}")
            self.book.text(sheet, row, 1, value, "plain", f"_caf!B{row + 1}")
        sheet.protect()
        sheet.very_hidden()


def _header_text(title: str) -> str:
    """A page-header text: ``&`` is a control character there, and the length is limited."""
    return title.replace("&", "&&")[:200]


def _epoch() -> dt.date:
    """Dates must be later than this for the date validations (any real date is)."""
    return dt.date(1900, 1, 2)


def write_capture(
    target: Path, framework: Framework, assessment: Assessment, inputs: Iterable[Path] = ()
) -> None:
    """Write the capture workbook for ``assessment`` (its answers, if any, pre-filled).

    Raises:
        OutputError: text breaks a spreadsheet limit, or ``target`` is one of ``inputs``.
    """
    card = score(framework, assessment)
    with atomic_path(target, inputs) as temporary:
        book = Book(temporary, f"{framework.title} - {assessment.subject.name}")
        writer = _Writer(book, framework, assessment, card)
        writer.start()
        writer.assess()
        writer.rubric()
        write_scorecard_sheet(book, framework, card, writer.rows)
        writer.meta()
        book.close()
