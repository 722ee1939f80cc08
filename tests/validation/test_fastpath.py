from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import write

from caf.validation.fastpath import _parse_fast, check_fast
from caf.validation.loader import check, parse

if TYPE_CHECKING:
    from pathlib import Path

    from caf.validation.library import Library

HEAD = """kind: assessment
framework: {id: starter, version: "1.0"}
subject: {name: Team}
round: {label: R1}
"""


def _same(path: Path, library: Library) -> None:
    fast, slow = check_fast(path, library), check(parse(path), library)
    assert fast.issues == slow.issues
    assert fast.parsed.model == slow.parsed.model
    assert (fast.framework is None) == (slow.framework is None)


@pytest.mark.parametrize(
    "body",
    [
        "answers: {}\n",
        # Problems: located exactly as the ordinary path locates them.
        "answers:\n  NOPE.01: {level: 3}\n",
        "answers:\n  x: {level: 99}\n",
        "subject: {name: Other}\n",  # duplicate key
        "extra: &a [1, 2]\nmore: *a\n",  # alias
        "answers: !!python/object:os.system {}\n",  # tag
        "answers: [\n",  # syntax
        "answers:\n  ? [1, 2]\n  : 3\n",  # a list as a key
    ],
)
def test_fast_path_gives_the_same_result_as_the_located_path(
    tmp_path: Path, library: Library, body: str
) -> None:
    _same(write(tmp_path / "a.yaml", HEAD + body), library)


def test_fast_path_is_taken_only_for_clean_files(tmp_path: Path, library: Library) -> None:
    framework = library.framework("starter")
    practice_id = framework.practice_ids()[0]
    clean = write(tmp_path / "a.yaml", HEAD + f"answers:\n  {practice_id}: {{level: 2}}\n")
    assert _parse_fast(clean) is not None
    assert check_fast(clean, library).ok
    for name, body in [
        ("dup.yaml", "subject: {name: Other}\n"),
        ("alias.yaml", "extra: &a [1]\nmore: *a\n"),
        ("tag.yaml", "x: !!set {a: null}\n"),
    ]:
        assert _parse_fast(write(tmp_path / name, HEAD + body)) is None


def test_json_duplicate_keys_take_the_located_path(tmp_path: Path, library: Library) -> None:
    path = write(
        tmp_path / "a.json",
        '{"kind": "assessment", "kind": "assessment", "framework": {"id": "starter", '
        '"version": "1.0"}, "subject": {"name": "T"}, "round": {"label": "R"}}',
    )
    assert _parse_fast(path) is None
    _same(path, library)
