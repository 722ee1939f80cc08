"""Rows kept on disk while many files stream through, then read back in order.

A portfolio's tidy rows (one per subject × round × practice) can run to millions; holding
them until the workbook's Data sheet is written would make memory grow with the file count.
They are pickled to an anonymous temporary file in batches instead, and read back once.
"""

from __future__ import annotations

import pickle
import tempfile
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from types import TracebackType

    from caf.render.tidy import Cell

_BATCH = 2_000
"""Rows pickled together: large enough to be fast, small enough to stay flat."""


class RowSpool:
    """An append-only list of rows on disk, with a length, read back in order."""

    def __init__(self) -> None:
        """An empty spool in a temporary file that disappears when closed."""
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()/__exit__
        self._pending: list[tuple[Cell, ...]] = []
        self._count = 0

    def extend(self, rows: Iterable[tuple[Cell, ...]]) -> None:
        """Append rows."""
        for row in rows:
            self._pending.append(row)
            if len(self._pending) >= _BATCH:
                self._flush()

    def _flush(self) -> None:
        if self._pending:
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._count += len(self._pending)
            self._pending = []

    def __len__(self) -> int:
        """How many rows were appended."""
        return self._count + len(self._pending)

    def __iter__(self) -> Iterator[tuple[Cell, ...]]:
        """The rows in the order appended (the spool is only read by caf's own writers)."""
        self._flush()
        self._file.seek(0)
        while True:
            try:
                batch = pickle.load(self._file)  # noqa: S301 - our own temporary file
            except EOFError:
                return
            yield from batch

    def close(self) -> None:
        """Delete the temporary file."""
        self._file.close()

    def __enter__(self) -> Self:
        """Use in a ``with`` block."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Delete the temporary file."""
        self.close()
