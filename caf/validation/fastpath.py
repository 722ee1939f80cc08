"""Read fast, locate on failure: the loader for many files at once.

Recording the line and column of every value (:mod:`caf.validation.document`) costs several
times the parse itself, and positions are only needed when a file has a problem. This path
parses with PyYAML's C loader (or the JSON module) into plain data, validates the model and
applies the cross-file checks; the first sign of anything unusual — a problem, a duplicate
key, an alias, a tag, a non-text key, a value limit — sends the file down the ordinary,
located path instead, so every issue a user sees is the same as ever, with its position.

Nothing is cached: a file's data goes when the caller drops the result.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from caf.models.kinds import MODELS, detect_kind
from caf.validation.document import MAX_FILE_BYTES, MAX_VALUES, Document
from caf.validation.loader import Checked, Parsed, check, parse

if TYPE_CHECKING:
    from pathlib import Path

    from caf.validation.loader import Resolver

_BASE: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class _Unusual(Exception):  # noqa: N818 - a signal to take the located path, not an error
    """The file needs the located path."""


class _StrictLoader(_BASE):  # type: ignore[misc]
    """The C loader, refusing what the located reader reports or guards against."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.values = 0

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:  # noqa: ANN401
        # A node seen before is an alias; tags other than plain ones build other types.
        if node in self.constructed_objects or node.tag not in _PLAIN_TAGS:
            raise _Unusual
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Unusual
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:  # noqa: ANN401
        keys = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in {
                "tag:yaml.org,2002:str",
                "tag:yaml.org,2002:int",
            }:
                raise _Unusual
            if key_node.value in keys:
                raise _Unusual
            keys.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Unusual
    return result


def _read(path: Path) -> object:
    """The file's data, or :class:`_Unusual` when the located reader should look at it."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError as error:
        raise _Unusual from error
    if raw is None:
        raise _Unusual
    try:
        text = raw.decode("utf-8-sig")
        if path.suffix.lower() == ".json":
            return json.loads(text, object_pairs_hook=_no_duplicates)
        loader = _StrictLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except _Unusual:
        raise
    except (OSError, ValueError, yaml.YAMLError, RecursionError) as error:
        raise _Unusual from error


def _parse_fast(path: Path) -> Parsed | None:
    """The file parsed and shape-checked without positions, or None when anything is off."""
    try:
        data = _read(path)
    except _Unusual:
        return None
    if not isinstance(data, dict):
        return None
    kind = detect_kind(data)
    if kind not in MODELS:
        return None
    try:
        model = MODELS[kind].model_validate(data)
    except ValidationError:
        return None
    return Parsed(str(path), Document(str(path), data), model)  # type: ignore[arg-type]


def check_fast(path: Path, resolver: Resolver) -> Checked:
    """Validate one file completely, quickly when it is clean, located when it is not.

    The result equals :func:`caf.validation.loader.check` of :func:`~caf.validation.loader.parse`
    (the same model, framework and issues); only clean files skip the position map.
    """
    parsed = _parse_fast(path)
    if parsed is not None:
        checked = check(parsed, resolver)
        if not checked.issues:
            return checked
    return check(parse(path), resolver)
