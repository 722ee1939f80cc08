"""The docs ship with the project and agree with it.

The README documents every command and the two set-up commands CI runs; ``docs/scoring.md``'s
worked example is scored by the engine and every figure the page shows is checked; no code or
doc points at a design document the repository does not hold.
"""

from __future__ import annotations

import re

import yaml
from helpers import ROOT

from caf.cli.main import main
from caf.models.assessment import Assessment
from caf.models.framework import Framework, digest
from caf.render.numbers import fmt_level, fmt_number, fmt_percent
from caf.scoring.scorecard import Summary, score
from caf.xlsx.capture.layout import ASSESS_COLUMNS, Kind, SheetName, StartField

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCORING = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    for name, command in main.commands.items():
        assert f"caf {name}" in README, f"`caf {name}` is missing from README.md"
        assert command.help, f"`caf {name}` has no help text"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    marker = "<!-- test-command -->"
    assert marker in README
    block = README.split(marker, 1)[1].split("```", 2)[1]
    command = block.removeprefix("sh").strip()
    assert command in ci, "`.ci/run` must run the README's test command as written"


def _block(name: str) -> str:
    """The fenced block or table that follows ``<!-- worked-example:NAME -->``."""
    after = SCORING.split(f"<!-- worked-example:{name} -->", 1)[1].lstrip("\n")
    if after.startswith("```"):
        return after.split("\n", 1)[1].split("```", 1)[0]
    return after.split("\n\n", 1)[0]


def _worked_example() -> tuple[Framework, Assessment]:
    framework = Framework.model_validate(yaml.safe_load(_block("framework")))
    answers = yaml.safe_load(_block("answers"))
    assessment = Assessment.model_validate(
        {
            "framework": {"id": framework.id, "version": framework.version},
            "subject": {"name": "Worked example"},
            "round": {"label": "2026-Q4"},
            "answers": answers,
        }
    )
    assert digest(framework).startswith("sha256:")
    return framework, assessment


def test_scoring_worked_example_figures_are_the_engines() -> None:
    framework, assessment = _worked_example()
    card = score(framework, assessment)
    nodes: dict[str, Summary] = {"overall": card.overall}
    for perspective in card.perspectives:
        nodes[perspective.id] = perspective.summary
        nodes |= {c.id: c.summary for c in perspective.capabilities}
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in _block("results").splitlines()[2:]
    ]
    assert {row[0] for row in rows} == set(nodes), "the table must show every node"
    for node, shown_score, target, floor, coverage, to_target in rows:
        summary = nodes[node]
        assert shown_score == fmt_number(summary.score), node
        assert target == fmt_number(summary.target), node
        assert floor == fmt_level(summary.floor), node
        assert coverage == fmt_percent(summary.coverage), node
        assert to_target == fmt_percent(summary.percent_to_target), node


def test_scoring_worked_example_action_plan_is_the_engines() -> None:
    framework, assessment = _worked_example()
    card = score(framework, assessment)
    shown = _block("actions").strip().strip("`").split(", ")
    assert [action.id for action in card.actions] == shown
    assert [r.id for r in card.not_assessed] == ["GOV.RSK.02"]
    assert [r.id for r in card.na_register] == ["SEC.DP.01"]
    by_id = {r.id: r for r in card.practices}
    table = SCORING.split("Per practice (GOV.RSK.02 has no answer):", 1)[1].split("\n\n")[1]
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        result = by_id[cells[0]]
        assert cells[6] == result.risk.value, cells[0]
        expected_priority = "–" if result.priority is None or not result.gap else None
        if expected_priority is None:
            assert cells[7].endswith(f"= {result.priority:g}"), cells[0]
        else:
            assert cells[7] == expected_priority, cells[0]


def test_no_file_points_at_a_design_document_outside_the_repository() -> None:
    pattern = re.compile(r"DESIGN(\.md| section)")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("caf", "tests", "docs", "frameworks", "templates")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
        and path.suffix in {".py", ".md", ".yaml", ".json", ".html", ".txt"}
        and pattern.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    offenders += ["README.md"] if pattern.search(README) else []
    assert offenders == []


def test_the_workbook_page_names_every_sheet_and_column() -> None:
    page = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
    missing = [f"sheet {name.value}" for name in SheetName if name.value not in page]
    missing += [
        f"column {column.header}"
        for column in ASSESS_COLUMNS
        if column.kind is not Kind.HELPER and f"| {column.header} " not in page
    ]
    missing += [f"Start field {field.value}" for field in StartField if field.value not in page]
    assert missing == []


def test_every_doc_page_is_linked_from_the_readme_or_another_page() -> None:
    pages = sorted((ROOT / "docs").glob("*.md"))
    texts = README + "".join(p.read_text(encoding="utf-8") for p in pages)
    assert [p.name for p in pages if p.name not in texts] == []
