"""Read YAML and JSON into plain data, remembering the line and column of every key and value.

Only YAML's safe subset is read: the parser builds a node tree and this module turns it into
dicts, lists and scalars itself, so no tag can construct an object. The guards against hostile
files are here too: a size limit, a limit on how many values alias expansion may produce (the
"billion laughs" bomb), a limit on nesting, and refusal of recursive aliases. Every problem
becomes a located :class:`~caf.errors.Issue`; nothing here raises for bad input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

import yaml

from caf.errors import Code, DataPath, Issue

if TYPE_CHECKING:
    from collections.abc import Hashable
    from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest input file read: 15 times the largest shipped framework (caf-ai, 0.3 MB).

Reading YAML with positions costs about 70 bytes of memory per byte of text, so this bound is
what keeps a file at the limit answered in seconds and in a few hundred megabytes.
"""

MAX_VALUES = 250_000
"""Most values a document may hold, counting every alias expansion (caf-ai has about 9,000)."""

MAX_ALIAS_VALUES = 100_000
"""Most values that aliases may repeat; real files use few aliases, bombs use billions."""

MAX_DEPTH = 200
"""Deepest nesting of mappings and lists accepted."""

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "binary")
)
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

Position: TypeAlias = tuple[int, int]
"""1-based line and column."""


@dataclass(frozen=True)
class Document:
    """A parsed file: its data and where each value and key stands in the text."""

    file: str
    """The file name as the user gave it, for messages."""

    data: object
    """The plain data: dicts, lists, strings, numbers, booleans, dates and None."""

    values: dict[DataPath, Position] = field(default_factory=dict)
    """Where the value at each path starts."""

    keys: dict[DataPath, Position] = field(default_factory=dict)
    """Where the key of each mapping entry starts, by the path of its value."""

    def position(self, path: DataPath, *, key: bool = False) -> Position | None:
        """The position of the value (or key) at ``path``, or of its nearest located ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None

    def locate(self, issue: Issue, *, key: bool = False) -> Issue:
        """The issue placed at its path in this file."""
        found = self.position(issue.path, key=key)
        if found is None:
            return issue.at(file=self.file)
        return issue.at(file=self.file, line=found[0], column=found[1])


class _LimitError(Exception):
    """Internal: the document broke a limit at a node."""

    def __init__(self, code: Code, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.code = code
        self.node = node


def _position(node: yaml.Node) -> Position:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Turns a composed node tree into plain data and a location map."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
        self.issues: list[Issue] = []
        self.count = 0
        self.repeated = 0
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.scalars = yaml.constructor.SafeConstructor()

    def issue(self, code: Code, message: str, node: yaml.Node, path: DataPath = ()) -> None:
        line, column = _position(node)
        self.issues.append(
            Issue(code, message, file=self.file, line=line, column=column, path=path)
        )

    def build(self, node: yaml.Node, path: DataPath, depth: int = 0) -> object:
        self.count += 1
        if id(node) in self.seen:
            self.repeated += 1
        self.seen.add(id(node))
        if self.count > MAX_VALUES and self.repeated <= MAX_ALIAS_VALUES // 10:
            raise _LimitError(
                Code.FILE_TOO_LARGE,
                f"the document holds more than {MAX_VALUES:,} values, more than caf reads; "
                "split it into several files",
                node,
            )
        if self.count > MAX_VALUES or self.repeated > MAX_ALIAS_VALUES:
            raise _LimitError(
                Code.ALIAS_LIMIT,
                "the document expands to more values than caf reads; this looks like an alias "
                "bomb, so it was not read",
                node,
            )
        if depth > MAX_DEPTH:
            raise _LimitError(Code.SYNTAX, f"nested more than {MAX_DEPTH} levels deep", node)
        if id(node) in self.active:
            raise _LimitError(
                Code.ALIAS_LIMIT, "an alias refers to the value that contains it", node
            )
        # Aliases are shared node objects; a later use at a new path records its own position
        # only the first time, which is where the anchor was written.
        self.values.setdefault(path, _position(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, path, depth)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: DataPath, depth: int) -> object:
        if node.tag != _MAP_TAG:
            self.issue(
                Code.SYNTAX,
                f"the tag {node.tag!r} is not allowed; write a plain mapping",
                node,
                path,
            )
        self.active.add(id(node))
        result: dict[Hashable, object] = {}
        first_seen: dict[Hashable, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.issue(
                    Code.SYNTAX, "a key must be plain text, not a list or mapping", key_node, path
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.issue(
                    Code.SYNTAX,
                    "merge keys (<<) are not supported; write the keys out",
                    key_node,
                    path,
                )
                continue
            key = self._scalar(key_node, path)
            if not isinstance(key, str | int | bool | float) and key is not None:
                key = str(key)
            child = (*path, key if isinstance(key, str | int) else str(key))
            if key in first_seen:
                line, _ = _position(first_seen[key])
                self.issue(
                    Code.DUPLICATE_KEY,
                    f"the key {key!r} appears twice in this mapping (first on line {line}); "
                    "only one can count",
                    key_node,
                    child,
                )
                continue
            first_seen[key] = key_node
            self.keys.setdefault(child, _position(key_node))
            result[key] = self.build(value_node, child, depth + 1)
        self.active.discard(id(node))
        return result

    def _sequence(self, node: yaml.SequenceNode, path: DataPath, depth: int) -> object:
        if node.tag != _SEQ_TAG:
            self.issue(
                Code.SYNTAX, f"the tag {node.tag!r} is not allowed; write a plain list", node, path
            )
        self.active.add(id(node))
        result = [
            self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
        ]
        self.active.discard(id(node))
        return result

    def _scalar(self, node: yaml.Node, path: DataPath) -> object:
        if node.tag not in _SCALAR_TAGS:
            self.issue(Code.SYNTAX, f"the tag {node.tag!r} is not allowed here", node, path)
            return str(node.value)
        try:
            return self.scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            self.issue(Code.SYNTAX, f"cannot read this value: {error}", node, path)
            return str(node.value)


def _syntax_issue(file: str, error: yaml.YAMLError) -> Issue:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"YAML syntax: {problem}"
    if context:
        message += f" ({context})"
    if mark is None:
        return Issue(Code.SYNTAX, message, file=file)
    return Issue(Code.SYNTAX, message, file=file, line=mark.line + 1, column=mark.column + 1)


def _line_of_offset(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def parse_text(text: str, file: str) -> tuple[Document | None, list[Issue]]:
    """Parse YAML (or JSON, which YAML reads too) text into a located document.

    A ``.json`` file must be strict JSON: it is checked by the JSON parser first (which also
    gives the most precise error), then read for positions.
    """
    if file.lower().endswith(".json"):
        strict, issues = _parse_json(text, file)
        if strict is None:
            return None, issues
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        if file.lower().endswith(".json"):
            return strict, []
        return None, [_syntax_issue(file, error)]
    except RecursionError:
        return None, [Issue(Code.SYNTAX, "nested too deeply to read", file=file)]
    if node is None:
        return None, [Issue(Code.EMPTY, "the file is empty", file=file, line=1, column=1)]
    builder = _Builder(file)
    try:
        data = builder.build(node, ())
    except _LimitError as error:
        builder.issue(error.code, str(error), error.node)
        return None, builder.issues
    return Document(file, data, builder.values, builder.keys), builder.issues


def _parse_json(text: str, file: str) -> tuple[Document | None, list[Issue]]:
    r"""JSON that YAML could not read (a ``\\/`` escape, say): read it without positions."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        issue = Issue(
            Code.SYNTAX,
            f"JSON syntax: {error.msg}",
            file=file,
            line=error.lineno,
            column=error.colno,
        )
        return None, [issue]
    except RecursionError:
        return None, [Issue(Code.SYNTAX, "nested too deeply to read", file=file)]
    return Document(file, data), []


def read_document(
    path: Path, *, display: str | None = None, max_bytes: int = MAX_FILE_BYTES
) -> tuple[Document | None, list[Issue]]:
    """Read a YAML or JSON file into a located document, collecting every problem.

    Returns the document (None when it could not be read at all) and the issues found on the
    way. The file is opened read-only and never changed.
    """
    file = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            message = (
                f"the file is {size:,} bytes, more than the {max_bytes:,} caf reads; "
                "is this the right file?"
            )
            return None, [Issue(Code.FILE_TOO_LARGE, message, file=file)]
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return None, [Issue(Code.FILE_NOT_FOUND, "no such file", file=file)]
    except IsADirectoryError:
        return None, [Issue(Code.FILE_NOT_FOUND, "this is a folder, not a file", file=file)]
    except OSError as error:
        return None, [
            Issue(Code.FILE_NOT_FOUND, f"cannot read the file: {error.strerror}", file=file)
        ]
    if len(raw) > max_bytes:
        return None, [
            Issue(Code.FILE_TOO_LARGE, f"the file is larger than {max_bytes:,} bytes", file=file)
        ]
    if b"\x00" in raw:
        line, column = _line_of_offset(raw, raw.index(b"\x00"))
        return None, [
            Issue(
                Code.NOT_TEXT,
                "this is not a text file (it contains NUL bytes)",
                file=file,
                line=line,
                column=column,
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_of_offset(raw, error.start)
        return None, [
            Issue(
                Code.NOT_TEXT,
                "the file is not UTF-8 text; save it as UTF-8",
                file=file,
                line=line,
                column=column,
            )
        ]
    return parse_text(text, file)
