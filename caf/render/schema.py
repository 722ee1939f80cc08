"""JSON Schemas of caf's file kinds, for editor completion and other tools.

The schemas are generated from the models (each field's docstring becomes its description) and
committed under ``frameworks/schema/``; a test fails when a committed copy is stale.
"""

from __future__ import annotations

import json
from typing import Any

from caf.models.kinds import MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect pydantic generates."""

KINDS = tuple(MODELS)
"""The kinds that have a schema: framework, profile, catalog, assessment, roles."""


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of caf file."""
    schema = MODELS[kind].model_json_schema(mode="validation")
    return {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **schema}


def schema_text(kind: str) -> str:
    """The schema as the text committed in ``frameworks/schema/`` (stable, ends in a newline)."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def schema_filename(kind: str) -> str:
    """The committed schema's file name."""
    return f"{kind}.schema.json"
