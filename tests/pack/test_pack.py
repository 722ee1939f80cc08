"""``caf pack``: the folder and zip, golden HTML, the deck read back, hostile input, overwrite."""

from __future__ import annotations

import os
import sys
import zipfile
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from helpers import DATA, write
from pptx import Presentation
from pptx.util import Emu

from caf.cli.main import main
from caf.scoring.scorecard import score
from caf.validation.library import Library
from caf.validation.paths import load_assessments
from caf.xlsx.capture.reader import import_workbook

if TYPE_CHECKING:
    from pathlib import Path

PREVIOUS = DATA / "pack" / "starter-2026-Q2.yaml"
GOLDEN = DATA / "golden" / "pack"
UPDATE = os.environ.get("CAF_UPDATE_GOLDEN") == "1"
BASE = ("starter", "--subject", "Payments Platform", "--round", "2026-Q4", "--date", "2026-12-08")
FILES = {
    "index.html",
    "facilitator-guide.html",
    "worksheets.html",
    "pre-read.html",
    "invitation-01-gov.txt",
    "invitation-02-sec.txt",
    "invitation-03-ops.txt",
    "deck.pptx",
    "capture.xlsx",
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["pack", *args], catch_exceptions=False)
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "payments"
    code, err = run(*BASE, "--previous", str(PREVIOUS), "-o", str(out))
    assert code == 0, err
    return out


def test_folder_and_zip_hold_the_same_files(pack: Path) -> None:
    assert {p.name for p in pack.iterdir()} == FILES
    with zipfile.ZipFile(pack.with_name("payments.zip")) as bundle:
        names = bundle.namelist()
        assert sorted(names) == sorted(f"payments/{name}" for name in FILES)
        assert bundle.read("payments/index.html") == (pack / "index.html").read_bytes()
    # Nothing else beside it: the staging folder and temporary zip are gone.
    assert {p.name for p in pack.parent.iterdir()} == {"payments", "payments.zip"}


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "facilitator-guide.html",
        "worksheets.html",
        "pre-read.html",
        "invitation-02-sec.txt",
    ],
)
def test_golden(pack: Path, name: str) -> None:
    """The rendered pack; regenerate with CAF_UPDATE_GOLDEN=1 and review the diff."""
    got = (pack / name).read_text(encoding="utf-8")
    golden = GOLDEN / name
    if UPDATE:
        write(golden, got)
    assert got == golden.read_text(encoding="utf-8")


def test_guide_shows_last_round_and_the_rules(pack: Path) -> None:
    guide = (pack / "facilitator-guide.html").read_text(encoding="utf-8")
    assert (
        "Last round: level 2, target 3, risk HIGH; open action: <bdi>Priya Raman, due 2026-08-13"
        in guide
    )
    assert "Notes: <bdi>Policy drafted for retail only.</bdi>" in guide
    assert "at least 90 % of systems in scope" in guide
    assert "at least 90 % of systems in scope" in (pack / "pre-read.html").read_text("utf-8")
    sheets = (pack / "worksheets.html").read_text(encoding="utf-8")
    assert "Look for a signed-off document" in guide
    assert "Look for a signed-off document" not in sheets  # no guidance that leads answers


def test_deck_reads_back_with_last_rounds_radar(pack: Path) -> None:
    deck = Presentation(str(pack / "deck.pptx"))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    # Title, objectives, agenda, scale, radar, a slide per perspective (4 questions), next steps.
    assert len(deck.slides) == 9
    assert titles[4] == "Where we stood in 2026-Q2"
    assert titles[-1] == "Next steps"
    charts = [sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart]
    assert len(charts) == 1
    library = Library()
    (assessment, framework), *_ = load_assessments([PREVIOUS], library).pairs
    card = score(framework, assessment)
    series = {s.name: list(s.values) for s in charts[0].plots[0].series}
    assert list(charts[0].plots[0].categories) == [p.title for p in card.perspectives]
    assert series["Score 2026-Q2"] == pytest.approx([p.summary.score for p in card.perspectives])
    assert series["Target"] == pytest.approx([p.summary.target for p in card.perspectives])


def test_capture_starts_from_last_round_clearly_marked(pack: Path) -> None:
    imported = import_workbook(pack / "capture.xlsx", Library()).assessment
    assert imported.round.label == "2026-Q4"
    assert imported.subject.name == "Payments Platform"
    assert imported.answers["GOV.POL.01"].level == 2
    assert imported.answers["GOV.POL.01"].notes == "From 2026-Q2: Policy drafted for retail only."
    assert imported.answers["SEC.DP.01"].notes == "Carried over from 2026-Q2."
    assert imported.answers["SEC.APP.02"].na
    assert "OPS.INC.02" not in imported.answers or imported.answers["OPS.INC.02"].level is None


def test_a_second_run_refuses_to_overwrite(pack: Path) -> None:
    before = (pack / "index.html").read_bytes()
    code, err = run(*BASE, "-o", str(pack))
    assert code == 1
    assert "use --force" in err
    assert (pack / "index.html").read_bytes() == before


def test_force_replaces_the_pack(tmp_path: Path) -> None:
    out = tmp_path / "p"
    assert run(*BASE, "-o", str(out))[0] == 0
    (out / "stray.txt").write_text("old")
    assert run(*BASE, "--perspectives", "sec", "-o", str(out), "--force")[0] == 0
    assert not (out / "stray.txt").exists()
    assert sorted(p.name for p in out.glob("invitation-*")) == ["invitation-01-sec.txt"]
    assert {p.name for p in tmp_path.iterdir()} == {"p", "p.zip"}


HOSTILE_SUBJECT = "<script>alert(1)</script> {{ 7*7 }} ../../etc/x \u202eevil\u202c"


def test_hostile_text_is_shown_as_text_and_nothing_escapes_the_folder(tmp_path: Path) -> None:
    notes = "<b>bold</b> {{ 7*7 }} {% raw %}" + "x" * 10_000
    previous = PREVIOUS.read_text(encoding="utf-8").replace(
        '"Policy drafted for retail only."', '"' + notes + '"'
    )
    prior = write(tmp_path / "in" / "prior.yaml", previous)
    out = tmp_path / "out" / "pack"
    code, err = run(
        "starter",
        "--subject",
        HOSTILE_SUBJECT,
        "--round",
        "../2026/Q4 {{ 7*7 }}",
        "--previous",
        str(prior),
        "-o",
        str(out),
    )
    assert code == 0, err
    assert {p.name for p in out.parent.iterdir()} == {"pack", "pack.zip"}
    assert {p.name for p in out.iterdir()} == FILES
    with zipfile.ZipFile(out.with_name("pack.zip")) as bundle:
        assert all(n.startswith("pack/") and ".." not in n for n in bundle.namelist())
    guide = (out / "facilitator-guide.html").read_text(encoding="utf-8")
    assert "<script>" not in guide
    shown = "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} ../../etc/x \u202eevil\u202c"
    assert f"<bdi>{shown}</bdi>" in guide  # an RTL mark cannot reorder the text around it
    assert "&lt;b&gt;bold&lt;/b&gt; {{ 7*7 }} {% raw %}" + "x" * 10_000 in guide
    assert "49" not in guide.replace("2026", "")
    invitation = (out / "invitation-01-gov.txt").read_text(encoding="utf-8")
    assert HOSTILE_SUBJECT in invitation
    assert prior.read_text(encoding="utf-8") == previous  # the input is untouched


def test_an_unknown_perspective_is_refused(tmp_path: Path) -> None:
    code, err = run(*BASE, "--perspectives", "SEC,NOPE", "-o", str(tmp_path / "p"))
    assert code == 1
    assert "NOPE not in starter@1.0 (it has GOV, SEC, OPS)" in err
    assert not list(tmp_path.iterdir())


def test_pdf_without_weasyprint_names_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    code, err = run(*BASE, "--pdf", "-o", str(tmp_path / "p"))
    assert code == 1
    assert "pip install 'caf-governance[pdf]'" in err
    assert not list(tmp_path.iterdir())


def test_user_templates_build_on_the_defaults_in_a_sandbox(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    write(
        mine / "pack" / "index.html",
        '{% extends "default:pack/index.html" %}{% block footer %}ACME {{ pack.subject }}'
        "{% endblock %}",
    )
    out = tmp_path / "p"
    assert run(*BASE, "--templates", str(mine), "-o", str(out))[0] == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "ACME Payments Platform" in index
    assert "In this pack" in index
    write(mine / "pack" / "index.html", "{{ pack.__class__.__mro__ }}")
    code, err = run(*BASE, "--templates", str(mine), "-o", str(tmp_path / "q"))
    assert code == 1
    assert "pack/index.html: template error" in err
    assert not (tmp_path / "q").exists()


def test_a_corporate_deck_in_the_templates_folder_is_the_base(tmp_path: Path) -> None:
    corporate = Presentation()
    corporate.slide_width = Emu(12_192_000)  # 16:9, where the built-in deck is 4:3
    corporate.slide_height = Emu(6_858_000)
    (tmp_path / "mine").mkdir()
    corporate.save(str(tmp_path / "mine" / "deck.pptx"))
    out = tmp_path / "p"
    assert run(*BASE, "--templates", str(tmp_path / "mine"), "-o", str(out))[0] == 0
    deck = Presentation(str(out / "deck.pptx"))
    assert deck.slide_width == 12_192_000
    assert len(deck.slides) == 8  # no previous round, so no radar slide


def test_force_never_replaces_a_folder_that_is_not_a_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep = write(tmp_path / "work" / "thesis.docx", "precious")
    monkeypatch.chdir(tmp_path / "work")
    code, err = run(*BASE, "-o", ".", "--force")
    assert code == 1
    assert "not a caf pack" in err
    assert keep.read_text() == "precious"
    assert {p.name for p in tmp_path.iterdir()} == {"work"}
