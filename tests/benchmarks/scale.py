"""Company-scale benchmarks: whole commands on generated files, beside baselines from the same run.

Run: .venv/bin/python tests/benchmarks/scale.py [--counts 1000 10000] [--subjects 1000]

Every figure is a separate process (wall time and peak resident memory of that process), so
loading, output and memory are all counted. Baselines:

- ``caf score`` of N files vs parsing the same files with PyYAML's C loader alone;
- ``caf export data`` to CSV vs that parse plus a bare ``csv`` writer of the same rows;
- ``caf scorecard`` of a 1,000-subject portfolio vs bare XlsxWriter (``constant_memory``)
  writing the same cells (both whole processes, and the writing alone in-process).

The files are generated in a temporary folder from a few seeded demo assessments with new
subjects and rounds (two rounds per subject). This is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from caf.demo import fictional_portfolio
from caf.models.assessment import Round, Subject
from caf.models.framework import digest
from caf.render.scorecard_build import build_view
from caf.render.spool import RowSpool
from caf.render.tidy import Dimensions
from caf.render.yamltext import dump_model
from caf.scoring.batch import Batch
from caf.validation.library import Library
from caf.xlsx.scorecard.writer import write_scorecard

_ROUNDS = (Round(label="2026-Q2", date=dt.date(2026, 5, 14)), Round(label="2026-Q4"))
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
# A baseline that must prepare its input first reports the time of the measured part itself.
for line in done.stderr.decode().splitlines():
    if line.startswith("ELAPSED "):
        wall = float(line.split()[1])
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""
_PARSE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""
_PARSE_CSV = (
    _PARSE
    + """
import csv
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
with open(sys.argv[3], "w", encoding="utf-8", newline="") as out:
    csv.writer(out).writerows(rows)
"""
)
_BARE_XLSX = """
import sys, time, xlsxwriter
from python_calamine import CalamineWorkbook
source = CalamineWorkbook.from_path(sys.argv[1])
sheets = [(name, source.get_sheet_by_name(name).to_python()) for name in source.sheet_names]
start = time.perf_counter()
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True, "strings_to_formulas": False})
for name, rows in sheets:
    sheet = book.add_worksheet(name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
book.close()
print("ELAPSED", time.perf_counter() - start, file=sys.stderr)
"""


def generate(folder: Path, count: int, seed: int = 11, rounds: int = 2) -> None:
    """``count`` caf-ai assessment files: ``rounds`` per subject, answers from demo seeds."""
    framework = Library().framework("caf-ai")
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    templates = [fictional_portfolio(framework, rng.randrange(10**6))[0] for _ in range(8)]
    placeholder = Subject(name="SUBJECT NAME", id="subject-key", business_unit="UNIT")
    texts = {
        (t, r): dump_model(
            templates[t].model_copy(update={"subject": placeholder, "round": _ROUNDS[r]})
        )
        for t in range(len(templates))
        for r in range(len(_ROUNDS))
    }
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        subject, round_index = divmod(index, rounds)
        text = texts[(subject % len(templates), round_index)]
        text = text.replace("SUBJECT NAME", f"Team {subject:06d}")
        text = text.replace("subject-key", f"team-{subject:06d}")
        text = text.replace("UNIT", f"Unit {subject % 7}")
        (folder / f"team-{subject:06d}-{round_index}.yaml").write_text(text, encoding="utf-8")


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of ``command`` run as its own process."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def row(name: str, ours: tuple[float, float], base: tuple[float, float], goal: str) -> None:
    """One line: our figure, the baseline's, and the ratio of wall times."""
    print(
        f"{name:<44} {ours[0]:8.2f} s {ours[1]:8.1f} MiB | baseline {base[0]:8.2f} s "
        f"{base[1]:7.1f} MiB | x{ours[0] / base[0]:5.2f} ({goal})",
        flush=True,
    )


def main() -> None:
    """Generate, run, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--export-counts", type=int, nargs="*", default=None)
    parser.add_argument("--subjects", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2, help="rounds per portfolio subject")
    args = parser.parse_args()
    caf = str(Path(sys.executable).with_name("caf"))
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for count in args.counts:
            folder = root / f"n{count}"
            started = time.perf_counter()
            generate(folder, count)
            print(f"\n{count:,} caf-ai files ({time.perf_counter() - started:.0f} s to generate)")
            parse = measure([python, "-c", _PARSE, str(folder)])
            row(
                f"caf score ({count:,} files, JSON)",
                measure([caf, "score", str(folder), "--format", "json", "-q"]),
                parse,
                "<= 1.5x C-loader parse; <= 300 MiB, flat",
            )
            if args.export_counts is not None and count not in args.export_counts:
                continue
            csv_out = root / f"n{count}.csv"
            export = measure([caf, "export", "data", str(folder), "-o", str(csv_out), "-q"])
            bare_csv = measure(
                [python, "-c", _PARSE_CSV, str(folder), str(csv_out), str(root / "bare.csv")]
            )
            row(
                f"caf export data ({count:,} files, CSV)",
                export,
                bare_csv,
                "<= 1.3x parse + bare csv writer",
            )
        folder = root / "portfolio"
        generate(folder, args.subjects * args.rounds, rounds=args.rounds)
        book = root / "portfolio.xlsx"
        ours = measure([caf, "scorecard", str(folder), "-o", str(book), "-q"])
        parse = measure([python, "-c", _PARSE, str(folder)])
        write_alone = _write_only(folder, root / "again.xlsx")
        bare = measure([python, "-c", _BARE_XLSX, str(book), str(root / "bare.xlsx")])
        files = args.subjects * args.rounds
        print(f"\n{args.subjects:,}-subject portfolio scorecard ({files:,} files)")
        row("caf scorecard (whole command)", ours, parse, "vs C-loader parse of the files")
        row(
            "caf scorecard: writing the workbook",
            (write_alone, ours[1]),
            bare,
            "<= 1.3x bare constant_memory write of the same cells; <= 500 MiB",
        )


def _write_only(folder: Path, target: Path) -> float:
    """Seconds to write the scorecard workbook alone, its input read and scored beforehand."""
    library = Library()
    batch = Batch(library)
    with RowSpool() as spool:
        dimensions = None
        builder = None
        for framework, card in batch.scored(batch.files([folder])):
            dimensions = dimensions or Dimensions(framework)
            spool.extend(dimensions.rows(card))
        builder = next(iter(batch.builders.values()))
        framework = builder.framework
        view = build_view(
            framework,
            builder.build(),
            library.catalogs(),
            spool,
            framework_digest=digest(framework),
        )
        start = time.perf_counter()
        write_scorecard(target, view)
        return time.perf_counter() - start


if __name__ == "__main__":
    main()
