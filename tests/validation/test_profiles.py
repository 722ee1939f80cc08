"""Profiles: extends with exclude / override / add resolves to a plain framework."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import make_framework, practice, write

from caf.errors import Code, InvalidInputError
from caf.models.framework import Framework, digest
from caf.models.profile import Profile
from caf.validation.library import Library
from caf.validation.profiles import resolve

if TYPE_CHECKING:
    from pathlib import Path


def base() -> Framework:
    return make_framework(
        [
            {
                "id": "P",
                "title": "P",
                "capabilities": [
                    {
                        "id": "C1",
                        "title": "C1",
                        "practices": [practice("a"), practice("b", target=2)],
                    },
                    {"id": "C2", "title": "C2", "practices": [practice("c", critical=True)]},
                ],
            },
            {
                "id": "Q",
                "title": "Q",
                "capabilities": [{"id": "C3", "title": "C3", "practices": [practice("d")]}],
            },
        ]
    )


def profile(**fields: object) -> Profile:
    return Profile.model_validate(
        {"id": "tailored", "version": "2", "title": "Tailored", "extends": "t@1", **fields}
    )


def test_exclude_override_add() -> None:
    result = resolve(
        profile(
            exclude=["b", "Q"],
            override={"a": {"weight": 3, "critical": True}, "C2": {"weight": 2}},
            add={
                "practices": {"C1": [practice("e")]},
                "capabilities": {"P": [{"id": "C9", "title": "C9", "practices": [practice("f")]}]},
                "perspectives": [{"id": "R", "title": "R", "capabilities": []}],
            },
        ),
        base(),
    )
    assert result.issues == []
    fw = result.framework
    assert fw is not None
    assert (fw.id, fw.version, fw.based_on) == ("tailored", "2", "t@1")
    assert fw.practice_ids() == ["a", "e", "c", "f"]
    assert [p.id for p in fw.perspectives] == ["P", "R"]
    practices = {p.id: p for _, _, p in fw.practices()}
    assert (practices["a"].weight, practices["a"].critical) == (3, True)
    assert fw.perspectives[0].capabilities[1].weight == 2
    # where the added content came from, for locating issues in the profile file
    assert result.origin(("perspectives", 0, "capabilities", 0, "practices", 1, "id")) == (
        "add",
        "practices",
        "C1",
        0,
        "id",
    )
    assert result.origin(("perspectives", 0, "capabilities", 2)) == ("add", "capabilities", "P", 0)
    assert result.origin(("perspectives", 0, "capabilities", 0, "practices", 0)) == ()


def test_target_and_critical_cascade_most_specific_wins() -> None:
    result = resolve(
        profile(
            override={
                "P": {"target": 4, "critical": True},
                "C2": {"critical": False},
                "b": {"target": 5},
            }
        ),
        base(),
    )
    fw = result.framework
    assert fw is not None
    got = {p.id: (p.target, p.critical) for _, _, p in fw.practices()}
    assert got == {"a": (4, True), "b": (5, True), "c": (4, False), "d": (None, False)}


def test_unknown_ids_are_reported_with_suggestions() -> None:
    result = resolve(
        profile(
            exclude=["bb"],
            override={"C4": {"weight": 1}},
            add={"practices": {"C7": [practice("z")]}},
        ),
        base(),
    )
    messages = [issue.message for issue in result.issues]
    assert all(issue.code is Code.UNKNOWN_ID for issue in result.issues)
    assert len(messages) == 3
    assert "did you mean 'b'" in messages[0]
    assert result.issues[0].path == ("exclude", 0)


def test_default_target_can_be_changed() -> None:
    fw = resolve(profile(default_target=4), base()).framework
    assert fw is not None
    assert fw.default_target == 4


def test_digest_is_stable_and_content_sensitive() -> None:
    one, two = base(), base()
    assert digest(one) == digest(two)
    assert digest(one).startswith("sha256:")
    tailored = resolve(profile(override={"a": {"weight": 2}}), base()).framework
    assert tailored is not None
    assert digest(tailored) != digest(one)


def test_digest_does_not_depend_on_key_order_or_machine() -> None:
    # The same content written with keys in another order: same digest.
    a = Framework.model_validate(
        {
            "id": "d",
            "version": "1",
            "title": "T",
            "perspectives": [{"id": "P", "title": "P", "capabilities": []}],
        }
    )
    b = Framework.model_validate(
        {
            "perspectives": [{"capabilities": [], "title": "P", "id": "P"}],
            "title": "T",
            "version": "1",
            "id": "d",
        }
    )
    assert digest(a) == digest(b)
    # A literal digest pins the canonical form: if this changes, every assessment's digest does.
    assert digest(a) == "sha256:6290bc3fa6cc18a2311eea6f1fe6a888e50486444a672644a12b37ed14ca0c22"


PROFILE_TEXT = """\
kind: profile
id: strict-starter
version: "1"
title: Strict starter
extends: {extends}
override:
  SEC: {{target: 4, critical: true}}
"""


def test_profiles_on_the_search_path_resolve_and_chain(tmp_path: Path) -> None:
    write(tmp_path / "strict.yaml", PROFILE_TEXT.format(extends="starter@1.0"))
    write(
        tmp_path / "stricter.yaml",
        PROFILE_TEXT.format(extends="strict-starter@1").replace(
            "id: strict-starter", "id: stricter"
        ),
    )
    library = Library([tmp_path])
    fw = library.framework("stricter")
    assert fw.based_on == "strict-starter@1"
    sec = [p for persp, _, p in fw.practices() if persp.id == "SEC"]
    assert all(p.target == 4 and p.critical for p in sec)


def test_profile_cycle_is_an_error_not_a_hang(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", PROFILE_TEXT.format(extends="b@1").replace("strict-starter", "a"))
    write(tmp_path / "b.yaml", PROFILE_TEXT.format(extends="a@1").replace("strict-starter", "b"))
    with pytest.raises(InvalidInputError) as caught:
        Library([tmp_path]).framework("a")
    assert "circle" in str(caught.value.issues)
