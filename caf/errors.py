"""The error vocabulary of caf: located issues and every exception caf raises on purpose.

Problems in what a user wrote (a YAML file, a workbook) are *issues*: data with a stable code,
a severity, a location (``file:line:col`` or ``Sheet!Cell``) and a message a facilitator can act
on. Validation collects all of them and returns them; it never stops at the first one.

Exceptions are for the cases where caf cannot go on. Every exception a user can cause derives
from :class:`CafError`; the command line prints its message and exits 1. Anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


class Severity(StrEnum):
    """How bad an issue is: errors stop the work, warnings are reported and the work goes on."""

    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """Stable identifiers of every kind of issue; tools may match on them."""

    # reading files
    FILE_NOT_FOUND = "file-not-found"
    FILE_TOO_LARGE = "file-too-large"
    NOT_TEXT = "not-text"
    SYNTAX = "syntax"
    DUPLICATE_KEY = "duplicate-key"
    ALIAS_LIMIT = "alias-limit"
    UNKNOWN_KIND = "unknown-kind"
    # shape of the data
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"
    WRONG_TYPE = "wrong-type"
    INVALID_VALUE = "invalid-value"
    # framework content
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_ROLE = "unknown-role"
    UNKNOWN_CATALOG = "unknown-catalog"
    UNKNOWN_REFERENCE = "unknown-reference"
    LEVEL_OFF_SCALE = "level-off-scale"
    EMPTY = "empty"
    # profiles
    UNKNOWN_BASE = "unknown-base"
    PROFILE_CYCLE = "profile-cycle"
    UNKNOWN_ID = "unknown-id"
    # assessments
    UNKNOWN_FRAMEWORK = "unknown-framework"
    UNKNOWN_PRACTICE = "unknown-practice"
    MISSING_PRACTICE = "missing-practice"
    NA_WITHOUT_REASON = "na-without-reason"
    NA_WITH_LEVEL = "na-with-level"
    VERSION_MISMATCH = "version-mismatch"
    DIGEST_MISMATCH = "digest-mismatch"


PathPart: TypeAlias = str | int
"""One step into parsed data: a mapping key or a list index."""

DataPath: TypeAlias = tuple[PathPart, ...]
"""Where in a parsed document something is, as the keys and indexes leading to it."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a user's input, with where it is and what to do about it."""

    code: Code
    message: str
    severity: Severity = Severity.ERROR
    file: str | None = None
    line: int | None = None
    column: int | None = None
    cell: str | None = None
    path: DataPath = ()

    @property
    def is_error(self) -> bool:
        """True when this issue stops the work."""
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        """``file:line:col``, ``file!Sheet!Cell`` or as much of it as is known."""
        if self.cell is not None:
            return f"{self.file}:{self.cell}" if self.file else self.cell
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def at(
        self,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        cell: str | None = None,
    ) -> Issue:
        """A copy of this issue placed at the given location (unset parts are kept)."""
        return replace(
            self,
            file=self.file if file is None else file,
            line=self.line if line is None else line,
            column=self.column if column is None else column,
            cell=self.cell if cell is None else cell,
        )

    def __str__(self) -> str:
        """One line: location, severity, code and message."""
        where = self.location
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.severity.value} [{self.code.value}] {self.message}"

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping (the shape of ``caf validate --format json``)."""
        return {
            "code": self.code.value,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "cell": self.cell,
        }


def has_errors(issues: Iterable[Issue]) -> bool:
    """True when any of the issues is an error (warnings do not count)."""
    return any(issue.is_error for issue in issues)


class CafError(Exception):
    """Base of every error a user can cause; the CLI prints the message and exits 1."""


class InvalidInputError(CafError):
    """Raised when input files have errors; carries every issue found, not just the first."""

    def __init__(self, issues: Sequence[Issue], what: str = "input") -> None:
        """Keep the issues and summarise them in the message."""
        self.issues = tuple(issues)
        errors = sum(1 for issue in self.issues if issue.is_error)
        plural = "" if errors == 1 else "s"
        super().__init__(f"{what} has {errors} error{plural}")


class NotFoundError(CafError):
    """Raised when a framework, profile or catalog asked for by id is not on the search path."""


class OutputError(CafError):
    """Raised when an output cannot be written (it would clobber an input, or break a limit)."""
