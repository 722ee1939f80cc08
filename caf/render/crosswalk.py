"""The crosswalk projection and evidence flags for ``caf score``: terminal text and JSON data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from caf.render.numbers import fmt_level_of_target
from caf.render.terminal import clean, table

if TYPE_CHECKING:
    from caf.scoring.crosswalk import Projection
    from caf.scoring.scorecard import PracticeResult, Scorecard


def projection_text(card: Scorecard, projection: Projection) -> str:
    """One scorecard against one catalog: a verdict per item, with the practices behind it."""
    counts = projection.counts()
    summary = ", ".join(f"{n} {verdict.value}" for verdict, n in counts.items())
    rows = []
    for item in projection.items:
        practices = "; ".join(
            f"{link.result.id} {link.relation.value} {fmt_level_of_target(link.result)}"
            for link in item.links
        )
        rows.append([item.id, item.title[:48], item.verdict.value, practices or "-"])
    head = (
        f"{clean(card.subject.name)}, {clean(card.round.label)} against "
        f"{clean(projection.catalog_title)}: {summary}"
    )
    body = table(
        ["Item", "Title", "Verdict", "Practices (relation level/target)"],
        rows,
        [False, False, False, False],
    )
    return f"{head}\n\n{body}"


def projection_data(card: Scorecard, projection: Projection) -> dict[str, object]:
    """One scorecard against one catalog as JSON-ready data."""
    return {
        "catalog": projection.catalog_id,
        "subject": card.subject.key,
        "round": card.round.label,
        "counts": {verdict.value: n for verdict, n in projection.counts().items()},
        "items": [
            {
                "id": item.id,
                "title": item.title,
                "verdict": item.verdict.value,
                "practices": [
                    {
                        "id": link.result.id,
                        "relation": link.relation.value,
                        "level": link.result.level,
                        "target": link.result.target,
                        "gap": link.result.gap,
                        "applicable": link.result.applicable,
                    }
                    for link in item.links
                ],
            }
            for item in projection.items
        ],
    }


def unevidenced_text(results: tuple[PracticeResult, ...], level: int) -> str:
    """The claimed, unevidenced practices of a scorecard, or nothing."""
    if not results:
        return ""
    rows = [[r.id, r.title[:50], str(r.level), str(r.target)] for r in results]
    head = f"Claimed, unevidenced (level {level} or more, no evidence item): {len(results)}"
    return (
        head + "\n" + table(["ID", "Practice", "Level", "Target"], rows, [False, False, True, True])
    )
