from __future__ import annotations

import json
import zipfile
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest
from click.testing import CliRunner
from helpers import FORMULA_PAYLOADS, libreoffice_convert, write
from python_calamine import CalamineWorkbook

from caf.cli.main import main
from caf.xlsx.scorecard.make import make_scorecard
from caf.xlsx.scorecard.writer import SHEETS
from caf.xlsx.text import unescape

if TYPE_CHECKING:
    from pathlib import Path

    from caf.validation.library import Library


@pytest.fixture(scope="module")
def portfolio_book(
    demo_folder: Path, library: Library, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    target: Path = tmp_path_factory.mktemp("scorecard") / "portfolio.xlsx"
    made = make_scorecard([demo_folder], library, target)
    assert made.sheets == list(SHEETS)
    return target


def _sheet_rows(book: Any, name: str) -> list[list[Any]]:
    return [list(row) for row in book[name].iter_rows(values_only=True)]


def test_every_sheet_values_only_and_a_data_table(portfolio_book: Path, library: Library) -> None:
    practices = len(library.framework("caf-ai").practice_ids())
    with zipfile.ZipFile(portfolio_book) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all(b"<f>" not in archive.read(n) for n in sheets), "a cell holds a formula"
        table = archive.read("xl/tables/table1.xml").decode()
    assert 'name="CafData"' in table
    assert f'ref="A1:AD{36 * practices + 1}"' in table
    book = openpyxl.load_workbook(portfolio_book, read_only=True)
    assert book.sheetnames == list(SHEETS)
    assert book["Data"].max_row == 36 * practices + 1
    assert [c.value for c in next(book["Data"].iter_rows(max_row=1))][:3] == [
        "subject_key",
        "subject",
        "business_unit",
    ]


def test_numbers_equal_caf_score_json(portfolio_book: Path, demo_folder: Path) -> None:
    result = CliRunner().invoke(main, ["score", str(demo_folder), "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    latest: dict[str, Any] = {}
    for card in document["scorecards"]:
        key = card["subject"]["id"]
        if key not in latest or card["round"]["date"] > latest[key]["round"]["date"]:
            latest[key] = card
    book = openpyxl.load_workbook(portfolio_book, read_only=True)
    rows = _sheet_rows(book, "Perspectives")
    header = rows[1]
    by_name = {card["subject"]["name"]: card for card in latest.values()}
    checked = 0
    for row in rows[2:]:
        record = dict(zip(header, row, strict=True))
        card = by_name[record["Subject"]]
        expected = next(p for p in card["perspectives"] if p["id"] == record["ID"])["summary"]
        for column, field in [("Score", "score"), ("Target", "target"), ("Coverage", "coverage"),
                              ("% to target", "percent_to_target"), ("HIGH", "high")]:  # fmt: skip
            assert record[column] == pytest.approx(expected[field], abs=1e-9), column
        checked += 1
    assert checked == 12 * 6
    summary = {row[0]: row[1] for row in _sheet_rows(book, "Summary") if row and row[0]}
    overall = document["portfolios"][0]["overall"]["mean"]
    assert summary["Overall score"] == pytest.approx(overall, abs=1e-9)
    assert summary["Subjects"] == 12


def test_calamine_reads_the_same_values(portfolio_book: Path) -> None:
    book = openpyxl.load_workbook(portfolio_book, read_only=True)
    other = CalamineWorkbook.from_path(str(portfolio_book))
    assert other.sheet_names == book.sheetnames

    def norm(value: object) -> object:
        if value is None:
            return ""
        if isinstance(value, bool):
            return float(value)
        if isinstance(value, int):
            return float(value)
        return value.isoformat()[:10] if hasattr(value, "isoformat") else value

    for name in book.sheetnames:
        ours = [[norm(v) for v in row] for row in book[name].iter_rows(values_only=True)]
        theirs = [[norm(v) for v in row] for row in other.get_sheet_by_name(name).to_python()]
        width = max((len(r) for r in ours + theirs), default=0)
        pad = [r + [""] * (width - len(r)) for r in ours]
        assert pad == [r + [""] * (width - len(r)) for r in theirs], name


@pytest.mark.slow
def test_libreoffice_opens_it_and_keeps_every_sheet(portfolio_book: Path, tmp_path: Path) -> None:
    (converted,) = libreoffice_convert([portfolio_book], tmp_path)
    book = openpyxl.load_workbook(converted, read_only=True)
    assert book.sheetnames == list(SHEETS)
    original = openpyxl.load_workbook(portfolio_book, read_only=True)
    assert book["Data"].max_row == original["Data"].max_row
    assert book["Perspectives"]["H3"].value == original["Perspectives"]["H3"].value


def test_user_text_is_never_a_formula(tmp_path: Path, library: Library) -> None:
    framework = library.framework("starter")
    pid = framework.practice_ids()[0]
    for index, payload in enumerate(FORMULA_PAYLOADS):
        text = json.dumps(payload)
        write(
            tmp_path / "in" / f"a{index}.yaml",
            f'kind: assessment\nframework: {{id: starter, version: "1.0"}}\n'
            f"subject: {{name: {text}, id: s{index}}}\nround: {{label: {text}}}\n"
            f"answers:\n  {pid}: {{level: 0, owner: {text}}}\n",
        )
    target = tmp_path / "out.xlsx"
    make_scorecard([tmp_path / "in"], library, target)
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name)
    book = openpyxl.load_workbook(target)
    # openpyxl leaves the file format's escapes (_x000D_ for CR) in place; undo them.
    owners = [
        unescape(str(row[11])) for row in book["Actions"].iter_rows(min_row=3, values_only=True)
    ]
    assert sorted(owners) == sorted(FORMULA_PAYLOADS)


def test_actions_say_where_to_look_on_aws(portfolio_book: Path, library: Library) -> None:
    framework = library.framework("caf-ai")
    aws = {p.id: "; ".join(p.aws_evidence) for _, _, p in framework.practices()}
    book = openpyxl.load_workbook(portfolio_book, read_only=True)
    rows = _sheet_rows(book, "Actions")
    header = rows[1]
    column, ids = header.index("On AWS, look at"), header.index("ID")
    shown = {row[ids]: row[column] or "" for row in rows[2:]}
    assert any(shown.values()), "some actions concern Platform, Security or Operations"
    assert all(text == aws[practice] for practice, text in shown.items())
