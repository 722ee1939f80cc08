"""The kinds of caf file and the model that holds each."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from caf.models.assessment import Assessment
from caf.models.catalog import Catalog
from caf.models.framework import Framework, RoleSet
from caf.models.profile import Profile

if TYPE_CHECKING:
    from pydantic import BaseModel

AnyModel: TypeAlias = Framework | Profile | Catalog | Assessment | RoleSet
"""Any model a caf file can hold."""

MODELS: dict[str, type[BaseModel]] = {
    "framework": Framework,
    "profile": Profile,
    "catalog": Catalog,
    "assessment": Assessment,
    "roles": RoleSet,
}
"""The model of each kind of file, by the value of its ``kind`` key."""


def detect_kind(data: object) -> str | None:
    """The kind of a parsed file: its ``kind`` key, or what its keys make plain."""
    if not isinstance(data, dict):
        return None
    kind = data.get("kind")
    if isinstance(kind, str):
        return kind
    if "extends" in data:
        return "profile"
    if "answers" in data or "subject" in data:
        return "assessment"
    if "items" in data:
        return "catalog"
    if "perspectives" in data:
        return "framework"
    if "roles" in data:
        return "roles"
    return None
