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
    from collections.abc import Iterable, Iterator, Sequence


class Severity(StrEnum):
    """How bad an issue is: errors stop the work, warnings are reported and the work goes on."""

    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """Stable identifiers of every kind of issue; tools may match on them.

    Each code has a one-line description (:data:`CODE_DESCRIPTIONS`), listed by
    ``caf validate --codes`` and in ``docs/error-codes.md``.
    """

    # reading files
    FILE_NOT_FOUND = "file-not-found"
    FILE_TOO_LARGE = "file-too-large"
    NOT_TEXT = "not-text"
    NOT_A_WORKBOOK = "not-a-workbook"
    DAMAGED = "damaged"
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
    EXCLUDED_PRACTICE = "excluded-practice"
    RETIRED_PRACTICE = "retired-practice"
    MISSING_PRACTICE = "missing-practice"
    NA_WITHOUT_REASON = "na-without-reason"
    NA_WITH_LEVEL = "na-with-level"
    VERSION_MISMATCH = "version-mismatch"
    DIGEST_MISMATCH = "digest-mismatch"
    # reporting
    MORE_ISSUES = "more-issues"

    @property
    def description(self) -> str:
        """What the code means, in one line."""
        return CODE_DESCRIPTIONS[self]


CODE_DESCRIPTIONS: dict[Code, str] = {
    Code.FILE_NOT_FOUND: "The file does not exist or cannot be opened for reading.",
    Code.FILE_TOO_LARGE: "The file, or what it expands to, is larger than caf reads.",
    Code.NOT_TEXT: "The file is not UTF-8 text (YAML and JSON files must be).",
    Code.NOT_A_WORKBOOK: "The file is not an xlsx workbook (an .xls, .ods or other file).",
    Code.DAMAGED: "The workbook's archive or XML is damaged and cannot be read.",
    Code.SYNTAX: "The YAML or JSON cannot be parsed.",
    Code.DUPLICATE_KEY: "A key appears twice in the same mapping.",
    Code.ALIAS_LIMIT: "The YAML uses more aliases or nesting than caf accepts.",
    Code.UNKNOWN_KIND: "caf cannot tell what kind of file this is, or the kind is unknown.",
    Code.UNKNOWN_KEY: "A key the file's kind does not have (often a typo).",
    Code.MISSING_KEY: "A required key, sheet, column or cell is missing or empty.",
    Code.WRONG_TYPE: "A value has the wrong type (text where a number or mapping belongs).",
    Code.INVALID_VALUE: "A value has the right type but is not allowed (too long, bad pattern).",
    Code.DUPLICATE_ID: "Two entries share an id that must be unique.",
    Code.UNKNOWN_ROLE: "A practice names a role the framework does not define.",
    Code.UNKNOWN_CATALOG: "A reference names a catalog that is not on the search path.",
    Code.UNKNOWN_REFERENCE: "A reference names an entry its catalog does not have.",
    Code.LEVEL_OFF_SCALE: "A level or target is not a whole number on the scale, nor N/A.",
    Code.EMPTY: "A list that needs entries (perspectives, practices) has none.",
    Code.UNKNOWN_BASE: "A profile extends a framework or profile caf cannot find.",
    Code.PROFILE_CYCLE: "Profiles extend each other in a circle.",
    Code.UNKNOWN_ID: "A profile names a perspective, capability or practice that does not exist.",
    Code.UNKNOWN_FRAMEWORK: "An assessment or workbook answers a framework caf cannot find.",
    Code.UNKNOWN_PRACTICE: "An answer is for a practice the framework does not have.",
    Code.EXCLUDED_PRACTICE: "An answer is for a practice the profile in use leaves out.",
    Code.RETIRED_PRACTICE: "An answer is for a practice the framework has retired (not scored).",
    Code.MISSING_PRACTICE: "Rows of practices are missing from a workbook.",
    Code.NA_WITHOUT_REASON: "A practice is marked N/A without saying why.",
    Code.NA_WITH_LEVEL: "An answer is marked N/A and also has a level.",
    Code.VERSION_MISMATCH: "An assessment answers another version of the framework.",
    Code.DIGEST_MISMATCH: "An assessment was written for different content of the framework.",
    Code.MORE_ISSUES: "More issues of one code than are listed; the rest are counted.",
}
"""The one-line description of every code (a test checks each code has one)."""


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
    count: int = 1
    """How many issues this one stands for (more than 1 only for ``more-issues``)."""

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
            "count": self.count,
        }


LISTED_PER_CODE = 50
"""Most issues of one code listed in a report; the rest are counted (a huge file stays readable)."""


def bounded(issues: Iterable[Issue], limit: int = LISTED_PER_CODE) -> Iterator[Issue]:
    """The issues, at most ``limit`` of each code, then one ``more-issues`` line per code cut.

    A count already made by an earlier cut (a ``more-issues`` issue) is passed through.
    """
    shown: dict[Code, int] = {}
    cut: dict[Code, Issue] = {}
    hidden: dict[Code, int] = {}
    for issue in issues:
        if issue.code is Code.MORE_ISSUES:
            yield issue
            continue
        count = shown.get(issue.code, 0)
        if count < limit:
            shown[issue.code] = count + 1
            yield issue
        else:
            cut.setdefault(issue.code, issue)
            hidden[issue.code] = hidden.get(issue.code, 0) + 1
    for code, first in cut.items():
        yield more_issues(code, hidden[code], first)


def more_issues(code: Code, count: int, first: Issue) -> Issue:
    """The line that stands for ``count`` issues of ``code`` not listed, located at the file."""
    plural = "" if count == 1 else "s"
    return Issue(
        Code.MORE_ISSUES,
        f"{count:,} more [{code.value}] issue{plural} not listed (the first "
        f"{LISTED_PER_CODE} of each code are)",
        first.severity,
        file=first.file,
        count=count,
    )


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
        # A more-issues line stands for the issues a bounded collector did not keep.
        errors = sum(issue.count for issue in self.issues if issue.is_error)
        plural = "" if errors == 1 else "s"
        super().__init__(f"{errors} error{plural} in {what}")


class NotFoundError(CafError):
    """Raised when a framework, profile or catalog asked for by id is not on the search path."""


class OutputError(CafError):
    """Raised when an output cannot be written (it would clobber an input, or break a limit)."""


class OutputExistsError(OutputError):
    """Raised before any work when the output is there already (or is an input).

    A refusal of how the command was called, not a problem in the input: the command line
    exits 2, as for other usage errors.
    """
