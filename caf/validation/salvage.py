"""Patch a document that failed shape validation just enough to run the cross-tree checks.

A file with a typo in one key should still get its duplicate ids and unknown roles reported in
the same run, so users fix everything at once. Each value pydantic rejected is replaced by the
field's default (or a neutral stand-in of the right type) and each unknown key is dropped; the
positions of everything else stay the same, so the paths of later issues still point at the
right lines. The patched model is only ever used to find more issues, never to score.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from caf.validation.messages import clean_path, model_at

if TYPE_CHECKING:
    from caf.errors import DataPath

_MISSING = object()
_STAND_INS: tuple[object, ...] = ("x0", 0, False, [], {})


def _stand_in(owner: type[BaseModel], name: str) -> object:
    """The field's default, else the first neutral value its type accepts, else _MISSING."""
    field = owner.model_fields.get(name)
    if field is None:
        return _MISSING
    if not field.is_required():
        return field.get_default(call_default_factory=True)
    # Annotated needs at least one piece of metadata; a plain field is checked as its type.
    annotated: Any = (
        Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
    )
    adapter: TypeAdapter[Any] = TypeAdapter(annotated)
    for candidate in _STAND_INS:
        try:
            adapter.validate_python(candidate)
        except ValidationError:
            continue
        return candidate
    return _MISSING


def _patch(data: object, root: type[BaseModel], path: DataPath, *, drop: bool) -> bool:
    """Patch the value at ``path`` in place; False when that cannot be done safely."""
    if not path:
        return False
    parent: Any = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = path[-1]
    if isinstance(parent, dict):
        owner = model_at(root, path[:-1])
        if drop or owner is None:
            # An unknown key, or an entry of a plain mapping (an answer): removing it shifts
            # nothing else.
            parent.pop(last, None)
            return True
        value = _stand_in(owner, str(last))
        if value is _MISSING:
            return False
        if isinstance(value, BaseModel):
            value = value.model_dump()
        parent[last] = value
        return True
    return False


def salvage(data: object, error: ValidationError, root: type[BaseModel]) -> BaseModel | None:
    """A model of ``data`` with every rejected value patched, or None when that is not possible."""
    patched = copy.deepcopy(data)
    for detail in error.errors(include_url=False):
        path, _ = clean_path(detail["loc"], root)
        if not _patch(patched, root, path, drop=detail["type"] == "extra_forbidden"):
            return None
    try:
        return root.model_validate(patched)
    except ValidationError:
        return None
