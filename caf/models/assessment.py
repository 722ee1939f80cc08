"""Assessment models: what a team answered for each practice of a framework, with no I/O."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, StrictInt, WithJsonSchema, model_validator

from caf.models.base import Label, Model, Slug, Text, Version

NA_SPELLINGS = frozenset({"n/a", "na", "not applicable"})
"""Ways of writing *not applicable* in a level cell or YAML level, compared in lower case."""

_LEVEL_SCHEMA = {
    "anyOf": [
        {"type": "integer"},
        {"type": "null"},
        {"type": "string", "pattern": "^\\s*([Nn]/?[Aa]|[Nn]ot [Aa]pplicable)\\s*$"},
    ],
}


class FrameworkRef(Model):
    """Which framework, exactly, an assessment answers."""

    id: Slug
    """The framework id."""

    version: Version
    """The framework version."""

    digest: str | None = None
    """The digest of the resolved framework the answers were given against."""


class Subject(Model):
    """The team or organisational unit assessed."""

    name: Label
    """The team's name as people say it."""

    id: Slug | None = None
    """A stable key for the subject across rounds; the name is used when unset."""

    scope: str | None = None
    """What is in scope: systems, products, use cases."""

    business_unit: str | None = None
    """The business unit the subject belongs to."""

    tags: list[str] = Field(default_factory=list)
    """Free labels for slicing a portfolio, such as a region."""

    @property
    def key(self) -> str:
        """The key that groups a subject's rounds together."""
        return self.id if self.id is not None else self.name


class Round(Model):
    """When the assessment took place."""

    label: Label
    """A label such as ``2026-Q4``."""

    date: dt.date | None = None
    """The date of the workshop; orders rounds (the label orders rounds without a date)."""


class Participant(Model):
    """Someone who took part in the workshop."""

    name: Text
    """The person's name."""

    role: str | None = None
    """Their role, in their own words or as a framework role id."""


class Answer(Model):
    """A team's answer for one practice."""

    # Strict: YAML 1.1 reads `yes`, `on` and `true` as booleans, which a lax int would take as 1.
    level: Annotated[StrictInt | None, WithJsonSchema(_LEVEL_SCHEMA)] = None
    """The level reached; empty when not yet answered. ``n/a`` is read as ``na: true``."""

    na: bool = False
    """The practice does not apply to this team."""

    na_reason: str | None = None
    """Why the practice does not apply."""

    target: StrictInt | None = None
    """The level this team aims for, when it differs from the practice target."""

    notes: str | None = None
    """What was said in the workshop."""

    evidence: list[str] = Field(default_factory=list)
    """Documents, links and records that support the level."""

    owner: str | None = None
    """Who owns closing the gap."""

    due: dt.date | None = None
    """When the gap should be closed."""

    @model_validator(mode="before")
    @classmethod
    def _na_as_level(cls, data: Any) -> Any:  # noqa: ANN401 - raw input before validation
        """Accept ``level: n/a`` as a way of writing ``na: true``."""
        if isinstance(data, dict):
            level = data.get("level")
            if isinstance(level, str) and level.strip().lower() in NA_SPELLINGS:
                return {**data, "level": None, "na": True}
        return data

    @model_validator(mode="after")
    def _na_or_level(self) -> Answer:
        if self.na and self.level is not None:
            raise ValueError("an answer is either N/A or has a level, not both")
        return self


class Assessment(Model):
    """What a team filled in for a framework in one round."""

    kind: Literal["assessment"] = "assessment"
    """What this file is."""

    framework: FrameworkRef
    """The framework answered."""

    subject: Subject
    """The team assessed."""

    round: Round
    """The round of the assessment."""

    facilitator: str | None = None
    """Who ran the workshop."""

    participants: list[Participant] = Field(default_factory=list)
    """Who took part."""

    answers: dict[str, Answer] = Field(default_factory=dict)
    """Answers by practice id; practices left out are unanswered."""
