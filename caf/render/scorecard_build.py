"""Build the scorecard's view model (:mod:`caf.render.scorecard_view`) from scored results.

One subject or many: a single assessment is a portfolio of one. Every figure is formatted
here, once, through :mod:`caf.render.numbers`.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from typing import TYPE_CHECKING

from caf.render.numbers import (
    fmt_change,
    fmt_level_of_target,
    fmt_number,
    fmt_percent,
    shown_value,
)
from caf.render.scorecard_view import (
    ActionRow,
    CrosswalkRow,
    EvidenceRow,
    Headline,
    Heatmap,
    HeatRow,
    NaRow,
    NodeRow,
    PerspectiveChart,
    ScorecardView,
    Shown,
    SpreadRow,
    SubjectLine,
    TrendPoint,
    TrendRow,
)
from caf.render.tidy import COLUMNS
from caf.scoring.crosswalk import Verdict, catalog_ids, project
from caf.scoring.evidence import DEFAULT_EVIDENCE_LEVEL, is_unevidenced
from caf.scoring.portfolio import round_key
from caf.scoring.scorecard import action_order

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from caf.models.catalog import Catalog
    from caf.models.framework import Framework
    from caf.render.tidy import Cell
    from caf.scoring.portfolio import Portfolio, Spread, SubjectHistory
    from caf.scoring.scorecard import PracticeResult, Scorecard, Summary


def score(value: float | None) -> Shown:
    """A score or target."""
    return Shown(shown_value(value), fmt_number(value))


def percent(value: float | None) -> Shown:
    """A fraction shown as a percentage."""
    return Shown(shown_value(value), fmt_percent(value))


def change(value: float | None) -> Shown:
    """A signed change between rounds."""
    return Shown(shown_value(value), fmt_change(value))


def count(value: float | None) -> Shown:
    """A count or a whole number."""
    return Shown(value, "" if value is None else f"{value:g}")


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None


class _Titles:
    """Titles of perspectives and capabilities, and where to look on AWS, by id."""

    def __init__(self, framework: Framework) -> None:
        self.perspective = {p.id: p.title for p in framework.perspectives}
        self.capability = {c.id: c.title for _, c in framework.capabilities()}
        self.aws = {p.id: "; ".join(p.aws_evidence) for _, _, p in framework.practices()}


def _node(
    card: Scorecard,
    perspective: str,
    node_id: str,
    title: str,
    kind: str | None,
    weight: float,
    s: Summary,
) -> NodeRow:
    return NodeRow(
        card.subject.name,
        card.round.label,
        perspective,
        node_id,
        title,
        kind,
        weight,
        score(s.score),
        score(s.target),
        count(s.floor),
        percent(s.coverage),
        percent(s.percent_to_target),
        s.answered,
        s.applicable,
        s.total,
        s.high,
        s.medium,
    )


def _nodes(cards: list[Scorecard]) -> tuple[list[NodeRow], list[NodeRow]]:
    perspectives, capabilities = [], []
    for card in cards:
        for p in card.perspectives:
            perspectives.append(_node(card, p.title, p.id, p.title, None, p.weight, p.summary))
            capabilities += [
                _node(card, p.title, c.id, c.title, c.kind, c.weight, c.summary)
                for c in p.capabilities
            ]
    return perspectives, capabilities


def _action(card: Scorecard, r: PracticeResult, titles: _Titles, level: int) -> ActionRow:
    return ActionRow(
        card.subject.name,
        r.id,
        r.title,
        titles.perspective[r.perspective_id],
        titles.capability[r.capability_id],
        r.level,
        r.target,
        r.gap,
        r.risk.value,
        count(r.priority),
        r.critical,
        r.owner,
        r.due,
        "claimed, unevidenced" if is_unevidenced(r, level) else "",
        titles.aws.get(r.id, ""),
    )


def _headline(cards: list[Scorecard], portfolio: Portfolio, level: int) -> tuple[Headline, ...]:
    overall = [c.overall for c in cards]
    critical = sum(1 for c in cards for r in c.actions if r.critical)
    claims = sum(1 for c in cards for r in c.practices if is_unevidenced(r, level))
    lines = [
        Headline("Overall score", score(portfolio.overall.mean), "score", "weighted mean level"),
        Headline("Target", score(_mean(s.target for s in overall)), "score", "where teams aim"),
        Headline(
            "Percent to target",
            percent(_mean(s.percent_to_target for s in overall)),
            "percent",
            "no credit past the target",
        ),
        Headline("Coverage", percent(_mean(s.coverage for s in overall)), "percent", "answered"),
        Headline("HIGH risks", count(sum(s.high for s in overall)), "count", "practices"),
        Headline("Critical gaps", count(critical), "count", "critical practices below target"),
        Headline(
            "Claimed, unevidenced", count(claims), "count", f"level {level}+ without evidence"
        ),
    ]
    if len(cards) > 1:
        lines.insert(0, Headline("Subjects", count(len(cards)), "count", "latest round each"))
    return tuple(lines)


def _spread(title: str, s: Spread) -> SpreadRow:
    return SpreadRow(
        title, score(s.mean), score(s.minimum), score(s.median), score(s.maximum), s.count
    )


def _heatmaps(framework: Framework, histories: list[SubjectHistory]) -> tuple[Heatmap, Heatmap]:
    ordered = sorted(
        histories,
        key=lambda h: (h.latest.subject.business_unit or "", h.latest.subject.name),
    )
    caps = [c for _, c in framework.capabilities()]
    rows, cap_rows = [], []
    for h in ordered:
        card, unit = h.latest, h.latest.subject.business_unit or ""
        rows.append(
            HeatRow(
                card.subject.name, unit, tuple(score(p.summary.score) for p in card.perspectives)
            )
        )
        by_cap = {c.id: c.summary.score for p in card.perspectives for c in p.capabilities}
        cap_rows.append(
            HeatRow(card.subject.name, unit, tuple(score(by_cap.get(c.id)) for c in caps))
        )
    return (
        Heatmap(tuple(p.title for p in framework.perspectives), tuple(rows)),
        Heatmap(tuple(c.title for c in caps), tuple(cap_rows)),
    )


def _trend(histories: list[SubjectHistory]) -> tuple[list[TrendRow], list[TrendPoint]]:
    rows = []
    for h in histories:
        before, after = h.previous, h.latest
        if before is None:
            continue
        pairs = [("Overall", before.overall.score, after.overall.score)]
        pairs += [
            (p.title, q.summary.score, p.summary.score)
            for p, q in zip(after.perspectives, before.perspectives, strict=True)
        ]
        rows += [
            TrendRow(
                after.subject.name,
                node,
                before.round.label,
                after.round.label,
                score(old),
                score(new),
                change(None if old is None or new is None else new - old),
            )
            for node, old, new in pairs
        ]
    by_label: dict[str, list[float | None]] = {}
    first: dict[str, tuple[int, str, str]] = {}
    for h in histories:
        for round_, overall in h.overall_by_round:
            by_label.setdefault(round_.label, []).append(overall)
            key = round_key(round_)
            first[round_.label] = min(first.get(round_.label, key), key)
    points = [
        TrendPoint(label, score(_mean(values)), len(values))
        for label, values in sorted(by_label.items(), key=lambda item: first[item[0]])
    ]
    return rows, points if len(points) > 1 else []


_WORST_FIRST = (Verdict.NOT_MET, Verdict.PARTLY, Verdict.MET, Verdict.NOT_ASSESSED)


def _crosswalk(
    framework: Framework, catalogs: Mapping[str, Catalog], cards: list[Scorecard]
) -> list[CrosswalkRow]:
    rows = []
    for catalog_id in catalog_ids(framework):
        catalog = catalogs.get(catalog_id)
        if catalog is None:
            continue
        projections = [project(framework, catalog, card) for card in cards]
        for index, item in enumerate(catalog.items):
            results = [p.items[index] for p in projections]
            tally = Counter(r.verdict for r in results)
            common = max(_WORST_FIRST, key=lambda v: (tally[v], -_WORST_FIRST.index(v)))
            links = results[0].links
            if len(cards) == 1:
                lines = [
                    f"{link.result.id} ({link.relation.value}): {fmt_level_of_target(link.result)}"
                    for link in links
                ]
            else:
                lines = [f"{link.result.id} ({link.relation.value})" for link in links]
            gaps = [link.result.gap for r in results for link in r.links if link.result.gap]
            rows.append(
                CrosswalkRow(
                    catalog.title,
                    item.id,
                    item.title,
                    "\n".join(lines),
                    max(gaps) if gaps else None,
                    common.value,
                    tally[Verdict.MET],
                    tally[Verdict.PARTLY],
                    tally[Verdict.NOT_MET],
                    tally[Verdict.NOT_ASSESSED],
                )
            )
    return rows


def _subject_line(history: SubjectHistory) -> SubjectLine:
    """A subject at its latest round, and how many rounds of it were read."""
    latest = history.latest
    return SubjectLine(
        history.key,
        latest.subject.name,
        latest.subject.business_unit,
        latest.round.label,
        latest.round.date,
        len(history.overall_by_round),
    )


def _na_rows(cards: list[Scorecard], titles: _Titles) -> tuple[NaRow, ...]:
    """Every practice marked N/A, with its reason."""
    return tuple(
        NaRow(
            card.subject.name,
            card.round.label,
            r.id,
            r.title,
            titles.perspective[r.perspective_id],
            r.na_reason or "no reason given",
        )
        for card in cards
        for r in card.na_register
    )


def _evidence_rows(cards: list[Scorecard], titles: _Titles, level: int) -> tuple[EvidenceRow, ...]:
    """Every level at or above ``level`` claimed without an evidence item."""
    return tuple(
        EvidenceRow(
            card.subject.name,
            card.round.label,
            r.id,
            r.title,
            titles.perspective[r.perspective_id],
            r.level or 0,
            r.target,
        )
        for card in cards
        for r in card.practices
        if is_unevidenced(r, level)
    )


def build_view(
    framework: Framework,
    portfolio: Portfolio,
    catalogs: Mapping[str, Catalog],
    data: Iterable[tuple[Cell, ...]],
    *,
    framework_digest: str,
    evidence_level: int = DEFAULT_EVIDENCE_LEVEL,
    generated: dt.datetime | None = None,
) -> ScorecardView:
    """The view of a portfolio (one subject or many) and the tidy rows of every round read."""
    histories = list(portfolio.subjects)
    cards = [h.latest for h in histories]
    titles = _Titles(framework)
    perspectives, capabilities = _nodes(cards)
    actions = sorted(
        ((action_order(r), card.subject.name, card, r) for card in cards for r in card.actions),
        key=lambda item: (item[0], item[1]),
    )
    heatmap, capability_heatmap = _heatmaps(framework, histories)
    trend, points = _trend(histories)
    single = len(cards) == 1
    name = cards[0].subject.name if single else f"{len(cards)} subjects"
    return ScorecardView(
        title=f"{'Scorecard' if single else 'Portfolio scorecard'} \u2014 {name}",
        portfolio=not single,
        framework=framework.title,
        framework_ref=framework.ref,
        framework_digest=framework_digest,
        generated=generated or dt.datetime.now(dt.UTC).replace(microsecond=0),
        evidence_level=evidence_level,
        subjects=tuple(_subject_line(h) for h in histories),
        headline=_headline(cards, portfolio, evidence_level),
        chart=tuple(
            PerspectiveChart(
                p.title,
                score(p.spread.mean),
                score(_mean(c.perspectives[i].summary.target for c in cards)),
            )
            for i, p in enumerate(portfolio.perspectives)
        ),
        spread=tuple(
            [_spread("Overall", portfolio.overall)]
            + [_spread(p.title, p.spread) for p in portfolio.perspectives]
        )
        if not single
        else (),
        perspectives=tuple(perspectives),
        capabilities=tuple(capabilities),
        actions=tuple(_action(card, r, titles, evidence_level) for _, _, card, r in actions),
        heatmap=heatmap,
        capability_heatmap=capability_heatmap,
        trend=tuple(trend),
        trend_points=tuple(points),
        crosswalk=tuple(_crosswalk(framework, catalogs, cards)),
        na_register=_na_rows(cards, titles),
        evidence=_evidence_rows(cards, titles, evidence_level),
        data_columns=COLUMNS,
        data=data,
    )
