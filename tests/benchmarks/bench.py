"""Benchmarks: each figure printed beside a baseline measured in the same run.

Run: .venv/bin/python tests/benchmarks/bench.py [--repeat N]

Machines here are shared and noisy, so every figure is the best of N runs and is compared with
its baseline as a ratio; the ratios are what to watch. This is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
import xlsxwriter

from caf.demo import fictional_portfolio
from caf.pack.writer import PackOptions, write_pack
from caf.render.scorecard_build import build_view
from caf.render.yamltext import dump_model
from caf.report.writer import render_report, report_context
from caf.scoring.portfolio import portfolio_of
from caf.scoring.scorecard import score
from caf.validation.library import Library
from caf.validation.session import plan_session
from caf.xlsx.capture.fill import fill_capture
from caf.xlsx.capture.reader import import_workbook
from caf.xlsx.capture.writer import write_capture

if TYPE_CHECKING:
    from collections.abc import Callable

    from caf.models.assessment import Assessment
    from caf.models.framework import Framework


def peak_memory(run: Callable[[], object]) -> float:
    """The peak traced memory (MiB) of one run."""
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def best(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall time of ``repeat`` runs, and the peak traced memory (MiB) of one run."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), peak_memory(run)


def best_pair(
    ours: Callable[[], object], base: Callable[[], object], repeat: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """:func:`best` of two runs measured in turn, so a burst of load on a shared machine
    slows both alike rather than only the one that happened to be running."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, kept in ((ours, times[0]), (base, times[1])):
            start = time.perf_counter()
            run()
            kept.append(time.perf_counter() - start)
    return (min(times[0]), peak_memory(ours)), (min(times[1]), peak_memory(base))


def row(name: str, ours: tuple[float, float], base: tuple[float, float], target: str) -> None:
    ratio = ours[0] / base[0]
    print(
        f"{name:<36} {ours[0] * 1000:9.1f} ms {ours[1]:7.1f} MiB | baseline "
        f"{base[0] * 1000:9.1f} ms {base[1]:7.1f} MiB | x{ratio:6.2f} ({target})"
    )


def bare_read(path: Path) -> None:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    book.close()


def cells_of(path: Path) -> list[tuple[str, int, int, object, object]]:
    """Every cell of a workbook: sheet, row, column, formula or value, cached value."""
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    out: list[tuple[str, int, int, object, object]] = []
    for sheet in formulas.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.value is not None:
                    cached = values[sheet.title][cell.coordinate].value
                    out.append((sheet.title, cell.row - 1, cell.column - 1, cell.value, cached))
    return out


def bare_write(target: Path, cells: list[tuple[str, int, int, object, object]]) -> None:
    book = xlsxwriter.Workbook(str(target))
    sheets: dict[str, Any] = {}
    for name, r, c, value, cached in cells:
        sheet = sheets.get(name) or sheets.setdefault(name, book.add_worksheet(name))
        if isinstance(value, str) and value.startswith("="):
            sheet.write_formula(r, c, value, None, cached)
        elif isinstance(value, str):
            sheet.write_string(r, c, value)
        elif isinstance(value, bool):
            sheet.write_boolean(r, c, value)
        elif isinstance(value, int | float):
            sheet.write_number(r, c, value)
        else:
            sheet.write(r, c, str(value))
    book.close()


def report_row(framework: Framework, library: Library, assessments: list[Assessment]) -> None:
    """The report of a 1,000-subject portfolio against the scorecard view it is built from."""
    cards = [
        score(
            framework,
            a.model_copy(
                update={"subject": a.subject.model_copy(update={"name": f"T{i}", "id": f"t{i}"})}
            ),
        )
        for i, a in enumerate(assessments)
    ]
    whole = portfolio_of(framework, cards)
    catalogs = library.catalogs()
    html = render_report(report_context(framework, whole, catalogs))
    row(
        f"report of {len(cards):,} subjects ({len(html) / 2**20:.1f} MiB)",
        *best_pair(
            lambda: render_report(report_context(framework, whole, catalogs)),
            lambda: build_view(framework, whole, catalogs, (), framework_digest="-"),
            3,
        ),
        "the portfolio's scorecard view alone",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    library = Library()
    framework = library.framework("caf-ai")
    assessment: Assessment = fictional_portfolio(framework)[1]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        blank = folder / "blank.xlsx"
        write_capture(blank, framework, assessment.model_copy(update={"answers": {}}))
        filled = folder / "filled.xlsx"
        fill_capture(blank, filled, assessment)
        print(f"caf-ai: {len(framework.practice_ids())} practices; best of {args.repeat} runs\n")
        row(
            "import a filled capture workbook",
            best(lambda: import_workbook(filled, library), args.repeat),
            best(lambda: bare_read(filled), args.repeat),
            "<= 1.5",
        )

        prefilled = folder / "prefilled.xlsx"
        cells = cells_of(blank)
        row(
            "write the capture workbook",
            best(lambda: write_capture(prefilled, framework, assessment), args.repeat),
            best(lambda: bare_write(folder / "bare.xlsx", cells), args.repeat),
            "<= 1.3",
        )

        previous = folder / "previous.yaml"
        previous.write_text(dump_model(assessment), encoding="utf-8")
        session = plan_session(
            library,
            "caf-ai",
            subject="Payments Platform",
            round_label="2027-Q2",
            date=dt.date(2027, 5, 12),
        )
        options = PackOptions(force=True)
        row(
            "caf-ai pack (--previous, no PDFs)",
            *best_pair(
                lambda: write_pack(folder / "pack", session, previous, library, options),
                lambda: write_capture(prefilled, framework, assessment),
                args.repeat,
            ),
            "<= 3, the capture workbook alone",
        )

        rng = random.Random(7)  # noqa: S311 - benchmark data
        many = [fictional_portfolio(framework, rng.randrange(10**6))[0] for _ in range(20)] * 500
        levels = [[a.level for a in x.answers.values() if a.level is not None] for x in many]
        row(
            "score 10,000 caf-ai assessments",
            best(lambda: [score(framework, a) for a in many], 1),
            best(lambda: [sum(ls) / len(ls) for ls in levels], 1),
            "(a plain mean per file)",
        )
        report_row(framework, library, many[:1000])

    def cold(args: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(args, check=True, capture_output=True)

    caf = str(Path(sys.executable).with_name("caf"))
    row(
        "`caf --help` cold start",
        best(cold([caf, "--help"]), args.repeat),
        best(cold([sys.executable, "-c", "pass"]), args.repeat),
        "(python -c pass)",
    )


if __name__ == "__main__":
    main()
