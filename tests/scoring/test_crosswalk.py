from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import make_assessment, make_framework, practice

from caf.models.catalog import Catalog
from caf.scoring.crosswalk import Verdict, catalog_ids, project
from caf.scoring.scorecard import score

if TYPE_CHECKING:
    from caf.models.framework import Framework
    from caf.validation.library import Library

CATALOG = Catalog.model_validate(
    {
        "id": "cat",
        "version": "1",
        "title": "A catalog",
        "items": [{"id": f"I{n}", "title": f"Item {n}"} for n in range(1, 4)],
    }
)


def _framework(relations: list[str]) -> Framework:
    practices = [
        practice(f"p{n}", references=[{"catalog": "cat", "id": "I1", "relation": relation}])
        for n, relation in enumerate(relations, start=1)
    ]
    capability = {"id": "c", "title": "C", "practices": practices}
    return make_framework([{"id": "P", "title": "P", "capabilities": [capability]}])


def _verdict(relations: list[str], answers: dict[str, dict[str, object]]) -> Verdict:
    framework = _framework(relations)
    card = score(framework, make_assessment(framework, answers))
    return project(framework, CATALOG, card).items[0].verdict


AT: dict[str, object] = {"level": 3}
BELOW: dict[str, object] = {"level": 1}
NA: dict[str, object] = {"na": True, "na_reason": "not here"}


@pytest.mark.parametrize(
    ("relations", "answers", "expected"),
    [
        # Nothing answered: not assessed (N/A does not count as an answer).
        (["intersects", "subset"], {}, Verdict.NOT_ASSESSED),
        (["intersects"], {"p1": NA}, Verdict.NOT_ASSESSED),
        # Only partial covers: every one must be at target for met.
        (["intersects", "subset"], {"p1": AT, "p2": AT}, Verdict.MET),
        (["intersects", "subset"], {"p1": AT}, Verdict.PARTLY),
        (["intersects", "subset"], {"p1": AT, "p2": BELOW}, Verdict.PARTLY),
        (["intersects", "subset"], {"p1": BELOW, "p2": BELOW}, Verdict.NOT_MET),
        (["intersects", "subset"], {"p1": BELOW}, Verdict.NOT_MET),
        # N/A practices are left out of the rule.
        (["intersects", "subset"], {"p1": AT, "p2": NA}, Verdict.MET),
        # A whole cover decides, whatever the partial ones say.
        (["equal", "intersects"], {"p1": AT, "p2": BELOW}, Verdict.MET),
        (["superset", "subset"], {"p1": AT}, Verdict.MET),
        (["equal", "intersects"], {"p1": BELOW, "p2": AT}, Verdict.PARTLY),
        (["equal", "superset"], {"p1": AT, "p2": BELOW}, Verdict.PARTLY),
        (["equal", "superset"], {"p1": AT}, Verdict.PARTLY),
        (["equal", "intersects"], {"p2": AT}, Verdict.PARTLY),
        (["equal"], {"p1": BELOW}, Verdict.NOT_MET),
        # Above target counts as at target.
        (["equal"], {"p1": {"level": 5}}, Verdict.MET),
    ],
)
def test_verdict_rule(
    relations: list[str], answers: dict[str, dict[str, object]], expected: Verdict
) -> None:
    assert _verdict(relations, answers) == expected


def test_projection_lists_every_item_in_catalog_order() -> None:
    framework = _framework(["intersects", "equal"])
    card = score(framework, make_assessment(framework, {"p1": AT, "p2": BELOW}))
    projection = project(framework, CATALOG, card)
    assert [item.id for item in projection.items] == ["I1", "I2", "I3"]
    assert [link.result.id for link in projection.items[0].links] == ["p1", "p2"]
    assert projection.items[1].verdict is Verdict.NOT_ASSESSED
    counts = projection.counts()
    # The whole cover (p2) is below target; p1, a partial cover, is at target.
    assert counts[Verdict.PARTLY] == 1
    assert counts[Verdict.NOT_ASSESSED] == 2
    assert catalog_ids(framework) == ["cat"]


def test_shipped_framework_projects_onto_each_catalog(library: Library) -> None:
    framework = library.framework("caf-ai")
    ids = catalog_ids(framework)
    assert {"nist-ai-rmf", "iso-42001", "owasp-llm-2025", "eu-ai-act"} <= set(ids)
    answers = {pid: {"level": 5} for pid in framework.practice_ids()}
    card = score(framework, make_assessment(framework, answers))
    for catalog_id in ids:
        projection = project(framework, library.catalogs()[catalog_id], card)
        referenced = [item for item in projection.items if item.links]
        assert referenced
        # Every practice at the top of the scale meets every item it references.
        assert all(item.verdict is Verdict.MET for item in referenced)
