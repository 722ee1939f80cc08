"""Scorecards and portfolios as plain-text tables for the terminal (``caf score``)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from caf.models.base import content_ref
from caf.render.numbers import fmt_change, fmt_level, fmt_number, fmt_percent

if TYPE_CHECKING:
    from collections.abc import Sequence

    from caf.scoring.portfolio import Portfolio
    from caf.scoring.scorecard import Scorecard, Summary

TOP_ACTIONS = 10
"""How many actions the terminal scorecard lists."""


def clean(text: object) -> str:
    """Text safe to print: control characters (escape sequences, line breaks) shown as ``?``."""
    return "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in str(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """Columns padded to their widest cell; ``right`` marks right-aligned columns."""
    cells = [[clean(c) for c in headers], *[[clean(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _figures(summary: Summary) -> list[str]:
    return [
        fmt_number(summary.score),
        fmt_number(summary.target),
        fmt_level(summary.floor),
        fmt_percent(summary.coverage),
        fmt_percent(summary.percent_to_target),
        str(summary.high),
        str(summary.medium),
    ]


_FIGURE_HEADERS = ["Score", "Target", "Floor", "Coverage", "To target", "High", "Medium"]


def scorecard_text(card: Scorecard, *, detail: bool = True) -> str:
    """One assessment's scorecard: headline, perspectives (and capabilities), actions."""
    o = card.overall
    when = f" ({card.round.date.isoformat()})" if card.round.date else ""
    out = [
        (
            f"{clean(card.subject.name)} | {clean(card.round.label)}{when} | "
            f"{content_ref(card.framework_id, card.framework_version)}"
        ),
        (
            f"Overall {fmt_number(o.score)} against a target of {fmt_number(o.target)}; floor "
            f"{fmt_level(o.floor)}; {o.answered} of {o.applicable} applicable practices answered "
            f"({fmt_percent(o.coverage)}); {fmt_percent(o.percent_to_target)} of the way to "
            f"target; {o.high} high and {o.medium} medium risks."
        ),
        "",
    ]
    rows = []
    for perspective in card.perspectives:
        rows.append([perspective.title, *_figures(perspective.summary)])
        if detail:
            rows += [[f"  {c.title}", *_figures(c.summary)] for c in perspective.capabilities]
    rows.append(["Overall", *_figures(o)])
    out.append(table(["Perspective", *_FIGURE_HEADERS], rows, [False] + [True] * 7))
    if card.actions:
        shown = card.actions[:TOP_ACTIONS]
        out += [
            "",
            (
                f"Top actions ({len(shown)} of {len(card.actions)}; priority = weight x gap^2, "
                "doubled when critical)"
            ),
        ]
        out.append(
            table(
                ["Practice", "Title", "Level", "Target", "Gap", "Risk", "Priority", "Owner"],
                [
                    [
                        a.id,
                        a.title + (" *" if a.critical else ""),
                        fmt_level(a.level),
                        str(a.target),
                        fmt_level(a.gap),
                        a.risk.value,
                        fmt_number(a.priority),
                        a.owner or "",
                    ]
                    for a in shown
                ],
                [False, False, True, True, True, False, True, False],
            )
        )
    if card.not_assessed:
        ids = ", ".join(r.id for r in card.not_assessed)
        out += ["", f"Not assessed ({len(card.not_assessed)}): {clean(ids)}"]
    if card.na_register:
        out += ["", f"Not applicable ({len(card.na_register)}):"]
        out += [f"  {r.id}: {clean(r.na_reason or '(no reason given)')}" for r in card.na_register]
    return "\n".join(out)


def portfolio_text(result: Portfolio) -> str:
    """Latest round per subject with its trend, then each perspective across subjects."""
    ids = [p.id for p in result.perspectives]
    rows = []
    for history in sorted(result.subjects, key=lambda h: h.latest.subject.name.lower()):
        latest = history.latest
        rows.append(
            [
                latest.subject.name,
                latest.round.label,
                fmt_number(latest.overall.score),
                fmt_change(history.overall_change),
                *(fmt_number(p.summary.score) for p in latest.perspectives),
            ]
        )
    out = [
        (
            f"Portfolio | {content_ref(result.framework_id, result.framework_version)} | "
            f"{len(result.subjects)} subjects (latest round each; change since the round before)"
        ),
        table(
            ["Subject", "Round", "Overall", "Change", *ids],
            rows,
            [False, False, True, True, *[True] * len(ids)],
        ),
        "",
    ]
    spread_rows = [
        [
            p.title,
            fmt_number(p.spread.mean),
            fmt_number(p.spread.minimum),
            fmt_number(p.spread.median),
            fmt_number(p.spread.maximum),
        ]
        for p in result.perspectives
    ]
    o = result.overall
    spread_rows.append(
        [
            "Overall",
            fmt_number(o.mean),
            fmt_number(o.minimum),
            fmt_number(o.median),
            fmt_number(o.maximum),
        ]
    )
    out.append(
        table(
            ["Perspective", "Mean", "Min", "Median", "Max"],
            spread_rows,
            [False, True, True, True, True],
        )
    )
    return "\n".join(out)
