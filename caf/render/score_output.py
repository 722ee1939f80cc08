"""What ``caf score`` prints, built one scorecard at a time.

Each scorecard is rendered as it is scored into a temporary spool (memory for small runs, disk
for large ones) and printed only once every file has been read, so a run that stops on a bad
file prints no results. JSON is compact by default (Python's fast encoder), with ``actions``,
``not_assessed``, ``na_register`` and ``unevidenced`` naming practices by id (every practice's
full record is in ``practices``); ``--indent`` makes it readable.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from typing import TYPE_CHECKING, Self

from caf.errors import NotFoundError
from caf.render.crosswalk import projection_data, projection_text, unevidenced_text
from caf.render.jsondata import to_data
from caf.render.terminal import portfolio_text, scorecard_text
from caf.scoring.crosswalk import catalog_ids, project
from caf.scoring.evidence import unevidenced

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import TracebackType

    from _typeshed import SupportsWrite

    from caf.models.assessment import Round, Subject
    from caf.models.catalog import Catalog
    from caf.models.framework import Framework
    from caf.scoring.portfolio import Portfolio
    from caf.scoring.scorecard import PracticeResult, Scorecard, Summary
    from caf.validation.library import Library

_SPOOL_BYTES = 16 * 1024 * 1024


def _summary(s: Summary) -> dict[str, object]:
    return {
        "score": s.score,
        "target": s.target,
        "floor": s.floor,
        "coverage": s.coverage,
        "percent_to_target": s.percent_to_target,
        "answered": s.answered,
        "applicable": s.applicable,
        "total": s.total,
        "high": s.high,
        "medium": s.medium,
    }


def _practice(r: PracticeResult) -> dict[str, object]:
    return {
        "id": r.id,
        "title": r.title,
        "perspective_id": r.perspective_id,
        "capability_id": r.capability_id,
        "order": r.order,
        "weight": r.weight,
        "critical": r.critical,
        "target": r.target,
        "level": r.level,
        "applicable": r.applicable,
        "gap": r.gap,
        "risk": r.risk.value,
        "priority": r.priority,
        "na_reason": r.na_reason,
        "owner": r.owner,
        "due": r.due.isoformat() if r.due is not None else None,
        "notes": r.notes,
        "evidence": r.evidence,
    }


def _model(model: Subject | Round) -> dict[str, object]:
    # What model_dump(mode="json", exclude_defaults=True) gives, without its cost per file.
    data: dict[str, object] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        default = [] if info.default_factory is not None else info.default
        if value != default:
            data[name] = value.isoformat() if isinstance(value, dt.date) else value
    return data


def scorecard_data(card: Scorecard, level: int) -> dict[str, object]:
    """One scorecard as JSON-ready data; lists of practices by id (records in ``practices``).

    The same as :func:`caf.render.jsondata.to_data` of the scorecard except for those lists,
    written out by hand because the generic walk costs more than scoring (a test compares).
    """
    return {
        "framework_id": card.framework_id,
        "framework_version": card.framework_version,
        "subject": _model(card.subject),
        "round": _model(card.round),
        "overall": _summary(card.overall),
        "perspectives": [
            {
                "id": p.id,
                "title": p.title,
                "weight": p.weight,
                "summary": _summary(p.summary),
                "capabilities": [
                    {
                        "id": c.id,
                        "title": c.title,
                        "kind": c.kind,
                        "weight": c.weight,
                        "summary": _summary(c.summary),
                    }
                    for c in p.capabilities
                ],
            }
            for p in card.perspectives
        ],
        "practices": [_practice(r) for r in card.practices],
        "actions": [r.id for r in card.actions],
        "not_assessed": [r.id for r in card.not_assessed],
        "na_register": [r.id for r in card.na_register],
        "unevidenced": [r.id for r in unevidenced(card, level)],
    }


class ScoreOutput:
    """Collects ``caf score`` output as scorecards arrive; prints it at the end."""

    def __init__(
        self,
        library: Library,
        *,
        fmt: str,
        detail: bool,
        catalog: str | None,
        indent: int | None,
        level: int,
    ) -> None:
        """Prepare the output in ``fmt`` (``table`` or ``json``)."""
        self._library = library
        self._json = fmt == "json"
        self._detail = detail
        self._catalog_id = catalog
        self._catalog: Catalog | None = None
        self._level = level
        self._encode = json.JSONEncoder(
            ensure_ascii=False, indent=indent, separators=None if indent else (",", ":")
        ).encode
        self._spool = tempfile.SpooledTemporaryFile(_SPOOL_BYTES, mode="w+", encoding="utf-8")  # noqa: SIM115
        self._cards = 0
        self._crosswalk: list[str] = []

    def _catalog_for(self, framework: Framework) -> Catalog | None:
        if self._catalog_id is None:
            return None
        if self._catalog is None:
            found = self._library.catalogs().get(self._catalog_id)
            if found is None or self._catalog_id not in catalog_ids(framework):
                known = ", ".join(catalog_ids(framework)) or "none"
                raise NotFoundError(
                    f"{framework.ref} references no catalog {self._catalog_id!r}; it references: "
                    f"{known}"
                )
            self._catalog = found
        return self._catalog

    def add(self, framework: Framework, card: Scorecard) -> None:
        """Render one scorecard into the spool."""
        catalog = self._catalog_for(framework)
        projection = project(framework, catalog, card) if catalog is not None else None
        if self._json:
            data = scorecard_data(card, self._level)
            if projection is not None:
                data["crosswalk"] = projection_data(card, projection)
            self._spool.write(("," if self._cards else "") + self._encode(data))
        else:
            blocks = [scorecard_text(card, detail=self._detail)]
            flags = unevidenced_text(unevidenced(card, self._level), self._level)
            if flags:
                blocks.append(flags)
            if projection is not None:
                blocks.append(projection_text(card, projection))
            self._spool.write(("\n\n" if self._cards else "") + "\n\n".join(blocks))
        self._cards += 1

    def finish(self, portfolios: Sequence[Portfolio], out: SupportsWrite[str]) -> None:
        """Print everything: JSON as one document, tables with the portfolios first."""
        self._spool.seek(0)
        if self._json:
            out.write('{"scorecards":[')
            shutil.copyfileobj(self._spool, out)
            listed = ",".join(self._encode(to_data(p)) for p in portfolios)
            out.write(f'],"portfolios":[{listed}]}}\n')
            return
        for block in (portfolio_text(p) for p in portfolios):
            out.write(block + "\n\n")
        shutil.copyfileobj(self._spool, out)
        out.write("\n")

    def __enter__(self) -> Self:
        """Use in a ``with`` block."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Drop the spool."""
        self._spool.close()
