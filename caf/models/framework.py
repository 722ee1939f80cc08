"""Framework and profile models: the facts of a governance framework, with no I/O.

A framework is a tree: perspectives hold capabilities, capabilities hold practices, and a
practice is one question asked in a workshop. Rules that concern a single value (a scale in
order, an id's spelling) are checked here; rules that cross the tree (unique ids, known roles,
references that resolve) are checked in :mod:`caf.validation.checks`, so that every problem
is reported at once with its location.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import Field, StringConstraints, field_validator, model_validator

from caf.models.base import Identifier, Model, Published, Slug, Source, Text, Weight

if TYPE_CHECKING:
    from collections.abc import Iterator

FRAMEWORK_REF_PATTERN = r"^[a-z0-9][a-z0-9\-]*(@[A-Za-z0-9][A-Za-z0-9._/\-]*)?$"
"""``id`` or ``id@version``: how one framework names another."""


class CapabilityKind(StrEnum):
    """How the Cloud Adoption Framework for AI marks a capability."""

    NEW = "new"
    ENRICHED = "enriched"
    BASE = "base"


class Layer(StrEnum):
    """The layer of the generative-AI stack a practice concerns."""

    INFRASTRUCTURE = "infrastructure"
    MODEL_ACCESS = "model-access"
    APPLICATION = "application"


class Component(StrEnum):
    """The component of an AI system a practice protects."""

    INPUT = "input"
    MODEL = "model"
    OUTPUT = "output"


class Relation(StrEnum):
    """How a practice relates to the item of another framework it references."""

    EQUAL = "equal"
    SUBSET = "subset"
    SUPERSET = "superset"
    INTERSECTS = "intersects"


class Level(Model):
    """One level of a maturity scale."""

    value: int = Field(ge=0, le=100)
    """The number scored for this level."""

    name: Text
    """A short name, such as ``Defined``."""

    description: Text
    """What this level means in general; a practice's rubric says what it means there."""


DEFAULT_LEVELS: tuple[Level, ...] = (
    Level(value=0, name="Not started", description="Nothing is in place yet."),
    Level(
        value=1, name="Initial", description="Done ad hoc, by individuals, when someone remembers."
    ),
    Level(
        value=2,
        name="Repeatable",
        description="Done the same way each time by some teams, not yet written down for all.",
    ),
    Level(
        value=3,
        name="Defined",
        description="Written down, owned, and followed across the organisation.",
    ),
    Level(
        value=4,
        name="Measured",
        description="Tracked with metrics and reviewed; gaps are acted on.",
    ),
    Level(
        value=5,
        name="Optimizing",
        description="Improved continuously from measurements and lessons learned.",
    ),
)


class Scale(Model):
    """The ordered maturity levels a framework scores against."""

    levels: list[Level] = Field(
        default_factory=lambda: list(DEFAULT_LEVELS), min_length=2, max_length=11
    )
    """The levels, lowest first; values must rise strictly."""

    @field_validator("levels")
    @classmethod
    def _ascending(cls, levels: list[Level]) -> list[Level]:
        values = [level.value for level in levels]
        if any(b <= a for a, b in itertools.pairwise(values)):
            raise ValueError(f"level values must rise strictly, lowest first; got {values}")
        return levels

    @property
    def values(self) -> tuple[int, ...]:
        """The level values, lowest first."""
        return tuple(level.value for level in self.levels)

    @property
    def lowest(self) -> int:
        """The lowest level value."""
        return self.levels[0].value

    @property
    def highest(self) -> int:
        """The highest level value."""
        return self.levels[-1].value

    def level(self, value: int) -> Level | None:
        """The level with this value, if the scale has it."""
        return next((level for level in self.levels if level.value == value), None)

    def describe(self) -> str:
        """The scale as a range, for messages: ``0–5``."""
        return f"{self.lowest}\u2013{self.highest}"


class RiskRules(Model):
    """Gap thresholds that turn a practice's gap into a risk rating (docs/scoring.md)."""

    high_gap: int = Field(default=2, ge=1)
    """A gap of at least this many levels is HIGH risk."""

    critical_high_gap: int = Field(default=1, ge=1)
    """For a critical practice, a gap of at least this many levels is HIGH risk."""

    medium_gap: int = Field(default=1, ge=1)
    """A gap of at least this many levels (and below the HIGH threshold) is MEDIUM risk."""


class Role(Model):
    """Someone who owns, does, advises on or is told about practices."""

    id: Slug
    """How practices and perspectives refer to the role."""

    title: Text
    """The role's name, such as ``Chief Information Security Officer``."""

    description: Text
    """What the role is responsible for in AI adoption."""


class RoleSet(Published):
    """Roles shared by several frameworks, kept in one file so they are described once."""

    kind: Literal["roles"] = "roles"
    """What this file is."""

    roles: list[Role] = Field(min_length=1)
    """The roles."""


class Raci(Model):
    """Who is accountable, responsible, consulted and informed for a practice (role ids)."""

    accountable: Slug | None = None
    """The one role that answers for the practice."""

    responsible: list[Slug] = Field(default_factory=list)
    """Roles that do the work."""

    consulted: list[Slug] = Field(default_factory=list)
    """Roles whose advice is sought."""

    informed: list[Slug] = Field(default_factory=list)
    """Roles kept up to date."""

    def roles(self) -> Iterator[tuple[str, str]]:
        """Every (RACI letter name, role id) pair, accountable first."""
        if self.accountable is not None:
            yield "accountable", self.accountable
        for name in ("responsible", "consulted", "informed"):
            for role in getattr(self, name):
                yield name, role


class Reference(Model):
    """A crosswalk link from a practice to an item of another framework's catalog."""

    catalog: Slug
    """The catalog id, such as ``nist-ai-rmf``."""

    id: Text
    """The item id inside that catalog, such as ``GOVERN 1.1``."""

    relation: Relation = Relation.INTERSECTS
    """How the practice relates to the item."""


type_tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9\-]*$", max_length=64)]


class Practice(Model):
    """The assessable unit: one question asked in the workshop, scored on the scale."""

    id: Identifier
    """Globally unique, stable, human-readable id such as ``SEC.DP.01``; never reused."""

    title: Text
    """A short name for tables and charts."""

    question: Text
    """The question a facilitator asks aloud."""

    guidance: str = ""
    """What to look for and why it matters."""

    rubric: dict[int, Text] = Field(default_factory=dict)
    """What the practice looks like at each level; a level left out falls back to the scale."""

    weight: Weight = 1.0
    """Relative weight inside its capability."""

    critical: bool = False
    """A critical practice is HIGH risk as soon as it is below target and counts double in the
    action plan."""

    target: int | None = None
    """The level this practice should reach; the framework's default target when unset."""

    tags: list[type_tag] = Field(default_factory=list)
    """Topics, such as ``encryption``, ``mfa``, ``monitoring``, ``prompt-injection``."""

    layer: Layer | None = None
    """The layer of the generative-AI stack this practice concerns."""

    component: Component | None = None
    """The component of an AI system this practice protects."""

    raci: Raci = Field(default_factory=Raci)
    """Who owns the practice."""

    evidence: list[Text] = Field(default_factory=list)
    """Examples of what proves a level: documents, dashboards, logs, records."""

    aws_evidence: list[Text] = Field(default_factory=list)
    """On AWS, where to look: the services, settings and reports that show the level (for
    example a Bedrock Guardrails configuration, KMS key policies, IAM Access Analyzer findings)."""

    references: list[Reference] = Field(default_factory=list)
    """Crosswalk links to catalog items of other frameworks."""


class Capability(Model):
    """A capability of a perspective: a group of related practices."""

    id: Identifier
    """Unique, stable id such as ``SEC.DP``."""

    title: Text
    """The capability's name."""

    description: str = ""
    """What the capability covers."""

    kind: CapabilityKind | None = None
    """For CAF-based frameworks: whether CAF for AI adds it (``new``), extends it (``enriched``)
    or keeps it unchanged (``base``)."""

    weight: Weight = 1.0
    """Relative weight inside its perspective."""

    practices: list[Practice] = Field(default_factory=list)
    """The practices, in workshop order."""


class Perspective(Model):
    """A perspective of the framework (Business, People, Governance, ...)."""

    id: Identifier
    """Unique, stable id such as ``SEC``."""

    title: Text
    """The perspective's name."""

    description: str = ""
    """What the perspective covers and whom it speaks to."""

    stakeholders: list[Slug] = Field(default_factory=list)
    """Role ids of the people to invite when this perspective is discussed."""

    weight: Weight = 1.0
    """Relative weight in the overall score."""

    capabilities: list[Capability] = Field(default_factory=list)
    """The capabilities, in workshop order."""


class Retired(Model):
    """A practice id that was removed from the framework; ids are never reused."""

    id: Identifier
    """The retired practice id."""

    reason: Text
    """Why it was removed."""

    replaced_by: list[Identifier] = Field(default_factory=list)
    """Practices that took over its content, if any."""


class Framework(Published):
    """A governance framework: a scale, roles, and perspectives of capabilities of practices."""

    kind: Literal["framework"] = "framework"
    """What this file is."""

    source: Source | None = None
    """What the framework is based on."""

    based_on: str | None = Field(default=None, pattern=FRAMEWORK_REF_PATTERN)
    """For a framework resolved from a profile: the ``id@version`` it was tailored from."""

    role_set: str | None = Field(default=None, pattern=FRAMEWORK_REF_PATTERN)
    """A shared role set (``id@version`` of a ``kind: roles`` file) whose roles this uses."""

    scale: Scale = Field(default_factory=Scale)
    """The maturity scale; 0 Not started to 5 Optimizing when unset."""

    default_target: int = 3
    """The target level of a practice that sets none."""

    risk: RiskRules = Field(default_factory=RiskRules)
    """Gap thresholds for risk ratings."""

    roles: list[Role] = Field(default_factory=list)
    """Roles that practices and perspectives refer to, besides those of the role set."""

    perspectives: list[Perspective] = Field(min_length=1)
    """The perspectives, in order."""

    retired: list[Retired] = Field(default_factory=list)
    """Practice ids removed from earlier versions."""

    @model_validator(mode="after")
    def _target_on_scale(self) -> Self:
        if self.scale.level(self.default_target) is None:
            raise ValueError(
                f"default_target {self.default_target} is not a level of the scale "
                f"{self.scale.describe()}"
            )
        return self

    def capabilities(self) -> Iterator[tuple[Perspective, Capability]]:
        """Every capability with its perspective, in framework order."""
        for perspective in self.perspectives:
            for capability in perspective.capabilities:
                yield perspective, capability

    def practices(self) -> Iterator[tuple[Perspective, Capability, Practice]]:
        """Every practice with its perspective and capability, in framework order."""
        for perspective, capability in self.capabilities():
            for practice in capability.practices:
                yield perspective, capability, practice

    def practice_ids(self) -> list[str]:
        """Practice ids in framework order."""
        return [practice.id for _, _, practice in self.practices()]

    def role(self, role_id: str) -> Role | None:
        """The role with this id, if the framework has it."""
        return next((role for role in self.roles if role.id == role_id), None)

    def target_of(self, practice: Practice) -> int:
        """The practice's own target, or the framework's default."""
        return self.default_target if practice.target is None else practice.target

    def rubric_text(self, practice: Practice, value: int) -> str:
        """What the practice looks like at a level, falling back to the scale's description."""
        text = practice.rubric.get(value)
        if text is not None:
            return text
        level = self.scale.level(value)
        return level.description if level is not None else ""


def digest(framework: Framework) -> str:
    """A stable content digest: the same content gives the same digest on any machine.

    The framework is dumped to JSON with sorted keys and no insignificant white space, then
    hashed with SHA-256. Everything in the model counts, including wording and order.
    """
    data = framework.model_dump(mode="json")
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
