"""Screen and print checks: LibreOffice prints the demo's capture workbook to PDF, read back.

One LibreOffice run for the whole module (it is slow). Every page's header names the sheet
(the ``&A`` code), so pages are counted per sheet from the PDF's text; every page must name the
team and the round, and each sheet must fit a page count a person would print. The pages are
also rendered to PNG with ``pdftoppm``; set ``CAF_ARTEFACTS`` to a folder to keep the PDF and
the first page of every sheet for a reviewer (``docs/workbook/`` holds a committed set).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from helpers import libreoffice, needs_program

from caf.demo import run as run_demo
from caf.validation.library import Library
from caf.xlsx.capture.layout import SheetName
from caf.xlsx.capture.reader import import_workbook

pytestmark = pytest.mark.slow

_PRINTED = [SheetName.START, SheetName.ASSESS, SheetName.RUBRIC, SheetName.SCORECARD]
_PRINTED += [SheetName.NEXT_STEPS]


def render(workbook: Path, out: Path) -> Path:
    """Print a workbook to PDF with LibreOffice headless (cached values, as a user opens it)."""
    (pdf,) = libreoffice([workbook], out, "pdf")
    return pdf


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext keeps the page breaks as form feeds)."""
    pdftotext = needs_program("pdftotext")
    result = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return [page for page in result.stdout.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    needs_program("soffice")
    out = tmp_path_factory.mktemp("pages")
    run_demo(out / "demo", echo=lambda _: None)
    workbook = out / "demo" / "capture-filled.xlsx"
    pdf = render(workbook, out)
    return workbook, pdf, page_texts(pdf)


def sheet_of(page: str) -> str:
    """The sheet a page belongs to: the header's centre names it."""
    header = page.strip().splitlines()[0]
    return next(name for name in sorted(_PRINTED, key=len, reverse=True) if name in header)


def test_pages_per_sheet_headers_and_subject(printed: tuple[Path, Path, list[str]]) -> None:
    workbook, _, pages = printed
    imported = import_workbook(workbook, Library())
    who = f"{imported.assessment.subject.name} | {imported.assessment.round.label}"
    counts = Counter(sheet_of(page) for page in pages)
    practices = len(imported.framework.practice_ids())
    assert counts[SheetName.START] <= 2
    assert 1 <= counts[SheetName.ASSESS] <= math.ceil(practices / 8)
    assert 1 <= counts[SheetName.RUBRIC] <= math.ceil(practices / 6)
    assert counts[SheetName.SCORECARD] <= 3
    assert counts[SheetName.NEXT_STEPS] == 1
    assert set(counts) == set(_PRINTED)
    for number, page in enumerate(pages, start=1):
        assert who in page, f"page {number} does not name the team and round"
        assert f"Page {number} of {len(pages)}" in page
    scorecard = next(page for page in pages if sheet_of(page) == SheetName.SCORECARD)
    assert who in scorecard.split("Perspective")[0]  # at the top, not only in the header
    assert "How to read it" in "".join(p for p in pages if sheet_of(p) == SheetName.SCORECARD)


def test_pages_render_to_png(printed: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    _, pdf, pages = printed
    pdftoppm = needs_program("pdftoppm")
    keep = Path(os.environ.get("CAF_ARTEFACTS") or tmp_path)
    keep.mkdir(parents=True, exist_ok=True)
    firsts: dict[str, int] = {}
    for number, page in enumerate(pages, start=1):
        firsts.setdefault(sheet_of(page), number)
    for sheet, number in firsts.items():
        stem = keep / sheet.lower().replace(" ", "-")
        pages_wanted = ["-f", str(number), "-l", str(number)]
        subprocess.run(
            [pdftoppm, "-png", "-r", "60", "-singlefile", *pages_wanted, str(pdf), str(stem)],
            check=True,
            capture_output=True,
        )
        image = stem.with_suffix(".png")
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert image.stat().st_size > 5_000, f"{sheet}: the page looks empty"
    shutil.copy(pdf, keep / "capture-filled.pdf")
