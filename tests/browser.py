"""Headless Chromium for the HTML outputs' tests: screenshots, layout probes, print to PDF.

Each launch costs seconds, so callers batch: :func:`probe` measures many pages in one launch
(each in an iframe of its own width).
"""

from __future__ import annotations

import html
import json
import subprocess
from typing import TYPE_CHECKING, Any

from helpers import needs_program, write

if TYPE_CHECKING:
    from pathlib import Path


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with ``args``; skip (or fail when CI=true) when it is missing."""
    program = needs_program("chromium")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    return subprocess.run(
        [program, *flags, *args], capture_output=True, text=True, timeout=120, check=True
    )


def console_lines(ran: subprocess.CompletedProcess[str]) -> list[str]:
    """The console messages of a run started with ``--enable-logging=stderr --v=0``."""
    return [line for line in ran.stderr.splitlines() if ":CONSOLE" in line]


_PROBE = """<!DOCTYPE html><html><body><script>
window.addEventListener("load", () => {
  const found = {};
  for (const frame of document.querySelectorAll("iframe")) {
    const doc = frame.contentDocument, root = doc.documentElement;
    const charts = [...doc.querySelectorAll("svg")];
    const shown = charts.filter((svg) => {
      const box = svg.getBoundingClientRect();
      return box.width > 50 && box.height > 30 && box.left >= 0 && box.right <= root.clientWidth;
    });
    found[frame.dataset.name] = {
      overflow: root.scrollWidth - root.clientWidth,
      charts: charts.length,
      shown: shown.length,
      title: doc.title,
      images: doc.querySelectorAll("img").length,
    };
  }
  document.body.setAttribute("data-found", JSON.stringify(found));
});
</script>
FRAMES</body></html>"""


def probe(pages: dict[str, tuple[Path, int]], folder: Path) -> dict[str, Any]:
    """Open every page (name → file, width) in one Chromium run and measure it.

    Per page: ``overflow`` (pixels the page is wider than its window), ``charts`` (SVG
    elements), ``shown`` (those drawn at a useful size inside the window), ``title`` and
    ``images``. Console messages of every page are returned under ``"console"``.
    """
    frames = "".join(
        f'<iframe data-name="{name}" src="{path.as_uri()}" width="{width}" height="900"></iframe>'
        for name, (path, width) in pages.items()
    )
    page = write(folder / "probe.html", _PROBE.replace("FRAMES", frames))
    widest = max(width for _, width in pages.values())
    ran = chromium(
        "--allow-file-access-from-files",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=8000",
        f"--window-size={widest + 40},900",
        "--dump-dom",
        page.as_uri(),
    )
    found: dict[str, Any] = json.loads(
        html.unescape(ran.stdout.split('data-found="', 1)[1].split('"', 1)[0])
    )
    found["console"] = console_lines(ran)
    return found


def pdf_pages(pdf: Path) -> list[list[str]]:
    """The text of each page of a PDF, line by line (pdftotext -layout)."""
    text = subprocess.run(
        [needs_program("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        [line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]


def pdf_size(pdf: Path) -> tuple[int, int]:
    """The first page's width and height in points (pdfinfo)."""
    info = subprocess.run(
        [needs_program("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    line = next(x for x in info.splitlines() if x.startswith("Page size:"))
    width, _, height = line.split(":", 1)[1].split()[:3]
    return round(float(width)), round(float(height))


def widest_text(pdf: Path) -> float:
    """The right edge of the rightmost word on any page, in points."""
    html = subprocess.run(
        [needs_program("pdftotext"), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    edges = [float(part.split('"')[1]) for part in html.split("xMax=")[1:]]
    return max(edges)
