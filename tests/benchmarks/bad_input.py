"""Bounded answers to huge bad inputs: a workbook with N rows of unknown practice ids.

Run: .venv/bin/python tests/benchmarks/bad_input.py [--rows 200000]

Prints the time, the peak memory (RSS of the child process) and the size of what ``caf import``
prints for a capture
workbook whose Assess sheet has ``--rows`` extra rows of ids the framework does not have (the
issue-8 case: 200,000 rows, about 5 MB). The baseline in the same run is openpyxl reading the
same sheet bare. Not a test; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl

from caf.validation.library import Library
from caf.validation.session import plan_session
from caf.xlsx.capture.writer import write_capture

ASSESS = "xl/worksheets/sheet2.xml"


def unknown_rows_workbook(target: Path, rows: int) -> Path:
    """A caf-ai capture workbook with ``rows`` extra Assess rows of unknown ids."""
    session = plan_session(Library(), "caf-ai", subject="Payments", round_label="R1")
    plain = target.with_suffix(".plain.xlsx")
    write_capture(plain, session.framework, session.assessment)
    with zipfile.ZipFile(plain) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = contents[ASSESS].decode()
    last = max(int(n) for n in re.findall(r'<row r="(\d+)"', sheet))
    extra = "".join(
        f'<row r="{last + i}"><c r="A{last + i}" t="inlineStr"><is><t>ZZ.UNK.{i:06d}</t></is></c>'
        f'<c r="F{last + i}"><v>3</v></c></row>'
        for i in range(1, rows + 1)
    )
    sheet = re.sub(
        r'<dimension ref="([A-Z]+\d+):([A-Z]+)\d+"/>',
        rf'<dimension ref="\1:\g<2>{last + rows}"/>',
        sheet,
    )
    contents[ASSESS] = sheet.replace("</sheetData>", extra + "</sheetData>", 1).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return target


def run_import(path: Path) -> tuple[float, int, int, float]:
    """``caf import`` in a child process: seconds, exit code, bytes printed, peak RSS (MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "caf", "import", str(path)],
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rss = max(peak, before) / 1024
    return elapsed, done.returncode, len(done.stdout) + len(done.stderr), rss


def bare_read(path: Path) -> float:
    """Seconds openpyxl takes to read the Assess sheet's values, nothing else."""
    start = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _ in book["Assess"].iter_rows(values_only=True):
        pass
    book.close()
    return time.perf_counter() - start


def main_(rows: int) -> None:
    """Build the workbook, import it, and print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        path = unknown_rows_workbook(Path(folder) / "unknown.xlsx", rows)
        elapsed, code, printed, rss = run_import(path)
        base = bare_read(path)
        size = path.stat().st_size
        print(f"workbook: {rows:,} unknown rows, {size / 2**20:.1f} MiB")
        print(
            f"caf import: {elapsed:.1f} s, printed {printed / 1024:,.1f} KiB, exit {code}, "
            f"peak RSS {rss:.0f} MiB"
        )
        print(f"baseline (openpyxl bare read of the Assess sheet, in-process): {base:.1f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    main_(parser.parse_args().rows)
