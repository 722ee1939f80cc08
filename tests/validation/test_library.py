"""The library: search order, versions, role sets and catalogs found by id."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import ROOT, write

from caf.errors import InvalidInputError, NotFoundError
from caf.validation.library import Library, version_key

if TYPE_CHECKING:
    from pathlib import Path

FRAMEWORK = """\
kind: framework
id: local
version: "{version}"
title: Local {version}
perspectives:
  - id: P
    title: P
    capabilities:
      - id: C
        title: C
        practices: [{{id: x, title: x, question: x?}}]
"""


def test_version_order_is_natural() -> None:
    versions = ["1.10", "1.9", "2.0-beta", "1.2", "10"]
    assert sorted(versions, key=version_key) == ["1.2", "1.9", "1.10", "2.0-beta", "10"]


def test_newest_version_unless_one_is_named(tmp_path: Path) -> None:
    for version in ("1.9", "1.10"):
        write(tmp_path / f"local-{version}.yaml", FRAMEWORK.format(version=version))
    library = Library([tmp_path])
    assert library.framework("local").version == "1.10"
    assert library.framework("local@1.9").version == "1.9"
    with pytest.raises(NotFoundError, match=r"found: 1\.9, 1\.10"):
        library.framework("local@2")


def test_unknown_framework_suggests_a_near_name() -> None:
    with pytest.raises(NotFoundError, match="did you mean 'starter'"):
        Library().framework("stater")


def test_user_folders_come_before_shipped(tmp_path: Path) -> None:
    text = (ROOT / "frameworks" / "examples" / "starter.yaml").read_text()
    write(
        tmp_path / "starter.yaml",
        text.replace("title: Starter AI governance checklist", "title: Our own starter"),
    )
    assert Library([tmp_path]).framework("starter@1.0").title == "Our own starter"
    assert Library().framework("starter@1.0").title == "Starter AI governance checklist"


def test_invalid_framework_raises_with_its_issues(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", FRAMEWORK.format(version="1").replace("title: P", "titel: P"))
    with pytest.raises(InvalidInputError) as caught:
        Library([tmp_path]).framework("local")
    assert any("titel" in issue.message for issue in caught.value.issues)


def test_role_set_is_merged_and_checked(tmp_path: Path) -> None:
    write(
        tmp_path / "roles.yaml",
        "kind: roles\nid: team-roles\nversion: '1'\ntitle: R\n"
        "roles: [{id: owner, title: Owner, description: Owns it.}]\n",
    )
    text = (
        FRAMEWORK.format(version="1")
        .replace("title: Local 1\n", "title: Local 1\nrole_set: team-roles\n")
        .replace("question: x?", "question: x?, raci: {accountable: owner}")
    )
    write(tmp_path / "fw.yaml", text)
    library = Library([tmp_path])
    framework = library.framework("local")
    assert [role.id for role in framework.roles] == ["owner"]
    checked = library.check_file(tmp_path / "fw.yaml")
    assert checked.ok
    write(tmp_path / "fw.yaml", text.replace("role_set: team-roles", "role_set: team-rolez"))
    checked = Library([tmp_path]).check_file(tmp_path / "fw.yaml")
    assert not checked.ok
    assert "did you mean 'team-roles'" in checked.issues[0].message
    assert checked.issues[0].line == 5


def test_shipped_catalogs_are_found(library: Library) -> None:
    assert set(library.catalogs()) >= {"nist-ai-rmf", "iso-42001", "owasp-llm-2025", "eu-ai-act"}
