from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import write

from caf.errors import InvalidInputError
from caf.scoring.batch import score_files

if TYPE_CHECKING:
    from pathlib import Path

    from caf.validation.library import Library

GOOD = """kind: assessment
framework: {id: starter, version: "1.0"}
subject: {name: %s}
round: {label: R1}
answers: {}
"""


def test_every_bad_file_is_reported_and_nothing_scored_unless_skipping(
    tmp_path: Path, library: Library
) -> None:
    write(tmp_path / "a.yaml", GOOD % "A")
    write(tmp_path / "b.yaml", GOOD % "B")
    write(tmp_path / "c.yaml", "kind: assessment\nframework: [\n")
    write(tmp_path / "d.yaml", (GOOD % "D").replace("answers: {}", "answers: {NOPE: {level: 1}}"))
    with pytest.raises(InvalidInputError) as caught:
        score_files([tmp_path], library)
    located = {((i.file or "").rsplit("/", 1)[-1], i.line is not None) for i in caught.value.issues}
    assert ("c.yaml", True) in located
    assert ("d.yaml", True) in located
    results = score_files([tmp_path], library, skip_invalid=True)
    assert [card.subject.name for card in results.scorecards] == ["A", "B"]
    assert len(results.portfolios) == 1


def test_skipping_with_no_good_file_still_fails(tmp_path: Path, library: Library) -> None:
    write(tmp_path / "c.yaml", "kind: assessment\nframework: [\n")
    with pytest.raises(InvalidInputError):
        score_files([tmp_path], library, skip_invalid=True)
