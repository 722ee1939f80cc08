"""The fuzz suite: mutated workbooks, YAML and JSON get an answer from caf, never a traceback.

Every example runs what a command runs, in-process: ``caf import`` (the workbook reader),
``caf validate`` (parse and check against the shipped library) and ``caf score`` (scoring and
rendering what validated). An example passes when caf answers or refuses with a
:class:`~caf.errors.CafError`; any other exception is a traceback a user would have seen, and
an example that runs longer than :data:`HANG_SECONDS` is a hang. Both fail the test.

The quick run in the normal test command draws a few examples per test. The long run::

    CAF_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest -q -p no:cacheprovider tests/fuzz -s

draws that many per test (four tests: 20,000 cases) and prints the cases, time and peak memory.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import os
import resource
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import (
    data_recipes,
    dump,
    mutate_data,
    mutate_text,
    mutate_workbook,
    text_recipes,
    workbook_recipes,
)

from caf.errors import CafError
from caf.models.assessment import Assessment
from caf.render.jsondata import results_data
from caf.render.terminal import scorecard_text
from caf.scoring.scorecard import score
from caf.validation.library import Library
from caf.validation.loader import check, parse
from caf.validation.session import plan_session
from caf.xlsx.capture.fill import fill_capture
from caf.xlsx.capture.reader import import_workbook
from caf.xlsx.capture.writer import write_capture

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from caf.validation.session import Session

EXAMPLES = int(os.environ.get("CAF_FUZZ_EXAMPLES", "12"))
"""Examples per test; small in the normal test command, thousands in the long run."""

HANG_SECONDS = 30
"""An example running longer than this is reported as a hang."""

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_COUNTER = itertools.count()
_STATS: dict[str, float] = {"cases": 0, "refused": 0, "slowest": 0.0}


class HangError(Exception):
    """An example ran longer than HANG_SECONDS."""


@contextlib.contextmanager
def answered_in_time() -> Iterator[None]:
    """Fail the example as a hang when it runs too long; count it and its time."""

    def alarm(_signum: int, _frame: object) -> None:
        raise HangError(f"no answer within {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    start = time.perf_counter()
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        _STATS["cases"] += 1
        _STATS["slowest"] = max(_STATS["slowest"], time.perf_counter() - start)


def answers_or_refuses(run: Callable[[], object]) -> None:
    """Run one example: a result or a CafError are answers; anything else fails."""
    with answered_in_time():
        try:
            run()
        except CafError:
            _STATS["refused"] += 1


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder for the mutated files; prints the figures after a long run."""
    start = time.perf_counter()
    yield tmp_path_factory.mktemp("fuzz")
    if EXAMPLES >= 1000:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(  # noqa: T201 - the long run's report
            f"\nfuzz: {int(_STATS['cases'])} cases, {int(_STATS['refused'])} refused with "
            f"located errors, 0 tracebacks, 0 hangs; {time.perf_counter() - start:.0f} s; "
            f"slowest case {_STATS['slowest']:.2f} s; peak RSS {peak:.0f} MiB"
        )


@pytest.fixture(scope="module")
def shipped() -> Library:
    """The shipped frameworks, read once."""
    return Library()


class Original(bytes):
    """The bytes of the valid workbook, shown briefly when hypothesis reports an example."""

    def __repr__(self) -> str:
        return f"<valid workbook, {len(self):,} bytes>"


@pytest.fixture(scope="module")
def workbook_bytes(shipped: Library, folder: Path) -> bytes:
    """A starter capture workbook with some answers typed in."""
    session = plan_session(shipped, "starter", subject="Payments", round_label="2026-Q4")
    blank, filled = folder / "blank.xlsx", folder / "filled.xlsx"
    write_capture(blank, session.framework, session.assessment)
    ids = session.framework.practice_ids()
    answers = {
        ids[0]: {"level": 2, "notes": "said in the room", "evidence": ["a", "b"]},
        ids[1]: {"level": "n/a", "na_reason": "no models"},
        ids[2]: {"level": 3, "target": 4, "owner": "Sam", "due": "2027-01-31"},
    }
    fill_capture(
        blank, filled, Assessment.model_validate({**_assessment_data(session), "answers": answers})
    )
    return Original(filled.read_bytes())


def _assessment_data(session: Session) -> dict[str, Any]:
    return session.assessment.model_dump(mode="json", exclude_none=True)


@pytest.fixture(scope="module")
def assessment_data(shipped: Library) -> dict[str, Any]:
    """A valid starter assessment as plain data."""
    session = plan_session(shipped, "starter", subject="Payments", round_label="2026-Q4")
    data = _assessment_data(session)
    ids = session.framework.practice_ids()
    data["answers"] = {
        ids[0]: {"level": 2, "evidence": ["x"]},
        ids[1]: {"level": "n/a", "na_reason": "none"},
        ids[2]: {"level": 4, "target": 3},
    }
    data["participants"] = [{"name": "Ana", "role": "ciso"}]
    return data


@pytest.fixture(scope="module")
def framework_data() -> dict[str, Any]:
    """The starter framework as plain data."""
    path = Path(__file__).parents[2] / "frameworks" / "examples" / "starter.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _validate_and_score(path: Path, library: Library) -> None:
    """What ``caf validate`` and ``caf score`` do with one file."""
    checked = check(parse(path), library)
    model = checked.parsed.model
    str(checked.issues)
    [issue.as_dict() for issue in checked.issues]
    if checked.ok and isinstance(model, Assessment) and checked.framework is not None:
        card = score(checked.framework, model)
        scorecard_text(card)
        results_data([card], [])


def _file(folder: Path, suffix: str) -> Path:
    # A new name each time: the library caches parsed files by path.
    return folder / f"case-{next(_COUNTER)}{suffix}"


@FUZZ
@given(recipe=workbook_recipes)
def test_mutated_workbooks_are_answered(
    folder: Path, shipped: Library, workbook_bytes: bytes, recipe: tuple[Any, ...]
) -> None:
    path = _file(folder, ".xlsx")
    try:
        path.write_bytes(mutate_workbook(workbook_bytes, recipe))
    except (ValueError, OSError):  # the recipe could not be applied to this archive
        return
    answers_or_refuses(lambda: import_workbook(path, shipped))
    path.unlink()


@FUZZ
@given(recipes=data_recipes, as_json=st.booleans())
def test_mutated_assessments_are_answered(
    folder: Path,
    shipped: Library,
    assessment_data: dict[str, Any],
    recipes: list[tuple[Any, ...]],
    as_json: bool,
) -> None:
    data = mutate_data(copy.deepcopy(assessment_data), recipes)
    path = _file(folder, ".json" if as_json else ".yaml")
    path.write_text(dump(data, as_json=as_json), encoding="utf-8", errors="surrogatepass")
    answers_or_refuses(lambda: _validate_and_score(path, shipped))
    path.unlink()


@FUZZ
@given(recipes=data_recipes, as_json=st.booleans())
def test_mutated_frameworks_are_answered(
    folder: Path,
    shipped: Library,
    framework_data: dict[str, Any],
    recipes: list[tuple[Any, ...]],
    as_json: bool,
) -> None:
    data = mutate_data(copy.deepcopy(framework_data), recipes)
    path = _file(folder, ".json" if as_json else ".yaml")
    path.write_text(dump(data, as_json=as_json), encoding="utf-8", errors="surrogatepass")
    answers_or_refuses(lambda: _validate_and_score(path, shipped))
    path.unlink()


@FUZZ
@given(recipe=text_recipes, as_json=st.booleans())
def test_edited_text_is_answered(
    folder: Path,
    shipped: Library,
    assessment_data: dict[str, Any],
    recipe: tuple[Any, ...],
    as_json: bool,
) -> None:
    text = mutate_text(dump(assessment_data, as_json=as_json), recipe)
    path = _file(folder, ".json" if as_json else ".yaml")
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    answers_or_refuses(lambda: _validate_and_score(path, shipped))
    path.unlink()
