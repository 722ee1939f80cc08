"""Validate files and load assessments, collecting every problem across every file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from caf.errors import Code, InvalidInputError, Issue, has_errors
from caf.models.assessment import Assessment
from caf.validation.library import Library, source_files

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from pathlib import Path

    from caf.models.framework import Framework
    from caf.validation.loader import Checked


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Issue]]:
    """The files named, and the YAML/JSON files under the folders named."""
    files: list[Path] = []
    issues: list[Issue] = []
    for path in paths:
        if path.is_dir():
            found = list(source_files([path]))
            if not found:
                issues.append(
                    Issue(
                        Code.FILE_NOT_FOUND, "no YAML or JSON files in this folder", file=str(path)
                    )
                )
            files += found
        else:
            files.append(path)
    return files, issues


@dataclass
class Report:
    """The outcome of validating several files."""

    files: list[Checked] = field(default_factory=list)
    """Each file, checked."""

    issues: list[Issue] = field(default_factory=list)
    """Every issue of every file (and of folders with nothing to check), in file order."""

    @property
    def ok(self) -> bool:
        """True when nothing has an error."""
        return not has_errors(self.issues)


def validate_paths(paths: Sequence[Path], search: Sequence[Path] = ()) -> Report:
    """Validate every file named or under a folder named, against the search path.

    The folders of the files themselves are on the search path too (after ``search``), so a
    profile finds the framework beside it and a framework finds its catalogs.
    """
    files, issues = expand(paths)
    roots = [*search, *dict.fromkeys(p.parent if p.is_file() else p for p in paths)]
    library = Library([root for root in roots if root.exists()])
    report = Report(issues=issues)
    for file in files:
        checked = library.check_file(file)
        report.files.append(checked)
        report.issues += sorted(checked.issues, key=lambda i: (i.line or 0, i.column or 0))
    return report


@dataclass
class Loaded:
    """Assessments that passed validation, with the frameworks they answer."""

    pairs: list[tuple[Assessment, Framework]]
    """Each assessment with its resolved framework, in file order."""

    warnings: list[Issue]
    """Warnings found on the way (errors would have raised)."""


def load_assessments(
    paths: Sequence[Path], library: Library, on_file: Callable[[Path], None] | None = None
) -> Loaded:
    """Every assessment under ``paths`` with the framework it answers.

    Raises:
        InvalidInputError: with every issue of every file, when any file has an error.
    """
    files, issues = expand(paths)
    pairs: list[tuple[Assessment, Framework]] = []
    for file in files:
        checked = library.check_file(file)
        if on_file is not None:
            on_file(file)
        issues += checked.issues
        model = checked.parsed.model
        if not checked.ok or checked.framework is None:
            continue
        if isinstance(model, Assessment):
            pairs.append((model, checked.framework))
        else:
            issues.append(
                Issue(
                    Code.UNKNOWN_KIND,
                    f"this is a {checked.parsed.kind}, not an assessment",
                    file=str(file),
                )
            )
    if has_errors(issues):
        raise InvalidInputError(issues, "the assessments")
    return Loaded(pairs, issues)
