"""Every issue code has a description, listed by ``caf validate --codes`` and in the docs."""

from __future__ import annotations

import json

from click.testing import CliRunner
from helpers import ROOT

from caf.cli.main import main
from caf.errors import CODE_DESCRIPTIONS, Code


def test_every_code_has_a_one_line_description() -> None:
    assert set(CODE_DESCRIPTIONS) == set(Code)
    for code in Code:
        assert code.description.strip()
        assert "\n" not in code.description


def test_validate_codes_lists_every_code() -> None:
    result = CliRunner().invoke(main, ["validate", "--codes", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {c.value: c.description for c in Code}
    text = CliRunner().invoke(main, ["validate", "--codes"]).stdout
    assert all(c.value in text and c.description in text for c in Code)


def test_docs_page_lists_every_code_with_its_description() -> None:
    page = (ROOT / "docs" / "error-codes.md").read_text(encoding="utf-8")
    for code in Code:
        assert f"| `{code.value}` | {code.description} |" in page, code


def test_validate_without_paths_is_a_usage_error() -> None:
    assert CliRunner().invoke(main, ["validate"]).exit_code == 2
