"""The end-to-end demo: a seeded, fictional portfolio of teams run through the whole pipeline.

``caf demo`` writes the teams' assessments as YAML, reads them back through the same validation
every user file goes through, scores them as a portfolio, writes the results as JSON and prints
the portfolio and one team's scorecard. The same seed always gives the same portfolio.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from caf.errors import CafError
from caf.files import write_text
from caf.models.assessment import Answer, Assessment, FrameworkRef, Participant, Round, Subject
from caf.models.framework import digest
from caf.pack.writer import PackOptions, write_pack
from caf.render.export import ExportFormat
from caf.render.export_files import export_data
from caf.render.jsondata import results_data
from caf.render.terminal import portfolio_text, scorecard_text
from caf.render.yamltext import dump_model
from caf.report.writer import ReportOptions, write_report
from caf.scoring.portfolio import portfolio, round_key
from caf.validation.library import Library
from caf.validation.paths import load_assessments
from caf.validation.session import plan_session
from caf.xlsx.capture.reader import import_workbook
from caf.xlsx.capture.writer import write_capture
from caf.xlsx.scorecard.make import make_scorecard

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from caf.models.framework import Framework, Practice
    from caf.scoring.portfolio import Portfolio
    from caf.scoring.scorecard import Scorecard

DEMO_FRAMEWORK = "caf-ai"
"""The framework the demo assesses."""

DEMO_SEED = 2026
"""The default seed; the same seed gives the same portfolio on any machine."""


@dataclass(frozen=True)
class Team:
    """A fictional team of the demo portfolio."""

    id: str
    name: str
    business_unit: str
    maturity: float
    """Where the team's levels centre in the first round."""


TEAMS = (
    Team("payments", "Payments Platform", "Retail Banking", 3.1),
    Team("mortgage-advisor", "Mortgage Advisor Copilot", "Retail Banking", 2.4),
    Team("branch-insights", "Branch Insights", "Retail Banking", 2.0),
    Team("card-disputes", "Card Disputes Triage", "Retail Banking", 2.7),
    Team("care-assistant", "Customer Care Assistant", "Customer Service", 2.3),
    Team("voice-analytics", "Contact Centre Voice Analytics", "Customer Service", 1.8),
    Team("knowledge-search", "Agent Knowledge Search", "Customer Service", 2.9),
    Team("complaints-summary", "Complaints Summariser", "Customer Service", 1.6),
    Team("fraud-analytics", "Fraud Analytics", "Risk", 3.5),
    Team("credit-models", "Credit Decision Models", "Risk", 3.3),
    Team("aml-screening", "AML Screening Assistant", "Risk", 2.6),
    Team("model-validation", "Model Validation Workbench", "Risk", 3.0),
)
"""The demo portfolio: twelve teams in three business units."""

ROUNDS = (
    Round(label="2026-Q1", date=dt.date(2026, 2, 19)),
    Round(label="2026-Q2", date=dt.date(2026, 5, 14)),
    Round(label="2026-Q4", date=dt.date(2026, 11, 12)),
)
"""Three rounds, so the portfolio has a trend and a line to draw."""

_NA_REASONS = (
    "The team uses no models of its own; a vendor runs them under contract.",
    "No personal data is processed by this system.",
    "Out of scope for this round; agreed with the sponsor.",
)
_NA_SHARE = 0.04
"""Share of answers marked N/A."""
_BLANK_SHARE = 0.04
"""Share of first-round answers left blank (not discussed)."""
_RAISED_TARGET_SHARE = 0.05
"""Share of answers whose team set a target one above the practice's."""
_NOTE_SHARE = 0.3
"""Share of answers with a note."""
_OWNERS = ("Priya Raman", "Tomasz Nowak", "Aisha Bello", "Lucas Ferreira", "Mei Lin")
_EVIDENCE_SHARE = 0.6
"""Share of answers at level 3 or more that cite evidence (the rest are claims)."""
_EVIDENCE = (
    "Runbook in the team wiki, reviewed last quarter",
    "Architecture decision record",
    "Model card in the registry",
    "Audit ticket with sign-off",
)


def _due(round_: Round) -> dt.date | None:
    """A due date a quarter after the workshop."""
    return round_.date + dt.timedelta(days=91) if round_.date is not None else None


def _answer(
    rng: random.Random, framework: Framework, practice: Practice, centre: float, round_index: int
) -> Answer:
    """One seeded answer: mostly a level near the team's centre, sometimes N/A or blank."""
    roll = rng.random()
    if roll < _NA_SHARE:
        return Answer(na=True, na_reason=rng.choice(_NA_REASONS))
    if roll < _NA_SHARE + _BLANK_SHARE and round_index == 0:
        return Answer()
    low, high = framework.scale.lowest, framework.scale.highest
    level = min(high, max(low, round(rng.gauss(centre, 0.9))))
    target = framework.target_of(practice)
    if rng.random() < _RAISED_TARGET_SHARE:
        target = min(high, target + 1)
    gap = target - level
    evidence = (
        [rng.choice(_EVIDENCE)] if level >= 3 and rng.random() < _EVIDENCE_SHARE else []  # noqa: PLR2004 - the demo's evidence level
    )
    return Answer(
        level=level,
        target=target if target != framework.target_of(practice) else None,
        notes=f"Discussed in the {ROUNDS[round_index].label} workshop."
        if rng.random() < _NOTE_SHARE
        else None,
        owner=rng.choice(_OWNERS) if gap > 0 else None,
        due=_due(ROUNDS[round_index]) if gap > 0 else None,
        evidence=evidence,
    )


def fictional_portfolio(framework: Framework, seed: int = DEMO_SEED) -> list[Assessment]:
    """Every demo team in every round; later rounds improve on earlier ones."""
    rng = random.Random(seed)  # noqa: S311 - seeded fictional data, not security
    ref = FrameworkRef(id=framework.id, version=framework.version, digest=digest(framework))
    result = []
    for team in TEAMS:
        offsets = {p.id: rng.uniform(-0.6, 0.6) for p in framework.perspectives}
        for index, round_ in enumerate(ROUNDS):
            centre_shift = index * rng.uniform(0.2, 0.8)
            answers = {
                practice.id: _answer(
                    rng,
                    framework,
                    practice,
                    team.maturity + offsets[perspective.id] + centre_shift,
                    index,
                )
                for perspective, _, practice in framework.practices()
            }
            result.append(
                Assessment(
                    framework=ref,
                    subject=Subject(name=team.name, id=team.id, business_unit=team.business_unit),
                    round=round_,
                    facilitator="Jordan Okafor",
                    participants=[
                        Participant(name=name, role=role)
                        for name, role in (
                            ("Sam Keller", "product owner"),
                            ("Rita Gomes", "ML engineer"),
                        )
                    ],
                    answers=answers,
                )
            )
    return result


@dataclass
class DemoResult:
    """What the demo wrote and computed."""

    framework: Framework
    portfolio: Portfolio
    files: list[Path] = field(default_factory=list)


def run(
    out: Path,
    *,
    seed: int = DEMO_SEED,
    framework_ref: str = DEMO_FRAMEWORK,
    echo: Callable[[str], None] = print,
) -> DemoResult:
    """Run the demo into the folder ``out`` and print what a user would look at."""
    library = Library()
    framework = library.framework(framework_ref)
    assessments = fictional_portfolio(framework, seed)
    folder = out / "assessments"
    written: list[Path] = []
    for assessment in assessments:
        name = f"{assessment.subject.key}-{assessment.round.label}.yaml"
        target = folder / name
        write_text(target, dump_model(assessment))
        written.append(target)
    echo(f"Wrote {len(written)} assessments of {framework.ref} to {folder}")

    loaded = load_assessments(written, library)
    result = portfolio(framework, [assessment for assessment, _ in loaded.pairs])
    cards = [card for history in result.subjects for card in history.rounds]
    scores_file = out / "scorecards.json"
    write_text(
        scores_file, json.dumps(results_data(cards, [result]), indent=2, ensure_ascii=False) + "\n"
    )
    echo(f"Validated and scored them; wrote {scores_file}")
    echo("")
    echo(portfolio_text(result))
    echo("")
    # The team with the most to do makes the most useful example scorecard.
    focus = min(result.subjects, key=lambda h: h.latest.overall.score or 0.0)
    echo(scorecard_text(focus.latest, detail=False))
    echo("")
    echo(f"Capabilities and every practice: caf score {folder}/<file>.yaml")
    echo("")
    leadership = _leadership(out, library, folder, focus.latest, echo)
    echo("")
    files = _workshop(out, library, framework, focus.latest.subject.key, loaded.pairs, echo)
    files += _next_pack(out, library, framework_ref, focus.latest, written, echo)
    files += _reports(out, library, folder, focus.latest, echo)
    return DemoResult(framework, result, [*written, scores_file, *leadership, *files])


def _leadership(
    out: Path, library: Library, folder: Path, focus: Scorecard, echo: Callable[[str], None]
) -> list[Path]:
    """The portfolio scorecard, one team's scorecard and the tidy data export."""
    portfolio_file = out / "portfolio-scorecard.xlsx"
    team_file = out / f"scorecard-{focus.subject.key}.xlsx"
    data_file = out / "data.csv"
    made = make_scorecard([folder], library, portfolio_file)
    echo(
        f"Portfolio scorecard: {portfolio_file} ({made.subjects} teams, {made.assessments} "
        f"assessments, {made.rows:,} data rows)"
    )
    team = folder / f"{focus.subject.key}-{focus.round.label}.yaml"
    make_scorecard([team], library, team_file)
    echo(f"Scorecard of {focus.subject.name}, {focus.round.label}: {team_file}")
    done = export_data([folder], library, data_file, ExportFormat.CSV)
    echo(f"Tidy data for pivot tables: {data_file} ({done.rows:,} rows)")
    return [portfolio_file, team_file, data_file]


def _reports(
    out: Path, library: Library, folder: Path, focus: Scorecard, echo: Callable[[str], None]
) -> list[Path]:
    """The portfolio report and one team's report (every round of it, for its trend)."""
    portfolio_file = out / "portfolio-report.html"
    team_file = out / f"report-{focus.subject.key}.html"
    made = write_report([folder], library, portfolio_file, ReportOptions())
    echo(f"Portfolio report: {portfolio_file} ({made.subjects} teams, {made.size / 1024:,.0f} KiB)")
    team = sorted(folder.glob(f"{focus.subject.key}-*.yaml"))
    write_report(team, library, team_file, ReportOptions())
    echo(f"Report of {focus.subject.name}, {focus.round.label}: {team_file}")
    return [portfolio_file, team_file]


def _next_pack(
    out: Path,
    library: Library,
    framework_ref: str,
    latest: Scorecard,
    written: list[Path],
    echo: Callable[[str], None],
) -> list[Path]:
    """The workshop pack for the team's next round, built on its latest round."""
    previous = next(
        p for p in written if p.name == f"{latest.subject.key}-{latest.round.label}.yaml"
    )
    when = (latest.round.date or ROUNDS[-1].date or dt.date(2026, 11, 12)) + dt.timedelta(days=182)
    session = plan_session(
        library,
        framework_ref,
        subject=latest.subject.name,
        round_label=f"{when.year}-Q{(when.month - 1) // 3 + 1}",
        date=when,
    )
    folder = out / "pack"
    result = write_pack(folder, session, previous, library, PackOptions(force=True))
    echo(
        f"Workshop pack for {latest.subject.name}'s next round ({session.assessment.round.label}), "
        f"built on {latest.round.label}: wrote {folder}/ ({len(result.files)} files) and "
        f"{result.archive}."
    )
    if result.context.agenda_warning:
        echo(result.context.agenda_warning)
    return [folder, result.archive]


def _workshop(
    out: Path,
    library: Library,
    framework: Framework,
    key: str,
    pairs: list[tuple[Assessment, Framework]],
    echo: Callable[[str], None],
) -> list[Path]:
    """The capture workbook's round trip for one team: write it blank and filled, import it.

    Both workbooks are written by caf with every formula's computed value, so previews, pandas
    and python-calamine see the Scorecard's numbers before any spreadsheet program opens them.
    """
    source = max((a for a, _ in pairs if a.subject.key == key), key=lambda a: round_key(a.round))
    blank = out / "capture-blank.xlsx"
    filled = out / "capture-filled.xlsx"
    imported_file = out / "imported.yaml"
    write_capture(blank, framework, source.model_copy(update={"answers": {}}))
    write_capture(filled, framework, source)
    imported = import_workbook(filled, library)
    write_text(imported_file, dump_model(imported.assessment))
    given = {k: v for k, v in source.answers.items() if v != Answer()}
    same = sum(1 for k, v in given.items() if imported.assessment.answers.get(k) == v)
    echo(
        f"Capture workbook for {source.subject.name}, {source.round.label}: wrote {blank} (blank) "
        f"and {filled} (the team's answers, scored); imported it into {imported_file}."
    )
    echo(f"Round trip: {same} of {len(given)} answers came back identical.")
    if same != len(given) or len(imported.assessment.answers) != len(given):
        raise CafError("the capture workbook did not give back the answers typed into it")
    return [blank, filled, imported_file]
