"""Models as YAML text that caf (and people) read back exactly."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from pydantic import BaseModel


class _Dumper(yaml.SafeDumper):
    """Safe YAML, block style, multi-line text as literal blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Literal blocks keep notes readable. The emitter falls back to a double-quoted scalar by
    # itself where a block cannot hold the text exactly (trailing spaces, control characters).
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_model(model: BaseModel, *, header: str = "") -> str:
    """The model as YAML: defaults left out, except ``kind``, which goes first."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    kind = getattr(model, "kind", None)
    if kind is not None:
        data = {"kind": kind, **data}
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return header + text
