"""The pack in real programs: Chromium shows and prints the HTML, LibreOffice opens the deck.

Few and lean on purpose (each launch costs seconds): one pack, four screenshots, one layout
check of every page at once, one print of the worksheets, one conversion of the deck. The
screenshots and PDFs are kept in ``build/artifacts/pack/`` to look at.
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from browser import chromium, pdf_pages
from click.testing import CliRunner
from helpers import DATA, ROOT, libreoffice, write
from pptx import Presentation

from caf.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

ARTIFACTS = ROOT / "build" / "artifacts" / "pack"
HTML = ("index.html", "facilitator-guide.html", "worksheets.html", "pre-read.html")
WIDTH = 1366
PERSPECTIVES = ("Governance", "Security", "Operations")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A starter pack with last round's notes made long and unbroken (a pasted link)."""
    tmp = tmp_path_factory.mktemp("browser")
    prior = (DATA / "pack" / "starter-2026-Q2.yaml").read_text(encoding="utf-8")
    long_note = "https://example.org/" + "a" * 3000
    prior_file = write(tmp / "prior.yaml", prior.replace("No AI incident runbook yet.", long_note))
    out = tmp / "pack"
    args = ["pack", "starter", "--subject", "Payments Platform", "--round", "2026-Q4"]
    args += ["--date", "2026-12-08", "--previous", str(prior_file), "-o", str(out)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return out


_PROBE = """<!DOCTYPE html><html><body><script>
window.addEventListener("load", () => {
  const found = {};
  for (const frame of document.querySelectorAll("iframe")) {
    const root = frame.contentDocument.documentElement;
    found[frame.dataset.name] = root.scrollWidth - root.clientWidth;
  }
  document.body.setAttribute("data-overflow", JSON.stringify(found));
});
</script>
FRAMES</body></html>"""


def test_every_page_fits_1366_pixels_without_console_errors(pack: Path, tmp_path: Path) -> None:
    for name in HTML:
        shot = ARTIFACTS / name.replace(".html", ".png")
        ran = chromium(
            "--enable-logging=stderr",
            "--v=0",
            f"--window-size={WIDTH},900",
            f"--screenshot={shot}",
            (pack / name).as_uri(),
        )
        assert shot.stat().st_size > 10_000, f"{name}: empty screenshot"
        console = [line for line in ran.stderr.splitlines() if ":CONSOLE" in line]
        assert console == [], f"{name}: {console}"
    # A control page that must be caught, so the check itself is known to work.
    control = write(tmp_path / "wide.html", '<div style="width: 3000px">wide</div>')
    pages = [*((n, pack / n) for n in HTML), ("control", control)]
    frames = "".join(
        f'<iframe data-name="{n}" src="{p.as_uri()}" width="{WIDTH}" height="900"></iframe>'
        for n, p in pages
    )
    probe = write(tmp_path / "probe.html", _PROBE.replace("FRAMES", frames))
    ran = chromium(
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        f"--window-size={WIDTH + 40},900",
        "--dump-dom",
        probe.as_uri(),
    )
    found = json.loads(
        ran.stdout.split('data-overflow="', 1)[1].split('"', 1)[0].replace("&quot;", '"')
    )
    assert found.pop("control") > 0
    assert found == dict.fromkeys(HTML, 0), "horizontal overflow (pixels) per page"


def test_worksheets_print_one_perspective_per_page_group(pack: Path) -> None:
    pdf = ARTIFACTS / "worksheets.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", (pack / "worksheets.html").as_uri())
    pages = [page for page in pdf_pages(pdf) if page]
    starts = {title: [n for n, page in enumerate(pages) if title in page] for title in PERSPECTIVES}
    assert all(len(found) == 1 for found in starts.values()), starts
    first = [found[0] for found in starts.values()]
    assert first == sorted(first)
    assert first[0] == 0
    for title, (page,) in starts.items():
        if page:
            assert pages[page][0] == title, f"{title} does not start page {page + 1}"
    text = "\n".join(line for page in pages for line in page)
    ids = [
        f"{p}.{n:02d}"
        for p in ("GOV.POL", "GOV.RISK", "SEC.DP", "SEC.APP", "OPS.OBS", "OPS.INC")
        for n in (1, 2)
    ]
    assert all(i in text for i in ids), "a question is missing from the printed worksheets"
    assert len(pages) >= len(PERSPECTIVES)
    print(f"worksheets: {len(pages)} pages")  # noqa: T201 - shown with -s, for the record


def test_libreoffice_converts_the_deck(pack: Path, tmp_path: Path) -> None:
    (converted,) = libreoffice([pack / "deck.pptx"], tmp_path, "pdf", timeout=300)
    shutil.copy(converted, ARTIFACTS / "deck.pdf")
    slides = len(Presentation(str(pack / "deck.pptx")).slides)
    assert len([page for page in pdf_pages(converted) if page]) == slides
