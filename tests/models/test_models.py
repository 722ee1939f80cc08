"""Every model forbids unknown keys, is frozen, and documents every field (the schema's text)."""

from __future__ import annotations

from inspect import isclass

import pytest
from pydantic import ValidationError

from caf.models import assessment, catalog, framework, profile
from caf.models import base as model
from caf.models.assessment import Assessment

MODELS = [
    value
    for module in (model, framework, profile, catalog, assessment)
    for value in vars(module).values()
    if isclass(value) and issubclass(value, model.Model) and value is not model.Model
]


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_model_is_strict_frozen_and_documented(cls: type[model.Model]) -> None:
    assert cls.model_config.get("extra") == "forbid"
    assert cls.model_config.get("frozen") is True
    assert cls.__doc__
    undocumented = [name for name, field in cls.model_fields.items() if not field.description]
    assert undocumented == []


@pytest.mark.parametrize(("subject", "round_label"), [("   ", "2026-Q4"), ("Payments", " \t")])
def test_a_subject_or_round_of_only_spaces_is_refused(subject: str, round_label: str) -> None:
    """The workbook's import refuses a blank subject, so a file must not carry one either."""
    with pytest.raises(ValidationError, match="only spaces"):
        Assessment.model_validate(
            {
                "framework": {"id": "starter", "version": "1.0"},
                "subject": {"name": subject},
                "round": {"label": round_label},
            }
        )
