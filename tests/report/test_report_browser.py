"""The report in a real browser: headless Chromium shows it at two widths and prints it.

Few launches on purpose: three screenshots, one probe of every page at both widths at once
(overflow, charts drawn, console, hostile text inert), one print on A4 and one on Letter.
Screenshots and PDFs are kept in ``build/artifacts/report/`` to look at.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from browser import chromium, console_lines, pdf_pages, pdf_size, probe, widest_text
from helpers import ROOT, SENTINEL, hostile_assessment, write

from caf.report.writer import ReportOptions, write_report

if TYPE_CHECKING:
    from pathlib import Path

    from caf.validation.library import Library

ARTIFACTS = ROOT / "build" / "artifacts" / "report"
WIDTHS = {"desktop": 1366, "phone": 390}
A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports(
    demo_folder: Path, library: Library, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The demo's portfolio report, one team's report (three rounds), a hostile report."""
    tmp = tmp_path_factory.mktemp("report-browser")
    team = sorted(demo_folder.glob("complaints-summary-*.yaml"))
    evil = write(tmp / "evil.yaml", hostile_assessment())
    made = {
        "portfolio": ([demo_folder], ReportOptions()),
        "team": (team, ReportOptions()),
        "letter": (team, ReportOptions(paper="letter")),
        "hostile": ([evil], ReportOptions()),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, (inputs, options) in made.items():
        write_report(inputs, library, ARTIFACTS / f"{name}.html", options)
    return {name: ARTIFACTS / f"{name}.html" for name in made}


def test_reports_fit_both_widths_with_every_chart_drawn(
    reports: dict[str, Path], tmp_path: Path
) -> None:
    # Three screenshots to look at; the probe below checks every page at both widths.
    for name, label in (("portfolio", "desktop"), ("team", "desktop"), ("team", "phone")):
        shot = ARTIFACTS / f"{name}-{label}.png"
        ran = chromium(
            "--enable-logging=stderr",
            "--v=0",
            f"--window-size={WIDTHS[label]},2400",
            f"--screenshot={shot}",
            reports[name].as_uri(),
        )
        assert shot.stat().st_size > 20_000, f"{shot.name}: empty screenshot"
        assert console_lines(ran) == [], shot.name
    control = write(tmp_path / "wide.html", '<div style="width: 3000px">wide</div>')
    pages = {
        f"{name}-{label}": (reports[name], width)
        for name in ("portfolio", "team", "hostile")
        for label, width in WIDTHS.items()
    }
    found = probe({**pages, "control": (control, 390)}, tmp_path)
    assert found.pop("console") == []
    assert found.pop("control")["overflow"] > 0  # the probe works
    for name, seen in found.items():
        assert seen["overflow"] == 0, (name, seen)
        assert seen["charts"] == seen["shown"], (name, seen)
        assert seen["charts"] >= 3, (name, seen)
    for label in WIDTHS:
        hostile = found[f"hostile-{label}"]
        assert str(hostile["title"]).startswith("Scorecard \u2014 <script>document.title=")
        assert hostile["title"] != SENTINEL
        assert hostile["images"] == 0


@pytest.mark.parametrize(("name", "paper"), [("team", A4_POINTS), ("letter", LETTER_POINTS)])
def test_team_report_prints_on_the_page_without_clipping(
    reports: dict[str, Path], name: str, paper: tuple[int, int]
) -> None:
    pdf = ARTIFACTS / f"{name}.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", reports[name].as_uri())
    assert pdf_size(pdf) == paper
    pages = [page for page in pdf_pages(pdf) if page]
    margin = 12 / 25.4 * 72  # the stylesheet's side margins, 12 mm
    assert widest_text(pdf) <= paper[0] - margin + 1, "text runs past the right margin"
    running = "Complaints Summariser \u00b7 2026-Q4"
    assert all(running in " ".join(page[:2]) for page in pages), "running header missing"
    text = "\n".join(line for page in pages for line in page)
    assert "more actions" not in text  # the fold is not printed, its rows are
    html = reports[name].read_text(encoding="utf-8")
    # The due date is the action plan's last column: every one, folded rows included, is
    # printed whole on one line, so no column is clipped or squeezed.
    dates = re.findall(r"<td>(\d{4}-\d\d-\d\d)</td></tr>", html)
    assert len(dates) > 10  # some rows are folded on screen
    printed = re.findall(r"\b\d{4}-\d\d-\d\d\b", text)
    assert all(printed.count(d) >= dates.count(d) for d in set(dates))
    headers = [line for line in text.splitlines() if line.startswith("Id ") and "Owner" in line]
    assert headers, "no action table printed"
    assert all(line.split()[-1] == "Due" for line in headers)
    assert 3 <= len(pages) <= 30, len(pages)
    print(f"{name}: {len(pages)} pages")  # noqa: T201 - shown with -s, for the record
