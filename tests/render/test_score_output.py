from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

from caf.demo import fictional_portfolio
from caf.render.jsondata import to_data
from caf.render.score_output import ScoreOutput, scorecard_data
from caf.scoring.evidence import unevidenced
from caf.scoring.portfolio import PortfolioBuilder
from caf.scoring.scorecard import score

if TYPE_CHECKING:
    from caf.validation.library import Library


def test_hand_written_json_equals_the_generic_walk(library: Library) -> None:
    framework = library.framework("caf-ai")
    for assessment in fictional_portfolio(framework)[:3]:
        card = score(framework, assessment)
        generic = to_data(card)
        assert isinstance(generic, dict)
        for name in ("actions", "not_assessed", "na_register"):
            generic[name] = [record["id"] for record in generic[name]]
        generic["unevidenced"] = [r.id for r in unevidenced(card)]
        assert json.dumps(scorecard_data(card, 3)) == json.dumps(generic)


def test_compact_by_default_indented_on_request(library: Library) -> None:
    framework = library.framework("starter")
    card = score(framework, fictional_portfolio(framework)[0])
    for indent, newlines in ((None, 1), (2, 100)):
        out = io.StringIO()
        with ScoreOutput(
            library, fmt="json", detail=True, catalog=None, indent=indent, level=3
        ) as output:
            output.add(framework, card)
            output.finish([], out)
        text = out.getvalue()
        assert json.loads(text)["scorecards"][0]["subject"] == to_data(card.subject)
        assert (text.count("\n") <= newlines) is (indent is None)


def test_portfolio_json_lists_every_round_read(library: Library) -> None:
    framework = library.framework("starter")
    builder = PortfolioBuilder(framework)
    for assessment in fictional_portfolio(framework):
        builder.add(score(framework, assessment))
    history = to_data(builder.build().subjects[0])
    assert isinstance(history, dict)
    assert history["rounds"] == ["2026-Q1", "2026-Q2", "2026-Q4"]
