"""The capture workbook's formulas equal the engine: recalculated by LibreOffice, to 1e-9.

Many workbooks are filled with random answer sets (N/A, blanks, per-answer targets, critical
practices, odd weights, other scales and risk thresholds). Each is filled the way a person
would (openpyxl, which keeps no cached values), some with levels typed as text in every
spelling the import accepts and the formulas count (``"3"``, ``"3 - Defined"``, ``n/a``, ...),
recalculated in LibreOffice headless, read back, and every computed cell (Assess, Scorecard,
Next steps) is compared with ``caf.scoring.scorecard.score``.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest
from helpers import libreoffice_convert, make_assessment, make_framework, practice

from caf.scoring.scorecard import Scorecard, Summary, score
from caf.validation.library import Library
from caf.xlsx.capture.cells import read_level
from caf.xlsx.capture.fill import fill_capture
from caf.xlsx.capture.layout import ASSESS_HEADER_ROW, SCORECARD_COLUMNS, SheetName, column_index
from caf.xlsx.capture.next_steps import NEXT_STEPS_ROWS
from caf.xlsx.capture.writer import write_capture

if TYPE_CHECKING:
    from pathlib import Path

    from caf.models.assessment import Assessment
    from caf.models.framework import Framework

TOLERANCE = 1e-9
WORKBOOKS_PER_FRAMEWORK = 4


def random_framework(rng: random.Random, index: int) -> Framework:
    """A framework with random weights, targets and critical marks (and another scale)."""
    scale = None
    if index % 2:
        scale = {
            "levels": [
                {"value": v, "name": f"L{v}", "description": f"level {v}"} for v in range(1, 5)
            ]
        }
    perspectives = []
    counter = 0
    for p in range(rng.randint(2, 4)):
        capabilities = []
        for c in range(rng.randint(1, 3)):
            practices = []
            for _ in range(rng.randint(1, 4)):
                counter += 1
                extra: dict[str, Any] = {
                    "weight": rng.choice([0.5, 1, 1.5, 2, 3, 0.25]),
                    "critical": rng.random() < 0.3,
                }
                if rng.random() < 0.5:
                    extra["target"] = rng.randint(1, 4) if scale else rng.randint(0, 5)
                practices.append(practice(f"R{index}.{counter:02d}", **extra))
            capabilities.append(
                {
                    "id": f"R{index}.P{p}.C{c}",
                    "title": f"Capability {p}.{c}",
                    "weight": rng.choice([0.5, 1, 2, 3]),
                    "practices": practices,
                }
            )
        perspectives.append(
            {
                "id": f"R{index}.P{p}",
                "title": f"Perspective {p}",
                "weight": rng.choice([0.5, 1, 1.5, 2]),
                "capabilities": capabilities,
            }
        )
    extra_fw: dict[str, Any] = {"id": f"random-{index}"}
    if scale:
        extra_fw |= {
            "scale": scale,
            "default_target": 3,
            "risk": {"high_gap": 3, "medium_gap": 1, "critical_high_gap": 2},
        }
    return make_framework(perspectives, **extra_fw)


def random_answers(rng: random.Random, framework: Framework) -> dict[str, dict[str, Any]]:
    values = list(framework.scale.values)
    answers: dict[str, dict[str, Any]] = {}
    blank_share = rng.choice([0.0, 0.15, 0.5, 1.0])
    for pid in framework.practice_ids():
        roll = rng.random()
        if roll < blank_share * 0.5:
            continue
        if roll < blank_share * 0.5 + 0.1:
            answers[pid] = {"na": True, "na_reason": "does not apply"}
            continue
        answer: dict[str, Any] = {"level": rng.choice(values)}
        if rng.random() < 0.25:
            answer["target"] = rng.choice(values)
        answers[pid] = answer
    return answers


def cases() -> list[tuple[Framework, Assessment]]:
    rng = random.Random(20261130)  # noqa: S311 - test data
    frameworks = [Library().framework("caf-ai"), Library().framework("genai-security")]
    frameworks += [random_framework(rng, i) for i in range(4)]
    out = []
    for framework in frameworks:
        for n in range(WORKBOOKS_PER_FRAMEWORK):
            assessment = make_assessment(
                framework, random_answers(rng, framework), subject=f"Team {n}", round_label=f"R{n}"
            )
            out.append((framework, assessment))
    return out


def close(got: object, want: object) -> bool:
    if want is None or want == "":
        return got is None or got == ""
    if isinstance(want, (bool, str)):
        return got == want
    if isinstance(want, int | float) and isinstance(got, int | float):
        return abs(float(got) - float(want)) <= TOLERANCE
    return False


def summary_values(summary: Summary) -> dict[str, object]:
    return {
        "Score": summary.score,
        "Target": summary.target,
        "Floor": summary.floor,
        "Coverage": summary.coverage,
        "To target": summary.percent_to_target,
        "Answered": summary.answered,
        "Applicable": summary.applicable,
        "High risks": summary.high,
        "Medium risks": summary.medium,
    }


NA_SPELLINGS_TYPED = ("n/a", "NA", "Not applicable", " N/A ", "not APPLICABLE")
"""Every N/A spelling the import accepts, in mixed case and with spaces."""


def level_spellings(level: int, name: str) -> list[str]:
    """Every way of typing a level as text that the import accepts and the formulas count."""
    return [
        str(level),
        f" {level} ",
        f"{level}.0",
        f"{level} - {name}",
        f"{level} {name}",
        f"{level}  -  {name.lower()}",
        f"{level} \u2013 {name}",
    ]


def spell(path: Path, framework: Framework, rng: random.Random) -> None:
    """Retype the levels of a filled workbook as text, in every accepted spelling, in place."""
    book = openpyxl.load_workbook(path)
    sheet = book[SheetName.ASSESS]
    column = column_index("level") + 1
    turn = 0
    for row in range(ASSESS_HEADER_ROW + 2, sheet.max_row + 1):
        cell = sheet.cell(row, column)
        if isinstance(cell.value, int):
            level = framework.scale.level(cell.value)
            assert level is not None
            choices = level_spellings(cell.value, level.name)
        elif cell.value == "N/A":
            choices = list(NA_SPELLINGS_TYPED)
        else:
            continue
        if rng.random() < 0.8:
            typed = choices[turn % len(choices)]
            # the import reads the same level from it, and the formulas count it as well
            assert read_level(typed, framework.scale) == read_level(cell.value, framework.scale)
            cell.value = typed
            cell.data_type = "s"
        turn += 1
    book.save(path)


def compare_next_steps(path: Path, card: Scorecard) -> list[str]:
    """The Next steps sheet lists the engine's top actions, in order."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(book[SheetName.NEXT_STEPS].iter_rows(min_row=5, values_only=True))
    book.close()
    listed = [(row[1], row[6]) for row in rows[:NEXT_STEPS_ROWS] if row[1]]
    wanted = [(a.id, a.priority) for a in card.actions[:NEXT_STEPS_ROWS]]
    if [i for i, _ in listed] != [i for i, _ in wanted] or not all(
        close(got, want) for (_, got), (_, want) in zip(listed, wanted, strict=True)
    ):
        return [f"{path.name} Next steps: {listed[:5]} != {wanted[:5]}"]
    return []


def compare(path: Path, card: Scorecard) -> list[str]:
    """Every computed cell of the recalculated workbook that differs from the engine."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    problems: list[str] = []
    assess = list(book[SheetName.ASSESS].iter_rows(min_row=ASSESS_HEADER_ROW + 2, values_only=True))
    results = {r.id: r for r in card.practices}
    for row in assess:
        result = results[str(row[column_index("id")])]
        expected = {"gap": result.gap, "risk": result.risk.value, "priority": result.priority}
        for key, want in expected.items():
            got = row[column_index(key)]
            if not close(got, want):
                problems.append(f"{path.name} Assess {result.id} {key}: {got!r} != {want!r}")
    sheet = list(book[SheetName.SCORECARD].iter_rows(min_row=1, values_only=True))
    rows = [card.overall] + [p.summary for p in card.perspectives]
    rows += [c.summary for p in card.perspectives for c in p.capabilities]
    labels = ["Overall"] + [p.title for p in card.perspectives]
    labels += [c.title for p in card.perspectives for c in p.capabilities]
    found: dict[str, tuple[object, ...]] = {}
    for values in sheet:
        key = str(values[1] or values[0])
        if key in labels and values[2:3] and key not in found:
            found[key] = values
    for label, summary in zip(labels, rows, strict=True):
        cells = found[label]
        for name, wanted in summary_values(summary).items():
            shown = cells[SCORECARD_COLUMNS.index(name)]
            if not close(shown, wanted):
                problems.append(f"{path.name} Scorecard {label} {name}: {shown!r} != {wanted!r}")
    book.close()
    return problems


@pytest.mark.slow
def test_formulas_equal_the_engine_after_libreoffice_recalculates(tmp_path: Path) -> None:
    written: list[tuple[Path, Framework, Assessment]] = []
    for index, (framework, assessment) in enumerate(cases()):
        blank = tmp_path / f"blank-{index}.xlsx"
        write_capture(blank, framework, assessment.model_copy(update={"answers": {}}))
        filled = tmp_path / f"typed-{index:02d}.xlsx"
        fill_capture(blank, filled, assessment)
        if index % 2:  # levels typed as text: the import and the formulas must agree
            spell(filled, framework, random.Random(index))  # noqa: S311 - test data
        written.append((filled, framework, assessment))
        if index % 3 == 0:  # some written pre-filled by XlsxWriter, with cached values
            prefilled = tmp_path / f"prefilled-{index:02d}.xlsx"
            write_capture(prefilled, framework, assessment)
            written.append((prefilled, framework, assessment))
    converted = libreoffice_convert([p for p, _, _ in written], tmp_path)
    problems: list[str] = []
    for path, (_, framework, assessment) in zip(converted, written, strict=True):
        card = score(framework, assessment)
        problems += compare(path, card) + compare_next_steps(path, card)
    assert problems == [], "\n".join(problems[:40])


def test_cached_values_equal_the_engine_without_recalculation(tmp_path: Path) -> None:
    """What previews and pandas see before any spreadsheet program opens the file."""
    framework, assessment = cases()[3]
    path = tmp_path / "prefilled.xlsx"
    write_capture(path, framework, assessment)
    card = score(framework, assessment)
    assert compare(path, card) + compare_next_steps(path, card) == []
