"""The library: every framework, profile and catalog on the search path, found by id.

The search path is the folders a user names (``--path``), then the frameworks shipped with
caf. The first file that declares an ``id@version`` wins, so a team can put its own copy in
front of a shipped one. Files are read once and kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from caf.errors import Code, InvalidInputError, Issue, NotFoundError
from caf.models.base import content_ref
from caf.models.catalog import Catalog
from caf.models.framework import Framework, RoleSet
from caf.models.kinds import detect_kind
from caf.resources import data_dir
from caf.validation.loader import SUFFIXES, Checked, check, parse
from caf.validation.messages import suggest

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from caf.validation.loader import Parsed

_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "schema"})
_FRAMEWORK_KINDS = frozenset({"framework", "profile"})
_LIBRARY_KINDS = frozenset({"framework", "profile", "catalog", "roles"})


@dataclass(frozen=True)
class Entry:
    """A framework, profile or catalog file found on the search path."""

    kind: str
    """``framework``, ``profile``, ``catalog`` or ``roles``."""

    id: str
    """Its id."""

    version: str
    """Its version."""

    title: str
    """Its title."""

    path: Path
    """Where it is."""

    shipped: bool
    """True for files that come with caf."""

    extends: str | None = None
    """For a profile, what it extends."""

    @property
    def ref(self) -> str:
        """``id@version``."""
        return content_ref(self.id, self.version)


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Order versions naturally: ``1.10`` after ``1.9``, numbers before words."""
    parts = re.findall(r"\d+|[A-Za-z]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def source_files(roots: Iterable[Path]) -> Iterator[Path]:
    """Every YAML or JSON file under the roots, in a stable order, JSON Schemas left out."""
    for root in roots:
        if root.is_file():
            yield root
            continue
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root).parts
            if any(part.startswith(".") or part in _SKIPPED_DIRS for part in relative[:-1]):
                continue
            if path.suffix.lower() in SUFFIXES and not path.name.endswith(".schema.json"):
                yield path


class Library:
    """Frameworks, profiles and catalogs on a search path, resolved on demand."""

    def __init__(self, paths: Iterable[Path] = (), *, shipped: bool = True) -> None:
        """Search ``paths`` (folders or files) first, then caf's shipped frameworks."""
        self.roots: list[tuple[Path, bool]] = [(Path(p), False) for p in paths]
        if shipped:
            self.roots.append((data_dir("frameworks"), True))
        self._parsed: dict[Path, Parsed] = {}
        self._entries: list[Entry] | None = None
        self._frameworks: dict[str, Framework] = {}
        self._catalogs: dict[str, Catalog] | None = None
        self._resolving: list[str] = []

    def parsed(self, path: Path) -> Parsed:
        """The file read and shape-checked (once)."""
        key = path.resolve()
        if key not in self._parsed:
            self._parsed[key] = parse(path)
        return self._parsed[key]

    def entries(self) -> list[Entry]:
        """Every framework, profile and catalog on the search path (first of an id@version)."""
        if self._entries is None:
            found: dict[tuple[str, str, str], Entry] = {}
            for root, shipped in self.roots:
                for path in source_files([root]):
                    entry = self._entry(path, shipped=shipped)
                    if entry is not None:
                        found.setdefault((entry.kind, entry.id, entry.version), entry)
            self._entries = list(found.values())
        return self._entries

    def _entry(self, path: Path, *, shipped: bool) -> Entry | None:
        parsed = self.parsed(path)
        data = parsed.document.data if parsed.document is not None else None
        kind = detect_kind(data)
        if not isinstance(data, dict) or kind not in _LIBRARY_KINDS:
            return None
        item_id, version = data.get("id"), data.get("version")
        if not isinstance(item_id, str) or not isinstance(version, str | int | float):
            return None
        extends = data.get("extends")
        return Entry(
            kind,
            item_id,
            str(version),
            str(data.get("title", item_id)),
            path,
            shipped,
            extends if isinstance(extends, str) else None,
        )

    def catalogs(self) -> dict[str, Catalog]:
        """Every valid catalog on the search path, by id (the first of each id)."""
        if self._catalogs is None:
            self._catalogs = {}
            for entry in self.entries():
                model = self.parsed(entry.path).model
                if entry.kind == "catalog" and isinstance(model, Catalog):
                    self._catalogs.setdefault(entry.id, model)
        return self._catalogs

    def find(self, ref: str, kinds: frozenset[str] = _FRAMEWORK_KINDS) -> Entry:
        """The file of one of ``kinds`` that is ``id@version``, or the newest version of ``id``."""
        item_id, _, version = ref.partition("@")
        candidates = [e for e in self.entries() if e.kind in kinds and e.id == item_id]
        if version:
            exact = [e for e in candidates if e.version == version]
            if exact:
                return exact[0]
        elif candidates:
            return max(candidates, key=lambda e: version_key(e.version))
        if candidates:
            versions = ", ".join(sorted({e.version for e in candidates}, key=version_key))
            raise NotFoundError(
                f"{item_id!r} has no version {version!r} on the search path (found: {versions})"
            )
        what = "role set" if kinds == {"roles"} else "framework"
        known = sorted({e.id for e in self.entries() if e.kind in kinds})
        raise NotFoundError(
            f"no {what} {item_id!r} on the search path{suggest(item_id, known)}"
            f"; known: {', '.join(known) or 'none'}"
        )

    def role_set(self, ref: str) -> RoleSet:
        """The role set ``id@version`` (or the newest ``id``).

        Raises:
            NotFoundError: nothing on the search path has that id and version.
            InvalidInputError: the file has errors.
        """
        entry = self.find(ref, frozenset({"roles"}))
        checked = self.check_file(entry.path)
        if not checked.ok or not isinstance(checked.parsed.model, RoleSet):
            raise InvalidInputError(checked.issues, str(entry.path))
        return checked.parsed.model

    def framework(self, ref: str) -> Framework:
        """The resolved framework for ``id@version`` (or the newest ``id``).

        Raises:
            NotFoundError: nothing on the search path has that id and version.
            InvalidInputError: the file (or a profile's base) has errors.
        """
        entry = self.find(ref)
        if entry.ref in self._frameworks:
            return self._frameworks[entry.ref]
        if entry.ref in self._resolving:
            chain = " -> ".join([*self._resolving, entry.ref])
            issue = Issue(
                Code.PROFILE_CYCLE,
                f"profiles extend each other in a circle: {chain}",
                file=str(entry.path),
            )
            raise InvalidInputError([issue], str(entry.path))
        self._resolving.append(entry.ref)
        try:
            checked = self.check_file(entry.path)
        finally:
            self._resolving.pop()
        if not checked.ok or checked.framework is None:
            raise InvalidInputError(checked.issues, str(entry.path))
        self._frameworks[entry.ref] = checked.framework
        return checked.framework

    def lineage(self, framework: Framework) -> list[str]:
        """``id@version`` of the framework and of everything it was tailored from, in order."""
        refs = [framework.ref]
        current = framework
        while current.based_on is not None and current.based_on not in refs:
            current = self.framework(current.based_on)
            refs.append(current.ref)
        return refs

    def check_file(self, path: Path) -> Checked:
        """Validate one file completely against everything on the search path."""
        return check(self.parsed(path), self)

    def frameworks(self) -> list[Entry]:
        """Frameworks and profiles on the search path, by id and version."""
        items = [e for e in self.entries() if e.kind in {"framework", "profile"}]
        return sorted(items, key=lambda e: (e.id, version_key(e.version)))
