"""Read fast, locate on failure: the loader for many files at once.

Recording the line and column of every value (:mod:`caf.validation.document`) costs several
times the parse itself, and positions are only needed when a file has a problem. This path
parses YAML with PyYAML's C loader into plain data, validates the model and
applies the cross-file checks; the first sign of anything unusual — a problem, a duplicate
key, an alias, a tag, a non-text key, a value limit — sends the file down the ordinary,
located path instead, so every issue a user sees is the same as ever, with its position.

Nothing is cached: a file's data goes when the caller drops the result.
"""

from __future__ import annotations

import re
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


class _Unusual(Exception):  # noqa: N818 - a signal to take the located path, not an error
    """The file needs the located path."""


_UNUSUAL_TEXT = re.compile(r"(?:^|[\s\[{,])[&*!]|<<")
"""Anchors, aliases, tags and merge keys start like this (so may other text: that only costs
the located path). Refusing them keeps alias expansion, and its limits, to the located reader."""

_MAX_FAST_CHARS = 2 * MAX_VALUES
"""Below this length a document without aliases cannot hold more values than caf reads."""


class _StrictLoader(_BASE):  # type: ignore[misc]
    """The C loader, refusing a mapping that repeats a key (the located reader reports it)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:  # noqa: ANN401
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            raise _Unusual
        return mapping


def _text(path: Path) -> str:
    """The file's text, or :class:`_Unusual` when it is missing, huge or not UTF-8."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
        text = raw.decode("utf-8-sig") if raw is not None else None
    except (OSError, ValueError) as error:
        raise _Unusual from error
    if text is None or "\x00" in text:
        raise _Unusual
    return text


def _read(path: Path) -> object:
    """The file's data, or :class:`_Unusual` when the located reader should look at it."""
    # JSON goes the located way: YAML (which gives the positions) and the JSON module read
    # some numbers differently, and the fast path must give exactly what the located one does.
    if path.suffix.lower() == ".json":
        raise _Unusual
    text = _text(path)
    if len(text) > _MAX_FAST_CHARS or _UNUSUAL_TEXT.search(text):
        raise _Unusual
    try:
        loader = _StrictLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except (ValueError, yaml.YAMLError, RecursionError) as error:
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
