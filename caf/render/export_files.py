"""``caf export data`` end to end: stream the files, write the rows, keep nothing half done.

A file output is written to a temporary file renamed into place only when every assessment
was good (or bad ones may be skipped); stdout gets the rows only then too, from a temporary
spool, so a bad file never leaves half an export anywhere.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from caf.files import atomic_path
from caf.render.export import CsvExporter, Exporter, ExportFormat, JsonlExporter, SqliteExporter
from caf.render.tidy import Dimensions
from caf.scoring.batch import Batch
from caf.scoring.evidence import DEFAULT_EVIDENCE_LEVEL

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from _typeshed import SupportsWrite

    from caf.errors import Issue
    from caf.validation.library import Library

_SPOOL_BYTES = 8 * 1024 * 1024
"""Output kept in memory for stdout before the spool moves to disk."""


@dataclass(frozen=True)
class Exported:
    """What was exported."""

    assessments: int
    """Assessments written."""

    rows: int
    """Rows written."""

    skipped: list[Path]
    """Files left out for their errors."""

    warnings: list[Issue]
    """Warnings found on the way."""


def _stream(batch: Batch, files: Sequence[Path], exporter: Exporter, skip: bool) -> int:
    dimensions: dict[str, Dimensions] = {}
    rows = 0
    for framework, card in batch.scored(files):
        if framework.ref not in dimensions:
            dimensions[framework.ref] = Dimensions(framework)
        rows += exporter.add(dimensions[framework.ref], card)
    batch.finish(skip_invalid=skip)
    exporter.close()
    return rows


def _text_exporter(fmt: ExportFormat, stream: SupportsWrite[str], level: int) -> Exporter:
    if fmt is ExportFormat.JSONL:
        return JsonlExporter(stream, level)
    return CsvExporter(stream, level)


def export_data(
    paths: Sequence[Path],
    library: Library,
    target: Path | None,
    fmt: ExportFormat,
    *,
    skip_invalid: bool = False,
    evidence_level: int = DEFAULT_EVIDENCE_LEVEL,
    on_file: Callable[[Path], None] | None = None,
) -> Exported:
    """Export the tidy rows of the assessments under ``paths`` to ``target`` (None: stdout).

    Raises:
        InvalidInputError: a file has an error (and ``skip_invalid`` is off), or none is good.
    """
    batch = Batch(library, on_file, portfolio=False)
    files = batch.files(paths)
    if target is None:
        with tempfile.SpooledTemporaryFile(
            _SPOOL_BYTES, mode="w+", encoding="utf-8", newline=""
        ) as spool:
            rows = _stream(batch, files, _text_exporter(fmt, spool, evidence_level), skip_invalid)
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout)
            sys.stdout.flush()
    else:
        with atomic_path(target, files) as temporary:
            if fmt is ExportFormat.SQLITE:
                temporary.unlink()
                rows = _stream(
                    batch, files, SqliteExporter(temporary, evidence_level), skip_invalid
                )
            else:
                # CSV gets a byte order mark so that Excel reads UTF-8 text as such.
                encoding = "utf-8-sig" if fmt is ExportFormat.CSV else "utf-8"
                with temporary.open("w", encoding=encoding, newline="") as stream:
                    exporter = _text_exporter(fmt, stream, evidence_level)
                    rows = _stream(batch, files, exporter, skip_invalid)
    return Exported(batch.count, rows, batch.skipped, batch.warnings)
