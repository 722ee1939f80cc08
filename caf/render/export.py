"""Tidy data for analysts: CSV, JSON Lines and SQLite, written one scorecard at a time.

- **CSV** (UTF-8 with a byte order mark, so Excel reads the accents right): text a spreadsheet
  would run as a formula — a leading ``=``, ``+``, ``-``, ``@``, tab or CR — gets a leading
  single quote, as OWASP's CSV-injection guidance says; numbers are written as numbers.
- **JSON Lines**: one object per row, full precision, native types.
- **SQLite** (standard library): ``practices`` (the tidy rows), ``subjects``, ``rounds`` and
  ``scores`` (one row per subject × round × node: overall, perspective, capability), with
  indexes on the columns people filter by, so Datasette, Metabase or Power BI can point at it.

Writers are streamed: each scorecard's rows are written and dropped.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from caf.render.tidy import COLUMNS, Cell, Dimensions
from caf.scoring.evidence import DEFAULT_EVIDENCE_LEVEL

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from _typeshed import SupportsWrite

    from caf.scoring.scorecard import Scorecard, Summary

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet read a CSV field as a formula (OWASP)."""


class ExportFormat(StrEnum):
    """The formats of ``caf export data``."""

    CSV = "csv"
    JSONL = "jsonl"
    SQLITE = "sqlite"

    @classmethod
    def of(cls, name: str) -> ExportFormat | None:
        """The format a file name's ending asks for, if any."""
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        aliases = {"csv": cls.CSV, "jsonl": cls.JSONL, "ndjson": cls.JSONL}
        aliases |= {"sqlite": cls.SQLITE, "sqlite3": cls.SQLITE, "db": cls.SQLITE}
        return aliases.get(suffix)


def neutralise(value: str) -> str:
    """Text that no spreadsheet runs as a formula: a leading quote before a trigger."""
    return "'" + value if value.startswith(CSV_TRIGGERS) else value


_TRIGGER_SET = frozenset(CSV_TRIGGERS)


def _csv_row(row: tuple[Cell, ...]) -> list[str | int | float]:
    # One comprehension per row, not a call per value: this is the export's inner loop.
    # Empty is "", booleans TRUE/FALSE, formula-like text neutralised, numbers as they are.
    return [
        ""
        if value is None
        else ("TRUE" if value else "FALSE")
        if value is True or value is False
        else ("'" + value if value[:1] in _TRIGGER_SET else value)
        if type(value) is str
        else value
        for value in row
    ]


class Exporter(Protocol):
    """Something that takes scorecards one at a time and writes their tidy rows."""

    def add(self, dimensions: Dimensions, card: Scorecard) -> int:
        """Write one scorecard's rows; return how many."""

    def close(self) -> None:
        """Finish the output."""


class CsvExporter:
    """Tidy rows as CSV, with a header row."""

    def __init__(
        self, stream: SupportsWrite[str], evidence_level: int = DEFAULT_EVIDENCE_LEVEL
    ) -> None:
        """Write to ``stream`` (opened with ``newline=""``)."""
        self._writer = csv.writer(stream)
        self._writer.writerow(COLUMNS)
        self._level = evidence_level

    def add(self, dimensions: Dimensions, card: Scorecard) -> int:
        """Write one scorecard's rows."""
        count = 0
        for row in dimensions.rows(card, self._level):
            self._writer.writerow(_csv_row(row))
            count += 1
        return count

    def close(self) -> None:
        """Nothing to finish: the caller owns the stream."""


class JsonlExporter:
    """Tidy rows as JSON Lines: one compact object per line."""

    def __init__(
        self, stream: SupportsWrite[str], evidence_level: int = DEFAULT_EVIDENCE_LEVEL
    ) -> None:
        """Write to ``stream``."""
        self._stream = stream
        self._level = evidence_level
        self._encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def add(self, dimensions: Dimensions, card: Scorecard) -> int:
        """Write one scorecard's rows."""
        count = 0
        for row in dimensions.rows(card, self._level):
            self._stream.write(self._encode(dict(zip(COLUMNS, row, strict=True))) + "\n")
            count += 1
        return count

    def close(self) -> None:
        """Nothing to finish: the caller owns the stream."""


_SQL_TYPES = {
    "weight": "REAL",
    "priority": "REAL",
    "level": "INTEGER",
    "target": "INTEGER",
    "gap": "INTEGER",
    "evidence_count": "INTEGER",
    "critical": "INTEGER",
    "applicable": "INTEGER",
    "unevidenced": "INTEGER",
}
_SCORE_COLUMNS = (
    "subject_key",
    "round",
    "level",
    "node_id",
    "title",
    "parent_id",
    "score",
    "target",
    "floor",
    "coverage",
    "percent_to_target",
    "answered",
    "applicable",
    "total",
    "high",
    "medium",
)
_INDEXES = (
    ("practices", ("subject_key", "round")),
    ("practices", ("practice_id",)),
    ("practices", ("perspective_id", "capability_id")),
    ("practices", ("risk",)),
    ("scores", ("subject_key", "round")),
    ("scores", ("node_id",)),
)


def _schema() -> Iterator[str]:
    columns = ", ".join(f'"{name}" {_SQL_TYPES.get(name, "TEXT")}' for name in COLUMNS)
    yield f"CREATE TABLE practices ({columns})"
    yield (
        "CREATE TABLE subjects (subject_key TEXT PRIMARY KEY, subject TEXT, business_unit TEXT,"
        " scope TEXT, tags TEXT)"
    )
    yield (
        "CREATE TABLE rounds (subject_key TEXT, round TEXT, round_date TEXT, framework TEXT,"
        " framework_version TEXT, PRIMARY KEY (subject_key, round))"
    )
    kinds = {"answered", "applicable", "total", "high", "medium", "floor"}
    reals = {"score", "target", "coverage", "percent_to_target"}
    score_columns = ", ".join(
        f"{name} {'INTEGER' if name in kinds else 'REAL' if name in reals else 'TEXT'}"
        for name in _SCORE_COLUMNS
    )
    yield f"CREATE TABLE scores ({score_columns})"


def _score_rows(card: Scorecard) -> Iterator[tuple[object, ...]]:
    key, label = card.subject.key, card.round.label

    def row(
        level: str, node: str, title: str, parent: str | None, s: Summary
    ) -> tuple[object, ...]:
        figures = (s.score, s.target, s.floor, s.coverage, s.percent_to_target)
        counts = (s.answered, s.applicable, s.total, s.high, s.medium)
        return (key, label, level, node, title, parent, *figures, *counts)

    yield row("overall", "", "Overall", None, card.overall)
    for perspective in card.perspectives:
        yield row("perspective", perspective.id, perspective.title, None, perspective.summary)
        for capability in perspective.capabilities:
            yield row(
                "capability", capability.id, capability.title, perspective.id, capability.summary
            )


class SqliteExporter:
    """Tidy rows, subjects, rounds and scores in a new SQLite database."""

    def __init__(self, path: Path, evidence_level: int = DEFAULT_EVIDENCE_LEVEL) -> None:
        """Create the tables in a new database at ``path`` (a temporary file)."""
        self._db = sqlite3.connect(path)
        self._level = evidence_level
        for statement in _schema():
            self._db.execute(statement)
        marks = ", ".join("?" * len(COLUMNS))
        self._insert = f"INSERT INTO practices VALUES ({marks})"  # noqa: S608 - fixed names
        self._scores = f"INSERT INTO scores VALUES ({', '.join('?' * len(_SCORE_COLUMNS))})"  # noqa: S608
        self._subjects: dict[str, tuple[object, ...]] = {}

    def add(self, dimensions: Dimensions, card: Scorecard) -> int:
        """Write one scorecard's rows, scores, subject and round."""
        rows = list(dimensions.rows(card, self._level))
        self._db.executemany(self._insert, rows)
        self._db.executemany(self._scores, _score_rows(card))
        subject, round_ = card.subject, card.round
        self._subjects[subject.key] = (
            subject.key,
            subject.name,
            subject.business_unit,
            subject.scope,
            ";".join(subject.tags) or None,
        )
        self._db.execute(
            "INSERT OR REPLACE INTO rounds VALUES (?, ?, ?, ?, ?)",
            (
                subject.key,
                round_.label,
                round_.date.isoformat() if round_.date else None,
                card.framework_id,
                card.framework_version,
            ),
        )
        return len(rows)

    def close(self) -> None:
        """Write the subjects, build the indexes and commit."""
        self._db.executemany("INSERT INTO subjects VALUES (?, ?, ?, ?, ?)", self._subjects.values())
        for table, columns in _INDEXES:
            name = f"idx_{table}_{'_'.join(columns)}"
            self._db.execute(f"CREATE INDEX {name} ON {table} ({', '.join(columns)})")
        self._db.commit()
        self._db.close()


def export_all(
    exporter: Exporter, pairs: Iterable[tuple[Dimensions, Scorecard]]
) -> tuple[int, int]:
    """Feed every scorecard to the exporter and close it; (scorecards, rows) written."""
    cards = rows = 0
    for dimensions, card in pairs:
        rows += exporter.add(dimensions, card)
        cards += 1
    exporter.close()
    return cards, rows
