"""``caf report``: golden HTML, hostile text, templates, bad input, PDF without WeasyPrint, scale.

The browser tests (layout, print) are in test_report_browser.py.
"""

from __future__ import annotations

import random
import re
import sys
import time
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from browser import pdf_size
from click.testing import CliRunner
from helpers import DATA, hostile_assessment, write

from caf.cli.main import main
from caf.cli.report import DEFAULT_SECTIONS
from caf.models.assessment import Assessment
from caf.report import writer
from caf.report.writer import render_report, report_context
from caf.scoring.portfolio import portfolio_of
from caf.scoring.scorecard import score

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from caf.models.framework import Framework
    from caf.validation.library import Library

GOLDEN = DATA / "golden" / "report"
PRIOR = (DATA / "pack" / "starter-2026-Q2.yaml").read_text(encoding="utf-8")
OUR_SCRIPT = 'window.addEventListener("beforeprint"'


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["report", *args], catch_exceptions=False)
    return result.exit_code, result.stderr


def later_round(text: str) -> str:
    """The starter team's next round: better on two practices, a new N/A, a later date."""
    return (
        text.replace("label: 2026-Q2, date: 2026-05-14", "label: 2026-Q4, date: 2026-11-12")
        .replace("GOV.RISK.01: {level: 1,", "GOV.RISK.01: {level: 3,")
        .replace("OPS.INC.01: {level: 1,", "OPS.INC.01: {level: 2,")
    )


def other_team(text: str) -> str:
    return text.replace(
        "{name: Payments Platform, id: payments}",
        "{name: Card Disputes, id: cards, business_unit: Retail}",
    ).replace("SEC.DP.01: {level: 4}", "SEC.DP.01: {level: 1, owner: Mei Lin}")


@pytest.fixture
def starter_files(tmp_path: Path) -> dict[str, Path]:
    return {
        "q2": write(tmp_path / "in" / "payments-q2.yaml", PRIOR),
        "q4": write(tmp_path / "in" / "payments-q4.yaml", later_round(PRIOR)),
        "cards": write(tmp_path / "in" / "cards-q2.yaml", other_team(PRIOR)),
    }


def normalised(html: str) -> str:
    """The report without the moment it was made."""
    return re.sub(r"made \d{4}-\d\d-\d\d \d\d:\d\d UTC", "made <time>", html)


@pytest.mark.parametrize(
    ("name", "keys"), [("team", ("q2", "q4")), ("portfolio", ("q2", "q4", "cards"))]
)
def test_golden_html(
    name: str,
    keys: tuple[str, ...],
    starter_files: dict[str, Path],
    tmp_path: Path,
    golden: Callable[[Path, str], None],
) -> None:
    out = tmp_path / f"{name}.html"
    code, err = run(*(str(starter_files[k]) for k in keys), "-o", str(out))
    assert code == 0, err
    golden(GOLDEN / f"starter-{name}.html", normalised(out.read_text(encoding="utf-8")))


def test_one_subject_shows_every_part(starter_files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, err = run(str(starter_files["q2"]), str(starter_files["q4"]), "-o", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    for part in (
        "Overall score",
        "Percent to target",
        "Coverage",
        "HIGH risks",
        'class="radar"',
        'class="bars"',
        "Action plan",
        "Not applicable",
        "No customer-facing model output in scope.",
        "Crosswalk: ",
        "Trend",
        'class="line"',
        "How the figures are computed",
    ):
        assert part in html, part
    assert "Heatmap" not in html
    assert "1 subject(s), 2 assessment(s)" in err
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    assert "<link" not in html
    assert "src=" not in html


def test_portfolio_shows_heatmap_distribution_movers_then_sections(
    starter_files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    code, err = run(str(starter_files["q2"].parent), "-o", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    order = [
        "Heatmap by business unit",
        "No business unit",
        "Retail",
        "Distribution per",
        "Movers between rounds",
        'id="subject-1"',
        'id="subject-2"',
    ]
    found = [html.index(part) for part in order]
    assert found == sorted(found)
    assert "2026-Q2 \u2192 2026-Q4" in html  # Payments moved


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in = tag if tag in self.raw else None

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002 - any end tag ends the text
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in].append(data)


def hostile_report(folder: Path) -> Path:
    source = write(folder / "evil.yaml", hostile_assessment())
    out = folder / "hostile.html"
    code, err = run(str(source), str(source.with_name("evil.yaml")), "-o", str(out))
    assert code == 0, err
    return out


def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    html = hostile_report(tmp_path).read_text(encoding="utf-8")
    parsed = Tags()
    parsed.feed(html)
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("script") == 1
    assert OUR_SCRIPT in "".join(parsed.raw["script"])
    assert "img" not in tags
    for _, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on"), name
            assert not (value or "").strip().lower().startswith("javascript:"), value
    assert "<" not in "".join(parsed.raw["style"])  # </style> cannot close the stylesheet
    assert "&lt;script&gt;document.title=" in html
    assert "{{ 7*7 }}{% if true %}J{% endif %}" in html  # shown, not run as a template
    assert "<bdi>&lt;script&gt;" in html  # the RTL mark is fenced in
    assert "\u202eevil" in html


def test_pdf_without_weasyprint_names_the_install_command(
    starter_files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    out = tmp_path / "r.html"
    code, err = run(str(starter_files["q2"]), "--pdf", "-o", str(out))
    assert code == 1
    assert "pip install 'caf-governance[pdf]'" in err
    assert not out.exists()


def test_bad_files_are_reported_and_nothing_is_written(
    starter_files: dict[str, Path], tmp_path: Path
) -> None:
    broken = write(
        starter_files["q2"].parent / "broken.yaml",
        (DATA / "broken-assessment.yaml").read_text(encoding="utf-8"),
    )
    out = tmp_path / "r.html"
    code, err = run(str(starter_files["q2"].parent), "-o", str(out))
    assert code == 1
    assert f"{broken}:" in err
    assert not out.exists()
    code, err = run(str(starter_files["q2"].parent), "--skip-invalid", "-o", str(out))
    assert code == 0, err
    assert "broken.yaml" in err
    assert out.exists()


def test_an_existing_report_is_kept_without_force(
    starter_files: dict[str, Path], tmp_path: Path
) -> None:
    out = write(tmp_path / "r.html", "mine")
    code, err = run(str(starter_files["q2"]), "-o", str(out))
    assert code == 2  # a usage error: the output is there already
    assert "--force" in err
    assert out.read_text() == "mine"
    assert run(str(starter_files["q2"]), "-o", str(out), "--force")[0] == 0


def test_user_templates_extend_the_default_and_run_sandboxed(
    starter_files: dict[str, Path], tmp_path: Path
) -> None:
    mine = tmp_path / "brand"
    write(
        mine / "report" / "report.html",
        '{% extends "default:report/report.html" %}\n'
        '{% block brand %}<img class="logo" alt="Acme" src="data:image/png;base64,iVBORw0KGgo=">'
        "{% endblock %}\n{% block brand_style %}:root { --brand: #6b2c91; }{% endblock %}\n",
    )
    out = tmp_path / "r.html"
    code, err = run(str(starter_files["q2"]), "--templates", str(mine), "-o", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert 'alt="Acme"' in html
    assert ":root { --brand: #6b2c91; }" in html
    assert "Action plan" in html
    write(mine / "report" / "report.html", "{{ report.__class__.__mro__[1].__subclasses__() }}")
    code, err = run(str(starter_files["q2"]), "--templates", str(mine), "-o", str(out), "--force")
    assert code == 1
    assert "template error" in err


def test_sections_are_capped_with_a_note(starter_files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, err = run(str(starter_files["q2"].parent), "--sections", "1", "-o", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert 'id="subject-1"' in html
    assert 'id="subject-2"' not in html
    assert "Sections for the first 1 of 2 subjects" in html


def test_the_cli_default_matches_the_library() -> None:
    assert DEFAULT_SECTIONS == writer.DEFAULT_SECTIONS


def _portfolio_report(framework: Framework, library: Library, subjects: int) -> tuple[str, float]:
    rng = random.Random(subjects)  # noqa: S311 - test data
    base = Assessment.model_validate(__import__("yaml").safe_load(PRIOR))
    cards = []
    for n in range(subjects):
        answers = {
            pid: a.model_copy(update={"level": rng.randint(0, 5)}) if a.level is not None else a
            for pid, a in base.answers.items()
        }
        subject = base.subject.model_copy(
            update={"name": f"Team {n:04d}", "id": f"t{n}", "business_unit": f"Unit {n % 7}"}
        )
        cards.append(
            score(framework, base.model_copy(update={"answers": answers, "subject": subject}))
        )
    started = time.perf_counter()
    context = report_context(framework, portfolio_of(framework, cards), library.catalogs())
    html = render_report(context)
    return html, time.perf_counter() - started


def test_a_thousand_subjects_render_in_bounded_size(starter: Framework, library: Library) -> None:
    small, small_time = _portfolio_report(starter, library, 100)
    big, big_time = _portfolio_report(starter, library, 1000)
    assert "Sections for the first 30 of 1000 subjects" in big
    assert big.count('class="subject"') == DEFAULT_SECTIONS
    # Sections are capped, so 900 more subjects add only their heatmap rows.
    per_subject = (len(big) - len(small)) / 900
    assert per_subject < 1_000, per_subject
    print(  # noqa: T201 - the figures, shown with -s
        f"report: 100 subjects {len(small) / 1024:,.0f} KiB in {small_time:.2f} s; "
        f"1000 subjects {len(big) / 1024:,.0f} KiB in {big_time:.2f} s; "
        f"{per_subject:.0f} bytes per extra subject"
    )


def test_pdf_through_weasyprint(starter_files: dict[str, Path], tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint (caf[pdf]) is not installed")
    out = tmp_path / "r.html"
    code, err = run(str(starter_files["q2"]), str(starter_files["q4"]), "--pdf", "-o", str(out))
    assert code == 0, err
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf_size(pdf) == (595, 842)  # A4
    assert f"and {out.with_suffix('.pdf')}" in err
