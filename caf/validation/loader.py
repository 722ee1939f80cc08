"""Files to validated models, with every problem located at ``file:line:col``.

Two steps. :func:`parse` reads a file and checks its shape against the model of its kind
(framework, profile, catalog or assessment). :func:`check` then applies the rules that need
other files — a profile's base, a framework's catalogs, the framework an assessment answers —
which it asks a :class:`Resolver` for (the :class:`~caf.validation.library.Library` is one).
Both steps collect every issue; neither stops at the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from pydantic import ValidationError

from caf.errors import (
    CafError,
    Code,
    DataPath,
    InvalidInputError,
    Issue,
    NotFoundError,
    has_errors,
)
from caf.models.assessment import Assessment
from caf.models.base import content_ref
from caf.models.framework import Framework, RoleSet
from caf.models.kinds import MODELS, AnyModel, detect_kind
from caf.models.profile import Profile
from caf.validation.checks import check_assessment, check_framework
from caf.validation.document import Document, read_document
from caf.validation.messages import clean_path, issues_from_validation, suggest
from caf.validation.profiles import resolve
from caf.validation.salvage import salvage

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from caf.models.catalog import Catalog

SUFFIXES = (".yaml", ".yml", ".json")
"""File endings caf reads."""


@dataclass
class Parsed:
    """A file read and checked for shape."""

    file: str
    """The file name for messages."""

    document: Document | None = None
    """The located data; None when the file could not be read."""

    model: AnyModel | None = None
    """The model; None when the file has shape errors."""

    issues: list[Issue] = field(default_factory=list)
    """Problems found so far, located."""

    rejected: list[DataPath] = field(default_factory=list)
    """Paths of values the model rejected; the model was salvaged around them."""

    def is_rejected(self, path: DataPath) -> bool:
        """True when ``path`` is at or below a rejected value (already reported)."""
        return any(path[: len(bad)] == bad for bad in self.rejected)

    @property
    def usable(self) -> bool:
        """True when the model was read without errors (not salvaged)."""
        return self.model is not None and not has_errors(self.issues)

    @property
    def kind(self) -> str | None:
        """The kind of file, when known."""
        return None if self.document is None else detect_kind(self.document.data)


def parse(path: Path, display: str | None = None) -> Parsed:
    """Read a file and validate its shape against the model of its kind."""
    document, issues = read_document(path, display=display)
    parsed = Parsed(display if display is not None else str(path), document, None, list(issues))
    if document is None or has_errors(issues):
        return parsed
    if not isinstance(document.data, dict):
        parsed.issues.append(
            document.locate(
                Issue(
                    Code.WRONG_TYPE, "the file must be a mapping of keys to values at the top level"
                )
            )
        )
        return parsed
    kind = detect_kind(document.data)
    if kind not in MODELS:
        choices = ", ".join(MODELS)
        message = (
            f"unknown kind {kind!r}{suggest(str(kind), list(MODELS))}; expected one of {choices}"
            if kind is not None
            else f"cannot tell what this file is; add 'kind:' with one of {choices}"
        )
        parsed.issues.append(document.locate(Issue(Code.UNKNOWN_KIND, message, path=("kind",))))
        return parsed
    model_class = MODELS[kind]
    try:
        parsed.model = model_class.model_validate(document.data)  # type: ignore[assignment]
    except ValidationError as error:
        parsed.issues.extend(issues_from_validation(error, model_class, document))
        parsed.rejected = [clean_path(detail["loc"], model_class)[0] for detail in error.errors()]
        parsed.model = salvage(document.data, error, model_class)  # type: ignore[assignment]
    return parsed


class Resolver(Protocol):
    """What checking needs from the rest of the world: other frameworks and the catalogs."""

    def framework(self, ref: str) -> Framework:
        """The resolved framework ``id@version`` (or newest ``id``).

        Raises NotFoundError when there is none, InvalidInputError when it has errors.
        """

    def catalogs(self) -> Mapping[str, Catalog]:
        """Every valid catalog on the search path, by id."""

    def role_set(self, ref: str) -> RoleSet:
        """The role set ``id@version`` (or newest ``id``).

        Raises NotFoundError when there is none, InvalidInputError when it has errors.
        """


@dataclass
class Checked:
    """A file fully validated: its model, the framework it stands for, and every issue."""

    parsed: Parsed
    """The shape-checked file."""

    framework: Framework | None = None
    """The resolved framework: the file, a resolved profile, or what an assessment answers."""

    issues: list[Issue] = field(default_factory=list)
    """Every issue, located."""

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not has_errors(self.issues)


def _base_issue(error: CafError, key: str) -> Issue:
    """The issue for a framework that a profile or assessment names but cannot have."""
    message = str(error)
    if isinstance(error, InvalidInputError):
        first = next((issue for issue in error.issues if issue.is_error), None)
        message = f"the framework named here has errors; fix it first (first error: {first})"
    code = Code.UNKNOWN_FRAMEWORK if key == "framework" else Code.UNKNOWN_BASE
    return Issue(code, message, path=(key,))


def _answered_framework(model: Assessment, resolver: Resolver) -> Framework:
    """The framework an assessment answers: its exact version, else the newest of that id."""
    try:
        return resolver.framework(content_ref(model.framework.id, model.framework.version))
    except NotFoundError:
        return resolver.framework(model.framework.id)


def _excluded(framework: Framework, resolver: Resolver) -> frozenset[str]:
    """Practice ids of the frameworks a profile tailors that the resolved profile left out."""
    ids: set[str] = set()
    seen = {framework.ref}
    current = framework
    while current.based_on is not None and current.based_on not in seen:
        seen.add(current.based_on)
        try:
            current = resolver.framework(current.based_on)
        except CafError:
            break  # the base is reported where the profile itself is checked
        ids.update(current.practice_ids())
    return frozenset(ids - set(framework.practice_ids()))


def _framework_issues(model: Framework, resolver: Resolver) -> tuple[list[Issue], Framework | None]:
    """Check a framework with the roles of its role set merged in."""
    if model.role_set is None:
        return check_framework(model, resolver.catalogs()), model
    try:
        shared = resolver.role_set(model.role_set)
    except CafError as error:
        return [_base_issue(error, "role_set")], None
    merged = model.model_copy(update={"roles": [*shared.roles, *model.roles]})
    count = len(shared.roles)

    def origin(path: DataPath) -> DataPath:
        # Roles of the set come first in the merged list; point at the file's own roles.
        if len(path) >= 2 and path[0] == "roles" and isinstance(path[1], int):  # noqa: PLR2004
            return ("role_set",) if path[1] < count else ("roles", path[1] - count, *path[2:])
        return path

    found = check_framework(merged, resolver.catalogs())
    return [replace(issue, path=origin(issue.path)) for issue in found], merged


def _cross_issues(parsed: Parsed, resolver: Resolver) -> tuple[list[Issue], Framework | None]:
    """Issues that need other files (paths not yet located), and the framework stood for."""
    model = parsed.model
    if isinstance(model, Framework):
        return _framework_issues(model, resolver)
    if isinstance(model, Profile):
        try:
            base = resolver.framework(model.extends)
        except CafError as error:
            return [_base_issue(error, "extends")], None
        resolution = resolve(model, base)
        if resolution.framework is None:
            return resolution.issues, None
        found = check_framework(resolution.framework, resolver.catalogs())
        moved = [replace(issue, path=resolution.origin(issue.path)) for issue in found]
        return resolution.issues + moved, resolution.framework
    if isinstance(model, Assessment):
        try:
            framework = _answered_framework(model, resolver)
        except CafError as error:
            return [_base_issue(error, "framework")], None
        return check_assessment(model, framework, _excluded(framework, resolver)), framework
    return [], None


def check(parsed: Parsed, resolver: Resolver) -> Checked:
    """Apply the rules that need other files, and locate every issue in the file.

    A file with shape errors is still checked (on its salvaged model), but issues at or below
    a value already reported are left out, and no framework is handed on.
    """
    checked = Checked(parsed, issues=list(parsed.issues))
    if parsed.model is None or parsed.document is None:
        return checked
    found, framework = _cross_issues(parsed, resolver)
    checked.issues += [
        parsed.document.locate(issue) for issue in found if not parsed.is_rejected(issue.path)
    ]
    checked.framework = framework if parsed.usable else None
    return checked
