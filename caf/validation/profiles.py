"""Resolve a profile against the framework it extends into a plain framework.

A profile excludes ids, overrides weight / target / critical, and adds roles, perspectives,
capabilities and practices. Overrides of target and critical cascade: set on a perspective they
apply to every practice below it, unless a capability or practice sets its own. The result is an
ordinary :class:`~caf.models.framework.Framework`; nothing downstream knows it came from a profile.

Problems are reported with paths into the profile file. Cross-tree checks run afterwards on the
resolved framework; :attr:`Resolution.origins` maps what was added back to where the profile
wrote it, so those issues point at the profile's own lines too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import ValidationError

from caf.errors import Code, DataPath, Issue
from caf.models.framework import Capability, Framework, Perspective, Practice
from caf.validation.messages import suggest

if TYPE_CHECKING:
    from caf.models.profile import Override, Profile


@dataclass
class Resolution:
    """The outcome of resolving a profile."""

    framework: Framework | None
    """The resolved framework; None when the profile has errors that prevent building it."""

    issues: list[Issue] = field(default_factory=list)
    """Problems, with paths into the profile."""

    origins: dict[DataPath, DataPath] = field(default_factory=dict)
    """Path prefixes in the resolved framework → where the profile wrote that content."""

    def origin(self, path: DataPath) -> DataPath:
        """Where a path of the resolved framework stands in the profile (``()`` if inherited)."""
        for end in range(len(path), 0, -1):
            found = self.origins.get(path[:end])
            if found is not None:
                return (*found, *path[end:])
        return ()


def _known_ids(profile: Profile, base: Framework) -> tuple[set[str], set[str]]:
    """Perspective ids and capability ids after additions, and all ids."""
    perspectives = {p.id for p in base.perspectives} | {p.id for p in profile.add.perspectives}
    capabilities = {c.id for _, c in base.capabilities()}
    for perspective in profile.add.perspectives:
        capabilities |= {c.id for c in perspective.capabilities}
    for added in profile.add.capabilities.values():
        capabilities |= {c.id for c in added}
    return perspectives, capabilities


def _all_ids(profile: Profile, base: Framework) -> list[str]:
    ids = [p.id for p in base.perspectives] + [c.id for _, c in base.capabilities()]
    ids += base.practice_ids()
    for perspective in profile.add.perspectives:
        ids.append(perspective.id)
        for capability in perspective.capabilities:
            ids += [capability.id, *(practice.id for practice in capability.practices)]
    for capabilities in profile.add.capabilities.values():
        for capability in capabilities:
            ids += [capability.id, *(practice.id for practice in capability.practices)]
    for practices in profile.add.practices.values():
        ids += [practice.id for practice in practices]
    return ids


def _check_targets(profile: Profile, base: Framework) -> list[Issue]:
    issues = []
    for item_id, override in profile.override.items():
        if override.target is not None and base.scale.level(override.target) is None:
            issues.append(
                Issue(
                    Code.LEVEL_OFF_SCALE,
                    f"override {item_id}: target {override.target} is not on the "
                    f"scale {base.scale.describe()}",
                    path=("override", item_id, "target"),
                )
            )
    return issues


def _check_names(profile: Profile, base: Framework) -> list[Issue]:
    """Excludes, overrides and additions must name something that exists."""
    issues = _check_targets(profile, base)
    perspectives, capabilities = _known_ids(profile, base)
    ids = _all_ids(profile, base)
    known = set(ids)
    for i, item_id in enumerate(profile.exclude):
        if item_id not in known:
            issues.append(
                Issue(
                    Code.UNKNOWN_ID,
                    f"exclude: {base.ref} has no {item_id!r}{suggest(item_id, ids)}",
                    path=("exclude", i),
                )
            )
    for item_id in profile.override:
        if item_id not in known:
            issues.append(
                Issue(
                    Code.UNKNOWN_ID,
                    f"override: {base.ref} has no {item_id!r}{suggest(item_id, ids)}",
                    path=("override", item_id),
                )
            )
    for perspective_id in profile.add.capabilities:
        if perspective_id not in perspectives:
            issues.append(
                Issue(
                    Code.UNKNOWN_ID,
                    f"add capabilities: there is no perspective {perspective_id!r}"
                    f"{suggest(perspective_id, sorted(perspectives))}",
                    path=("add", "capabilities", perspective_id),
                )
            )
    for capability_id in profile.add.practices:
        if capability_id not in capabilities:
            issues.append(
                Issue(
                    Code.UNKNOWN_ID,
                    f"add practices: there is no capability {capability_id!r}"
                    f"{suggest(capability_id, sorted(capabilities))}",
                    path=("add", "practices", capability_id),
                )
            )
    return issues


@dataclass(frozen=True)
class _Cascade:
    """Target and critical handed down from a perspective or capability override."""

    target: int | None = None
    critical: bool | None = None

    def below(self, override: Override | None) -> _Cascade:
        if override is None:
            return self
        return _Cascade(
            self.target if override.target is None else override.target,
            self.critical if override.critical is None else override.critical,
        )


class _Builder:
    """Builds the resolved tree and records where added content came from."""

    def __init__(self, profile: Profile, levels: tuple[int, ...]) -> None:
        self.profile = profile
        self.levels = levels
        self.excluded = set(profile.exclude)
        self.origins: dict[DataPath, DataPath] = {}

    def weight(self, item_id: str, weight: float) -> float:
        override = self.profile.override.get(item_id)
        return weight if override is None or override.weight is None else override.weight

    def practice(self, practice: Practice, cascade: _Cascade) -> Practice:
        inherited = cascade.below(self.profile.override.get(practice.id))
        update: dict[str, object] = {"weight": self.weight(practice.id, practice.weight)}
        if inherited.target is not None and inherited.target in self.levels:
            update["target"] = inherited.target
        if inherited.critical is not None:
            update["critical"] = inherited.critical
        return practice.model_copy(update=update)

    def capability(self, capability: Capability, cascade: _Cascade, path: DataPath) -> Capability:
        cascade = cascade.below(self.profile.override.get(capability.id))
        practices: list[Practice] = []
        added = self.profile.add.practices.get(capability.id, [])
        own = [(p, None) for p in capability.practices]
        extra = [(p, j) for j, p in enumerate(added)]
        for practice, j in own + extra:
            if practice.id in self.excluded:
                continue
            if j is not None:
                self.origins[(*path, "practices", len(practices))] = (
                    "add",
                    "practices",
                    capability.id,
                    j,
                )
            practices.append(self.practice(practice, cascade))
        return capability.model_copy(
            update={"weight": self.weight(capability.id, capability.weight), "practices": practices}
        )

    def perspective(self, perspective: Perspective, path: DataPath) -> Perspective:
        cascade = _Cascade().below(self.profile.override.get(perspective.id))
        capabilities: list[Capability] = []
        added = self.profile.add.capabilities.get(perspective.id, [])
        own = [(c, None) for c in perspective.capabilities]
        extra = [(c, j) for j, c in enumerate(added)]
        for capability, j in own + extra:
            if capability.id in self.excluded:
                continue
            where = (*path, "capabilities", len(capabilities))
            if j is not None:
                self.origins[where] = ("add", "capabilities", perspective.id, j)
            capabilities.append(self.capability(capability, cascade, where))
        return perspective.model_copy(
            update={
                "weight": self.weight(perspective.id, perspective.weight),
                "capabilities": capabilities,
            }
        )

    def perspectives(self, base: Framework) -> list[Perspective]:
        result: list[Perspective] = []
        own = [(p, None) for p in base.perspectives]
        extra = [(p, i) for i, p in enumerate(self.profile.add.perspectives)]
        for perspective, i in own + extra:
            if perspective.id in self.excluded:
                continue
            where: DataPath = ("perspectives", len(result))
            if i is not None:
                self.origins[where] = ("add", "perspectives", i)
            result.append(self.perspective(perspective, where))
        return result


def resolve(profile: Profile, base: Framework) -> Resolution:
    """The plain framework a profile describes, with every problem of the profile."""
    issues = _check_names(profile, base)
    # Build even when names are wrong: an unknown id matches nothing, so the rest of the profile
    # can still be checked and every problem reported in one run.
    builder = _Builder(profile, base.scale.values)
    perspectives = builder.perspectives(base)
    origins = dict(builder.origins)
    for r in range(len(profile.add.roles)):
        origins[("roles", len(base.roles) + r)] = ("add", "roles", r)
    try:
        framework = Framework(
            id=profile.id,
            version=profile.version,
            title=profile.title,
            description=profile.description or base.description,
            source=base.source,
            based_on=base.ref,
            scale=base.scale,
            default_target=(
                base.default_target if profile.default_target is None else profile.default_target
            ),
            risk=base.risk,
            roles=[*base.roles, *profile.add.roles],
            perspectives=perspectives,
            retired=base.retired,
        )
    except ValidationError as error:
        # Only the values the profile itself sets can fail here (the base was valid).
        problems = [
            Issue(
                Code.INVALID_VALUE,
                str(detail["msg"]).removeprefix("Value error, "),
                path=("default_target",)
                if "default_target" in str(detail["msg"])
                else ("perspectives",),
            )
            for detail in error.errors(include_url=False)
        ]
        return Resolution(None, issues + problems, origins)
    return Resolution(framework, issues, origins)
