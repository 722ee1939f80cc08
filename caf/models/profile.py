"""Profile models: a tailoring of another framework, resolved before use.

A profile excludes, overrides and adds; :mod:`caf.validation.profiles` turns it into a plain
framework, so nothing downstream knows a profile was involved.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from caf.models.base import Identifier, Model, Published, Weight
from caf.models.framework import FRAMEWORK_REF_PATTERN, Capability, Perspective, Practice, Role


class Override(Model):
    """Changes a profile makes to one perspective, capability or practice."""

    weight: Weight | None = None
    """A new weight for the item."""

    target: int | None = None
    """A new target; on a perspective or capability it applies to every practice below it."""

    critical: bool | None = None
    """Make practices critical or not; on a perspective or capability it applies to every
    practice below it."""

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.weight is None and self.target is None and self.critical is None:
            raise ValueError("an override needs at least one of weight, target or critical")
        return self


class Additions(Model):
    """What a profile adds to the framework it extends."""

    roles: list[Role] = Field(default_factory=list)
    """New roles."""

    perspectives: list[Perspective] = Field(default_factory=list)
    """New perspectives, appended after the existing ones."""

    capabilities: dict[Identifier, list[Capability]] = Field(default_factory=dict)
    """New capabilities, by the id of the perspective they join (appended at its end)."""

    practices: dict[Identifier, list[Practice]] = Field(default_factory=dict)
    """New practices, by the id of the capability they join (appended at its end)."""


class Profile(Published):
    """A tailoring of another framework; it resolves to a plain framework before use."""

    kind: Literal["profile"] = "profile"
    """What this file is."""

    extends: str = Field(pattern=FRAMEWORK_REF_PATTERN)
    """The framework or profile this one tailors, as ``id@version`` (or ``id`` for the newest)."""

    default_target: int | None = None
    """A new default target for practices that set none."""

    exclude: list[Identifier] = Field(default_factory=list)
    """Perspective, capability or practice ids to leave out."""

    override: dict[Identifier, Override] = Field(default_factory=dict)
    """Changes by perspective, capability or practice id."""

    add: Additions = Field(default_factory=Additions)
    """New roles, perspectives, capabilities and practices."""
