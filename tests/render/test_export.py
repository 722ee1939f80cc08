from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import TYPE_CHECKING

import pytest
from helpers import FORMULA_PAYLOADS, make_assessment, make_framework, practice

from caf.render.export import CsvExporter, ExportFormat, JsonlExporter, neutralise
from caf.render.export_files import export_data
from caf.render.tidy import COLUMNS, Dimensions
from caf.scoring.scorecard import Scorecard, score

if TYPE_CHECKING:
    from pathlib import Path

    from caf.models.framework import Framework
    from caf.validation.library import Library


def _card(owner: str) -> tuple[Framework, Scorecard]:
    capability = {"id": "c", "title": "C", "practices": [practice("p1", weight=0.3)]}
    framework = make_framework([{"id": "P", "title": "P", "capabilities": [capability]}])
    answers = {"p1": {"level": 1, "owner": owner, "due": "2026-12-31"}}
    return framework, score(framework, make_assessment(framework, answers, subject=owner))


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
def test_csv_neutralises_formula_text(payload: str) -> None:
    framework, card = _card(payload)
    out = io.StringIO(newline="")
    CsvExporter(out).add(Dimensions(framework), card)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    row = dict(zip(rows[0], rows[1], strict=True))
    for column in ("subject", "subject_key", "owner"):
        assert row[column] == neutralise(payload)
        # Nothing a spreadsheet reads as a formula is left at the start.
        assert row[column].startswith("'") or not row[column].startswith(("=", "+", "-", "@"))
    assert row["level"] == "1"
    assert row["priority"] == str(0.3 * 2 * 2)


def test_jsonl_keeps_full_precision_and_types() -> None:
    framework, card = _card("Ana")
    out = io.StringIO()
    JsonlExporter(out).add(Dimensions(framework), card)
    row = json.loads(out.getvalue().splitlines()[0])
    assert list(row) == list(COLUMNS)
    assert row["priority"] == 0.3 * 2 * 2
    assert row["critical"] is False
    assert row["level"] == 1
    assert row["due"] == "2026-12-31"


def test_format_from_name() -> None:
    assert ExportFormat.of("x.csv") is ExportFormat.CSV
    assert ExportFormat.of("x.JSONL") is ExportFormat.JSONL
    assert ExportFormat.of("x.db") is ExportFormat.SQLITE
    assert ExportFormat.of("x.txt") is None


def test_sqlite_tables_indexes_and_scores(
    demo_folder: Path, library: Library, tmp_path: Path
) -> None:
    target = tmp_path / "data.sqlite"
    done = export_data([demo_folder], library, target, ExportFormat.SQLITE)
    db = sqlite3.connect(target)
    count = db.execute("SELECT count(*) FROM practices").fetchone()[0]
    assert count == done.rows == 36 * len(library.framework("caf-ai").practice_ids())
    assert db.execute("SELECT count(*) FROM subjects").fetchone()[0] == 12
    assert db.execute("SELECT count(*) FROM rounds").fetchone()[0] == 36
    overall = db.execute(
        "SELECT score FROM scores WHERE level = 'overall' AND subject_key = 'payments' "
        "AND round = '2026-Q4'"
    ).fetchone()[0]
    assert isinstance(overall, float)
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "idx_practices_subject_key_round" in indexes
    assert "idx_scores_node_id" in indexes
    db.close()
