"""Helpers for tests: small frameworks and assessments built in code, files, outside programs."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from caf.models.assessment import Assessment
from caf.models.framework import Framework

ROOT = Path(__file__).parents[1]
"""The repository's top folder."""
DATA = Path(__file__).parent / "data"


def updating_golden() -> bool:
    """True when golden files are being rewritten (``--update-golden`` or CAF_UPDATE_GOLDEN=1)."""
    return os.environ.get("CAF_UPDATE_GOLDEN") == "1"


FORMULA_PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
]
"""Text a spreadsheet would run as a formula if it were ever written as one."""


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


_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice(
    files: list[Path], out: Path, to: str, *, profile: Path | None = None, timeout: float = 600
) -> list[Path]:
    """Convert each file with headless LibreOffice into ``out`` (``to``: ``xlsx``, ``pdf``…).

    A private profile keeps parallel runs apart; pass one prepared with settings to change how
    files are opened. Fails when a file was not converted.
    """
    soffice = needs_program("soffice")
    profile = profile or out / "lo-profile"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    suffix = "." + to.split(":", 1)[0]
    converted = [out / f.with_suffix(suffix).name for f in files]
    missing = [p for p in converted if not p.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return converted


def libreoffice_convert(files: list[Path], out: Path) -> list[Path]:
    """Open each workbook in LibreOffice, recalculate every formula, and save it as xlsx.

    LibreOffice normally trusts the cached values in an xlsx file; a private profile tells it
    to recalculate on load, so the values read back are LibreOffice's own.
    """
    profile = out / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS)
    return libreoffice(files, out / "converted", "xlsx", profile=profile)


def undocumented(source: str) -> list[str]:
    """``Class.field`` for every annotated class field not followed by a string literal."""
    missing = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        body = node.body
        for position, statement in enumerate(body):
            if not isinstance(statement, ast.AnnAssign) or not isinstance(
                statement.target, ast.Name
            ):
                continue
            after = body[position + 1] if position + 1 < len(body) else None
            documented = (
                isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
                and after.value.value.strip()
            )
            if not documented:
                missing.append(f"{node.name}.{statement.target.id}")
    return missing


SENTINEL = "PWNED"
"""What hostile text would set the page title to if it ever ran."""
HOSTILE = {
    "script": f"<script>document.title='{SENTINEL}'</script>",
    "style": f"</style><img src=x onerror=\"document.title='{SENTINEL}'\">",
    "jinja": "{{ 7*7 }}{% if true %}J{% endif %}",
    "link": "javascript:alert(1)",
    "rtl": "\u202eevil\u202c \u200fmark",
}
HOSTILE_TEXT = " ".join(HOSTILE.values())
"""Every hostile text, in one string."""


def hostile_assessment() -> str:
    """The starter assessment with every kind of hostile text wherever users write text."""
    quoted = HOSTILE_TEXT.replace("\\", "\\\\").replace('"', '\\"')
    text = (
        (DATA / "pack" / "starter-2026-Q2.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "{name: Payments Platform, id: payments}",
            f'{{name: "{quoted}", id: evil, business_unit: "{quoted}"}}',
        )
        .replace("label: 2026-Q2", f'label: "{quoted}"')
    )
    text = text.replace('notes: "Policy drafted for retail only."', f'notes: "{quoted}"')
    text = text.replace("owner: Priya Raman", f'owner: "{quoted}", evidence: ["{quoted}"]')
    return text.replace(
        "na_reason: No customer-facing model output in scope.", f'na_reason: "{quoted}"'
    )
