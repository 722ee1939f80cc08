"""Rules that cross a model's tree.

Unique ids, known roles, references that resolve, levels on the scale, answers that match the
framework. Each check is a pure function from models to issues. An issue carries the data path
of what it is about; the loader turns the path into ``file:line:col``. Nothing stops early.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from caf.errors import LISTED_PER_CODE, Code, DataPath, Issue, Severity, has_errors
from caf.models.framework import digest
from caf.validation.messages import suggest

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping

    from caf.models.assessment import Answer, Assessment
    from caf.models.catalog import Catalog
    from caf.models.framework import Framework, Practice, Retired, Scale


def _practice_paths(framework: Framework) -> Iterator[tuple[Practice, DataPath]]:
    for p, perspective in enumerate(framework.perspectives):
        for c, capability in enumerate(perspective.capabilities):
            for k, practice in enumerate(capability.practices):
                yield practice, ("perspectives", p, "capabilities", c, "practices", k)


def check_framework(framework: Framework, catalogs: Mapping[str, Catalog]) -> list[Issue]:
    """Every cross-tree problem of a framework: ids, roles, scale, catalog references."""
    return [
        *_check_ids(framework),
        *_check_roles(framework),
        *_check_scale_use(framework),
        *_check_references(framework, catalogs),
        *_check_empty(framework),
    ]


def _check_ids(framework: Framework) -> Iterator[Issue]:
    seen: dict[str, str] = {}

    def claim(item_id: str, what: str, path: DataPath) -> Iterator[Issue]:
        if item_id in seen:
            yield Issue(
                Code.DUPLICATE_ID,
                f"{what} id {item_id!r} is already used by a {seen[item_id]}; ids must be "
                "unique across perspectives, capabilities and practices",
                path=path,
            )
        else:
            seen[item_id] = what

    for p, perspective in enumerate(framework.perspectives):
        yield from claim(perspective.id, "perspective", ("perspectives", p, "id"))
        for c, capability in enumerate(perspective.capabilities):
            cap_path: DataPath = ("perspectives", p, "capabilities", c)
            yield from claim(capability.id, "capability", (*cap_path, "id"))
            for k, practice in enumerate(capability.practices):
                yield from claim(practice.id, "practice", (*cap_path, "practices", k, "id"))
    roles: set[str] = set()
    for r, role in enumerate(framework.roles):
        if role.id in roles:
            yield Issue(
                Code.DUPLICATE_ID, f"role id {role.id!r} is defined twice", path=("roles", r, "id")
            )
        roles.add(role.id)
    for r, retired in enumerate(framework.retired):
        if retired.id in seen:
            yield Issue(
                Code.DUPLICATE_ID,
                f"retired id {retired.id!r} is in use again; retired ids are never reused",
                path=("retired", r, "id"),
            )


def _unknown_role(role_id: str, known: list[str], path: DataPath, what: str) -> Issue:
    return Issue(
        Code.UNKNOWN_ROLE,
        f"{what}: unknown role {role_id!r}{suggest(role_id, known)}; define it under roles",
        path=path,
    )


def _check_roles(framework: Framework) -> Iterator[Issue]:
    known = [role.id for role in framework.roles]
    for p, perspective in enumerate(framework.perspectives):
        for s, role_id in enumerate(perspective.stakeholders):
            if role_id not in known:
                yield _unknown_role(
                    role_id,
                    known,
                    ("perspectives", p, "stakeholders", s),
                    f"perspective {perspective.id} stakeholders",
                )
    for practice, path in _practice_paths(framework):
        raci = practice.raci
        if raci.accountable is not None and raci.accountable not in known:
            yield _unknown_role(
                raci.accountable,
                known,
                (*path, "raci", "accountable"),
                f"practice {practice.id} accountable",
            )
        for name in ("responsible", "consulted", "informed"):
            for i, role_id in enumerate(getattr(raci, name)):
                if role_id not in known:
                    yield _unknown_role(
                        role_id, known, (*path, "raci", name, i), f"practice {practice.id} {name}"
                    )


def _check_scale_use(framework: Framework) -> Iterator[Issue]:
    scale = framework.scale
    for practice, path in _practice_paths(framework):
        for value in practice.rubric:
            if scale.level(value) is None:
                yield Issue(
                    Code.LEVEL_OFF_SCALE,
                    f"practice {practice.id}: rubric level {value} is not on the scale "
                    f"{scale.describe()}",
                    path=(*path, "rubric", value),
                )
        if practice.target is not None and scale.level(practice.target) is None:
            yield Issue(
                Code.LEVEL_OFF_SCALE,
                f"practice {practice.id}: target {practice.target} is not on the scale "
                f"{scale.describe()}",
                path=(*path, "target"),
            )


def _check_references(framework: Framework, catalogs: Mapping[str, Catalog]) -> Iterator[Issue]:
    for practice, path in _practice_paths(framework):
        for i, reference in enumerate(practice.references):
            where = (*path, "references", i)
            catalog = catalogs.get(reference.catalog)
            if catalog is None:
                yield Issue(
                    Code.UNKNOWN_CATALOG,
                    f"practice {practice.id}: no catalog {reference.catalog!r} is on the "
                    f"search path{suggest(reference.catalog, sorted(catalogs))}",
                    path=(*where, "catalog"),
                )
            elif catalog.item(reference.id) is None:
                ids = [item.id for item in catalog.items]
                yield Issue(
                    Code.UNKNOWN_REFERENCE,
                    f"practice {practice.id}: {reference.id!r} is not in catalog "
                    f"{catalog.id}{suggest(reference.id, ids)}",
                    path=(*where, "id"),
                )


def _check_empty(framework: Framework) -> Iterator[Issue]:
    for p, perspective in enumerate(framework.perspectives):
        if not perspective.capabilities:
            yield Issue(
                Code.EMPTY,
                f"perspective {perspective.id} has no capabilities",
                Severity.WARNING,
                path=("perspectives", p),
            )
        for c, capability in enumerate(perspective.capabilities):
            if not capability.practices:
                yield Issue(
                    Code.EMPTY,
                    f"capability {capability.id} has no practices",
                    Severity.WARNING,
                    path=("perspectives", p, "capabilities", c),
                )


_DIGESTS: dict[int, tuple[Framework, str]] = {}
"""Digests of the frameworks seen, by identity (the framework is kept, so its id stays its own)."""


def framework_digest(framework: Framework) -> str:
    """The framework's digest, computed once per framework object (models are frozen)."""
    known = _DIGESTS.get(id(framework))
    if known is None or known[0] is not framework:
        known = _DIGESTS[id(framework)] = (framework, digest(framework))
    return known[1]


def _retired_answer(framework: Framework, retired: Retired, path: DataPath) -> Issue:
    """A warning for an answer to a retired practice: not scored, and where its content went."""
    moved = ", ".join(retired.replaced_by)
    where = (
        f"; its content is now asked by {moved}: move the answer there"
        if moved
        else "; remove the answer"
    )
    return Issue(
        Code.RETIRED_PRACTICE,
        f"answer for practice {retired.id}, which {framework.ref} retired "
        f"({retired.reason.rstrip('.')}) and no longer scores{where}",
        Severity.WARNING,
        path=path,
    )


def _reference_issues(assessment: Assessment, framework: Framework) -> list[Issue]:
    """Whether the assessment answers this framework, this version and this content."""
    ref = assessment.framework
    if ref.id != framework.id:
        return [
            Issue(
                Code.UNKNOWN_FRAMEWORK,
                f"the assessment answers framework {ref.id!r}, not {framework.id!r}",
                path=("framework", "id"),
            )
        ]
    if ref.version != framework.version:
        return [
            Issue(
                Code.VERSION_MISMATCH,
                f"the assessment answers version {ref.version} of {framework.id}; "
                f"it is scored against version {framework.version}",
                Severity.WARNING,
                path=("framework", "version"),
            )
        ]
    if ref.digest is not None and ref.digest != framework_digest(framework):
        return [
            Issue(
                Code.DIGEST_MISMATCH,
                f"the content of {framework.ref} has changed since this assessment was "
                "made; it is scored against the current content",
                Severity.WARNING,
                path=("framework", "digest"),
            )
        ]
    return []


def _answer_issues(practice_id: str, answer: Answer, scale: Scale, path: DataPath) -> list[Issue]:
    """Levels on the scale, and a reason for every N/A."""
    issues = [
        Issue(
            Code.LEVEL_OFF_SCALE,
            f"answer {practice_id}: {name} {value} is not on the scale {scale.describe()}",
            path=(*path, name),
        )
        for name in ("level", "target")
        if (value := getattr(answer, name)) is not None and scale.level(value) is None
    ]
    if answer.na and not (answer.na_reason or "").strip():
        issues.append(
            Issue(
                Code.NA_WITHOUT_REASON,
                f"answer {practice_id}: marked N/A without a reason",
                Severity.WARNING,
                path=(*path, "na"),
            )
        )
    return issues


def check_assessment(
    assessment: Assessment, framework: Framework, excluded: Collection[str] = ()
) -> list[Issue]:
    """Problems of an assessment against the framework it answers.

    ``excluded`` are the practices the profile behind ``framework`` leaves out: an answer for
    one is reported as excluded, not as unknown. An answer for a retired practice is a warning
    that names its successors; it is not scored.
    """
    issues = _reference_issues(assessment, framework)
    if has_errors(issues):
        return issues
    known = framework.practice_ids()
    known_set = set(known)
    retired = {r.id: r for r in framework.retired}
    unknown = 0
    for practice_id, answer in assessment.answers.items():
        path: DataPath = ("answers", practice_id)
        if practice_id in excluded:
            issues.append(
                Issue(
                    Code.EXCLUDED_PRACTICE,
                    f"answer for practice {practice_id}, which the profile {framework.ref} "
                    "excludes; remove the answer or use the framework it tailors",
                    path=path,
                )
            )
        elif practice_id in retired:
            issues.append(_retired_answer(framework, retired[practice_id], path))
        elif practice_id not in known_set:
            # Suggestions cost a fuzzy match each; only the issues that will be listed get one.
            unknown += 1
            hint = suggest(practice_id, known) if unknown <= LISTED_PER_CODE else ""
            issues.append(
                Issue(
                    Code.UNKNOWN_PRACTICE,
                    f"answer for unknown practice {practice_id!r}{hint}",
                    path=path,
                )
            )
        else:
            issues += _answer_issues(practice_id, answer, framework.scale, path)
    return issues
