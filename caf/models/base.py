"""The shared base of caf's pydantic models and the small value types they have in common.

Every file caf reads is checked against models built on :class:`Model`: unknown keys are errors
(a typo must never be silently ignored), models are frozen (they are facts), and each field's
docstring becomes its description in the JSON Schema, so the schema documents itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)

Identifier: TypeAlias = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$"),
]
"""An id that people read and type: letters, digits, dot, dash and underscore (``SEC.DP.01``)."""

Slug: TypeAlias = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9\-]*$")
]
"""A lower-case, dash-separated name (``caf-ai``, ``prompt-injection``)."""

Version: TypeAlias = Annotated[
    str, StringConstraints(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/\-]*$")
]
"""A version label; text, so that ``1.10`` stays ``1.10`` (write it in quotes in YAML)."""

Text: TypeAlias = Annotated[str, StringConstraints(min_length=1, max_length=32_767)]
"""Non-empty text that fits in one spreadsheet cell."""


def _visible(value: str, info: ValidationInfo) -> str:
    """Refuse text of only white space: a name nobody can read."""
    if not value.strip():
        raise ValueError(f"{info.field_name}: has only spaces; give one people can read")
    return value


Label: TypeAlias = Annotated[Text, AfterValidator(_visible)]
"""Text with something visible in it: a team's name, a round's label."""

Weight: TypeAlias = Annotated[float, Field(gt=0, le=1000)]
"""A relative weight in a weighted mean: more than 0, 1 by default."""


def content_ref(content_id: str, version: str) -> str:
    """``id@version``: how caf names exactly one version of a framework, profile or catalog.

    The one place this text is formatted; everything that shows or looks up a versioned
    reference goes through it.
    """
    return f"{content_id}@{version}"


class Model(BaseModel):
    """Base of every caf model: unknown keys are errors, instances are frozen facts."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=False,
    )


class Published(Model):
    """What every file others can name has: an id, a version, a title and a description."""

    id: Slug
    """The id other files use to name this one, such as ``caf-ai`` or ``nist-ai-rmf``."""

    version: Version
    """The version of the content."""

    title: Text
    """The name people read."""

    description: str = ""
    """What it is and what it is for."""

    @property
    def ref(self) -> str:
        """``id@version``: how other files name exactly this content."""
        return content_ref(self.id, self.version)


class Source(Model):
    """Where a framework or catalog comes from, so readers can check it."""

    title: Text
    """The name of the source document or standard."""

    url: str | None = None
    """Where the source can be read."""

    date: dt.date | None = None
    """The date of the edition the content is based on."""

    notes: str | None = None
    """What was taken from the source, what was confirmed and what is caf's own judgement."""
