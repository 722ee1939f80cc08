"""Catalog models: another framework's ids and short titles, for practices to reference.

A catalog holds ids and short titles only (never the other framework's text), so that practices
can say where they correspond to NIST AI RMF subcategories, ISO/IEC 42001 Annex A controls, OWASP
Top 10 for LLM entries or EU AI Act articles, and a test can prove every such reference exists.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from caf.models.base import Model, Published, Source, Text


class CatalogItem(Model):
    """One item of another framework: an id and a short title in caf's own words."""

    id: Text
    """The id exactly as the other framework writes it, such as ``GOVERN 1.1`` or ``A.6.2.6``."""

    title: Text
    """A short title in caf's own words."""

    group: str | None = None
    """The group the item belongs to in its framework, such as ``GOVERN 1`` or ``A.6``."""


class Catalog(Published):
    """A reference list of another framework's items."""

    kind: Literal["catalog"] = "catalog"
    """What this file is."""

    source: Source | None = None
    """Where the ids come from."""

    items: list[CatalogItem] = Field(min_length=1)
    """The items, in the other framework's order."""

    def item(self, item_id: str) -> CatalogItem | None:
        """The item with this id, if the catalog has it."""
        return next((item for item in self.items if item.id == item_id), None)
