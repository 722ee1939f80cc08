"""Pydantic validation errors rewritten as located issues in plain words.

Pydantic says ``extra_forbidden`` at ``('perspectives', 0, 'capabilities', 2, 'practices', 1,
'questoin')``; a facilitator needs ``frameworks/x.yaml:41:9: practice SEC.DP.01: unknown key
'questoin' (did you mean 'question'?)``. This module does that translation; it knows the models'
shapes only through pydantic's own field information.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
from dataclasses import dataclass, field
from inspect import isclass
from typing import TYPE_CHECKING, Annotated, Any, Protocol, Union, get_args, get_origin

from pydantic import BaseModel

from caf.errors import Code, DataPath, Issue, PathPart

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

_CONTAINERS = {
    "perspectives": "perspective",
    "capabilities": "capability",
    "practices": "practice",
    "roles": "role",
    "items": "item",
    "answers": "answer",
    "participants": "participant",
    "retired": "retired id",
}


def _unwrap(annotation: Any) -> Any:  # noqa: ANN401 - walks arbitrary typing objects
    """Strip Annotated and Optional wrappers from a type."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            rest = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation


def model_at(root: type[BaseModel], path: DataPath) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``path``, if it is a model."""
    current: Any = root
    for part in path:
        current = _unwrap(current)
        origin = get_origin(current)
        if isclass(current) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif origin is list and isinstance(part, int):
            current = get_args(current)[0]
        elif origin is dict:
            current = get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isclass(current) and issubclass(current, BaseModel) else None


def suggest(word: str, choices: list[str]) -> str:
    """`` (did you mean 'x'?)`` for a near miss, else an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _step(current: object, part: PathPart) -> tuple[bool, object]:
    """One step into parsed data: (found, value)."""
    if isinstance(current, dict) and part in current:
        return True, current[part]
    if isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
        return True, current[part]
    return False, None


def context(data: object, path: DataPath) -> str:
    """What the path points into, in words: ``practice SEC.DP.01`` or ``answer GOV.RM.02``."""
    label = ""
    current = data
    previous: PathPart | None = None
    for part in path:
        found, current = _step(current, part)
        if not found:
            break
        if previous in _CONTAINERS:
            noun = _CONTAINERS[str(previous)]
            if isinstance(current, dict) and isinstance(current.get("id"), str):
                label = f"{noun} {current['id']}"
            elif isinstance(current, dict) and isinstance(current.get("name"), str):
                label = f"{noun} {current['name']!r}"
            elif isinstance(part, str):
                label = f"{noun} {part}"
            else:
                label = f"{noun} #{part + 1}"
        previous = part
    return label


def _shown(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= _SHOWN_LENGTH else value[: _SHOWN_LENGTH - 3] + "..."
        return repr(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _kind_of(value: object) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        dict: "a mapping",
        list: "a list",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


_SHOWN_LENGTH = 40
"""Longest piece of a user's text quoted back in a message."""

# Plain words for the pydantic error types whose message needs only the field and the value.
# Each entry: the pydantic types, the issue code, and a message template.
_SIMPLE: tuple[tuple[frozenset[str], Code, str], ...] = (
    (
        frozenset({"int_parsing", "int_type", "int_from_float"}),
        Code.WRONG_TYPE,
        "{field}: expected a whole number, got {shown}",
    ),
    (
        frozenset({"float_parsing", "float_type"}),
        Code.WRONG_TYPE,
        "{field}: expected a number, got {shown}",
    ),
    (
        frozenset({"bool_parsing", "bool_type"}),
        Code.WRONG_TYPE,
        "{field}: expected true or false, got {shown}",
    ),
    (frozenset({"list_type"}), Code.WRONG_TYPE, "{field}: expected a list, got {kind}"),
    (
        frozenset({"dict_type", "model_type", "model_attributes_type"}),
        Code.WRONG_TYPE,
        "{field}: expected a mapping of keys to values, got {kind}",
    ),
    (
        frozenset(
            {
                "date_parsing",
                "date_type",
                "date_from_datetime_parsing",
                "date_from_datetime_inexact",
            }
        ),
        Code.WRONG_TYPE,
        "{field}: expected a date like 2026-11-30, got {shown}",
    ),
    (frozenset({"string_too_short"}), Code.INVALID_VALUE, "{field}: must not be empty"),
    (
        frozenset({"string_too_long"}),
        Code.INVALID_VALUE,
        "{field}: longer than {max_length:,} characters",
    ),
    (
        frozenset({"string_pattern_mismatch"}),
        Code.INVALID_VALUE,
        (
            "{field}: {shown} is not a valid {field}; use letters, digits, dots and dashes (lower "
            "case for ids of files, roles and tags)"
        ),
    ),
    (frozenset({"too_short"}), Code.EMPTY, "{field}: needs at least {min_length} entries"),
    (frozenset({"too_long"}), Code.INVALID_VALUE, "{field}: has more than {max_length} entries"),
    (
        frozenset({"greater_than"}),
        Code.INVALID_VALUE,
        "{field}: must be more than {gt}, got {shown}",
    ),
    (
        frozenset({"greater_than_equal"}),
        Code.INVALID_VALUE,
        "{field}: must be at least {ge}, got {shown}",
    ),
    (frozenset({"less_than"}), Code.INVALID_VALUE, "{field}: must be less than {lt}, got {shown}"),
    (
        frozenset({"less_than_equal"}),
        Code.INVALID_VALUE,
        "{field}: must be at most {le}, got {shown}",
    ),
)


def _plain(error: ErrorDetails, root: type[BaseModel], path: DataPath) -> tuple[Code, str]:
    """The code and plain-words message for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = str(path[-1]) if path else "value"
    if field in _LEVEL_FIELDS and kind in {"int_type", "int_parsing", "int_from_float"}:
        return Code.WRONG_TYPE, _not_a_level(field, value)
    for kinds, code, template in _SIMPLE:
        if kind in kinds:
            return code, template.format(
                field=field, shown=_shown(value), kind=_kind_of(value), **ctx
            )
    if kind == "extra_forbidden":
        owner = model_at(root, path[:-1])
        choices = sorted(owner.model_fields) if owner is not None else []
        return Code.UNKNOWN_KEY, f"unknown key {field!r}{suggest(field, choices)}"
    if kind == "missing":
        return Code.MISSING_KEY, f"missing required key {field!r}"
    if kind == "string_type":
        hint = "; put it in quotes" if isinstance(value, int | float) else ""
        return (
            Code.WRONG_TYPE,
            f"{field}: expected text, got {_kind_of(value)} {_shown(value)}{hint}",
        )
    if kind in {"literal_error", "enum"}:
        expected = _choices(ctx.get("expected"))
        near = suggest(str(value), expected) if expected else ""
        listed = ", ".join(expected) if expected else str(ctx.get("expected"))
        return Code.INVALID_VALUE, f"{field}: {_shown(value)} is not one of {listed}{near}"
    if kind == "value_error":
        return Code.INVALID_VALUE, str(error["msg"]).removeprefix("Value error, ")
    return Code.INVALID_VALUE, f"{field}: {error['msg']}"


_LEVEL_FIELDS = frozenset({"level", "target"})
"""Fields that hold a level of the scale."""


def _not_a_level(field: str, value: object) -> str:
    """Why a value is not a level, in the words of the file's author."""
    if isinstance(value, bool):
        return (
            f"{field}: {_shown(value)} is not a level (YAML reads yes, no, on, off, true and false "
            "as true/false); write a whole number on the scale, or n/a"
        )
    return f"{field}: {_shown(value)} is not a level; write a whole number on the scale, or n/a"


def _choices(expected: object) -> list[str]:
    """Pydantic's "expected" text (``'new', 'enriched' or 'base'``) as a list of words."""
    if not isinstance(expected, str):
        return []
    words = expected.replace(" or ", ", ").split(", ")
    return [word.strip().strip("'") for word in words if word.strip()]


_TYPE_MARKERS = frozenset({"int", "str", "float", "bool", "date", "none", "list", "dict"})
"""Union branch names pydantic puts into locations; they are not keys of the data."""


def _is_field(root: type[BaseModel] | None, path: DataPath, name: str) -> bool:
    """True when ``name`` is a field of the model found at ``path`` (a key, not a marker)."""
    if root is None:
        return False
    owner = model_at(root, path)
    return owner is not None and name in owner.model_fields


def clean_path(
    loc: tuple[int | str, ...], root: type[BaseModel] | None = None
) -> tuple[DataPath, bool]:
    """Pydantic's location without its markers; True when the error is about a mapping key.

    A part named like a union branch (``date``, ``str``) is a marker unless the model at that
    point has a field of that name: ``round.date`` is a key, not pydantic's type tag.
    """
    parts: list[PathPart] = []
    is_key = False
    for part in loc:
        if part == "[key]":
            is_key = True
            continue
        if isinstance(part, str) and part.startswith("function-"):
            continue
        if (
            isinstance(part, str)
            and part in _TYPE_MARKERS
            and not _is_field(root, tuple(parts), part)
        ):
            continue
        parts.append(part)
    return tuple(parts), is_key


class Locator(Protocol):
    """A source that can say where a path of its data is: a YAML document, a worksheet."""

    @property
    def data(self) -> object:
        """The plain data that was validated."""

    def locate(self, issue: Issue, *, key: bool = False) -> Issue:
        """The issue placed where its path is in the source (``file:line:col``, ``Sheet!A1``)."""


@dataclass
class CellLocator:
    """Places issues at worksheet cells: each path (or its nearest ancestor) has a cell."""

    file: str
    """The workbook, for messages."""

    data: object
    """The plain data built from the cells."""

    cells: dict[DataPath, str] = field(default_factory=dict)
    """``Sheet!Cell`` of the value at each path."""

    def locate(self, issue: Issue, *, key: bool = False) -> Issue:  # noqa: ARG002 - a cell has no key
        """The issue placed at the cell of its path, or of its nearest ancestor with one."""
        for end in range(len(issue.path), -1, -1):
            cell = self.cells.get(issue.path[:end])
            if cell is not None:
                return issue.at(file=self.file, cell=cell)
        return issue.at(file=self.file)


def issues_from_validation(
    error: ValidationError, root: type[BaseModel], document: Locator
) -> list[Issue]:
    """Every pydantic error as a located issue in plain words, wherever the data came from."""
    issues: list[Issue] = []
    for detail in error.errors(include_url=False):
        path, is_key = clean_path(detail["loc"], root)
        code, message = _plain(detail, root, path)
        where = path[:-1] if detail["type"] == "missing" else path
        label = context(document.data, where)
        if label:
            message = f"{label}: {message}"
        on_key = is_key or detail["type"] == "extra_forbidden"
        issues.append(document.locate(Issue(code, message, path=where), key=on_key))
    return issues
