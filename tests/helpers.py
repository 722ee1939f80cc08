"""Helpers for tests: small frameworks and assessments built in code, files, outside programs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from caf.assessment import Assessment
from caf.framework import Framework

DATA = Path(__file__).parent / "data"


def needs_program(name: str) -> str:
    """The path of an outside program; skip (or fail when CI=true) when it is missing."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed; this test needs it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message} (CI=true, so it must be)")
        pytest.skip(message)
    return found


def practice(pid: str, **extra: Any) -> dict[str, Any]:
    """A minimal practice mapping."""
    return {"id": pid, "title": f"Practice {pid}", "question": f"Is {pid} done?", **extra}


def make_framework(perspectives: list[dict[str, Any]], **extra: Any) -> Framework:
    """A framework from plain mappings (no roles, default scale)."""
    return Framework.model_validate(
        {"id": "t", "version": "1", "title": "Test", "perspectives": perspectives, **extra}
    )


def make_assessment(
    framework: Framework,
    answers: dict[str, dict[str, Any]],
    *,
    subject: str = "Team",
    round_label: str = "R1",
    date: str | None = None,
) -> Assessment:
    """An assessment of ``framework`` with the given answers."""
    return Assessment.model_validate(
        {
            "framework": {"id": framework.id, "version": framework.version},
            "subject": {"name": subject},
            "round": {"label": round_label, "date": date},
            "answers": answers,
        }
    )


def write(path: Path, text: str) -> Path:
    """Write text (creating folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
