"""Scores projected onto a catalog another framework publishes (NIST AI RMF, ISO/IEC 42001…).

Practices reference catalog items with a relation: ``equal`` (the practice and the item ask
for the same thing), ``superset`` (the practice asks for all of the item and more), ``subset``
(the practice covers part of the item) or ``intersects`` (they overlap). The first two *cover*
the item whole; the last two cover a part.

The verdict for one item, over the practices that reference it and apply to the team (N/A
practices are listed but do not count), is the first of these that holds:

1. **not assessed** — none of those practices has a level;
2. **met** — if some of them cover the item whole: every one of those is answered and at its
   target (the parts do not matter, a whole cover answers the item); if none covers it whole:
   every one of them is answered and at its target (all the parts caf knows of are in place);
3. **partly** — at least one answered practice is at its target;
4. **not met** — every answered practice is below its target.

``docs/scoring.md`` (section *Crosswalk projection*) states the same rule for readers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from caf.models.framework import Relation

if TYPE_CHECKING:
    from collections.abc import Iterable

    from caf.models.catalog import Catalog
    from caf.models.framework import Framework
    from caf.scoring.scorecard import PracticeResult, Scorecard

WHOLE = frozenset({Relation.EQUAL, Relation.SUPERSET})
"""Relations by which a practice covers a catalog item whole."""


class Verdict(StrEnum):
    """Where a team stands against one catalog item."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not met"
    NOT_ASSESSED = "not assessed"


@dataclass(frozen=True, slots=True)
class Link:
    """One practice's result as it bears on a catalog item."""

    relation: Relation
    """How the practice relates to the item."""

    result: PracticeResult
    """The practice as answered and scored."""

    @property
    def at_target(self) -> bool:
        """True when answered with no gap."""
        return self.result.answered and self.result.gap == 0


@dataclass(frozen=True, slots=True)
class ItemResult:
    """A catalog item with the practices that reference it and the verdict they give."""

    id: str
    """The item's id as the catalog writes it."""

    title: str
    """The item's short title."""

    group: str | None
    """The item's group in its catalog."""

    links: tuple[Link, ...]
    """The practices referencing the item, in framework order."""

    verdict: Verdict
    """The verdict by the rule in this module's docstring."""


@dataclass(frozen=True, slots=True)
class Projection:
    """One scorecard projected onto one catalog."""

    catalog_id: str
    """The catalog's id."""

    catalog_title: str
    """The catalog's title."""

    items: tuple[ItemResult, ...]
    """Every item of the catalog, in its order (items no practice references: not assessed)."""

    def counts(self) -> dict[Verdict, int]:
        """How many items have each verdict."""
        found = Counter(item.verdict for item in self.items)
        return {verdict: found.get(verdict, 0) for verdict in Verdict}


def verdict(links: Iterable[Link]) -> Verdict:
    """The verdict for one item from the practices that reference it (module docstring)."""
    applicable = [link for link in links if link.result.applicable]
    answered = [link for link in applicable if link.result.answered]
    if not answered:
        return Verdict.NOT_ASSESSED
    whole = [link for link in applicable if link.relation in WHOLE]
    deciding = whole or applicable
    if all(link.at_target for link in deciding):
        return Verdict.MET
    if any(link.at_target for link in answered):
        return Verdict.PARTLY
    return Verdict.NOT_MET


def catalog_ids(framework: Framework) -> list[str]:
    """The catalogs the framework's practices reference, in order of first reference."""
    found: dict[str, None] = {}
    for _, _, practice in framework.practices():
        for reference in practice.references:
            found.setdefault(reference.catalog)
    return list(found)


def project(framework: Framework, catalog: Catalog, card: Scorecard) -> Projection:
    """Project one scorecard onto one catalog."""
    results = {result.id: result for result in card.practices}
    by_item: dict[str, list[Link]] = {}
    for _, _, practice in framework.practices():
        result = results.get(practice.id)
        if result is None:
            continue
        for reference in practice.references:
            if reference.catalog == catalog.id:
                by_item.setdefault(reference.id, []).append(Link(reference.relation, result))
    items = []
    for item in catalog.items:
        links = tuple(by_item.get(item.id, ()))
        items.append(ItemResult(item.id, item.title, item.group, links, verdict(links)))
    return Projection(catalog.id, catalog.title, tuple(items))
