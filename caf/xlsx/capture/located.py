"""Issues collected while a workbook is read, each located at its cell (``Assess!F12``)."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from caf.errors import LISTED_PER_CODE, Code, Issue, Severity, more_issues


class CellIssues:
    """Collects located issues for one workbook."""

    def __init__(self, file: str) -> None:
        """Start collecting for the workbook ``file`` (as messages name it)."""
        self.file = file
        self.items: list[Issue] = []
        self.counts: dict[Code, int] = {}
        self.cut: dict[Code, int] = {}
        """Index in ``items`` of each code's more-issues line."""

    def wants(self, code: Code) -> bool:
        """True while issues of ``code`` are still listed (worth a costly message)."""
        return self.counts.get(code, 0) < LISTED_PER_CODE

    def add(
        self,
        cell: str | None,
        message: str,
        code: Code = Code.INVALID_VALUE,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Keep the first issues of each code; count the rest in one more-issues line.

        A workbook of a million bad rows would otherwise print hundreds of megabytes.
        """
        issue = Issue(code, message, severity, file=self.file, cell=cell)
        count = self.counts.get(code, 0) + 1
        self.counts[code] = count
        if count <= LISTED_PER_CODE:
            self.items.append(issue)
            return
        line = more_issues(code, count - LISTED_PER_CODE, issue)
        if code in self.cut:
            self.items[self.cut[code]] = line
        else:
            self.cut[code] = len(self.items)
            self.items.append(line)


def cell_address(sheet: str, row: int, col: int) -> str:
    """``Sheet!B12`` for 0-based row and column."""
    return f"{sheet}!{get_column_letter(col + 1)}{row + 1}"


def cell_at(row: tuple[object, ...], index: int | None) -> object:
    """The value at ``index`` of a row, or None past its end."""
    return row[index] if index is not None and index < len(row) else None
