"""The one Jinja2 environment: search path, ``default:``, strict, autoescaped, sandboxed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import write
from jinja2.sandbox import SandboxedEnvironment

from caf.errors import CafError
from caf.render.templating import environment, render

if TYPE_CHECKING:
    from pathlib import Path


def test_builtins_render_unsandboxed_and_user_folders_sandboxed(tmp_path: Path) -> None:
    assert not isinstance(environment(), SandboxedEnvironment)
    assert isinstance(environment([tmp_path]), SandboxedEnvironment)


def test_user_folder_first_and_default_prefix_means_builtin(tmp_path: Path) -> None:
    write(tmp_path / "layout" / "base.html", "MINE {% block content %}{% endblock %}")
    write(
        tmp_path / "page.html",
        '{% extends "default:layout/base.html" %}{% block title %}T{% endblock %}'
        "{% block content %}{{ text }}{% endblock %}",
    )
    write(
        tmp_path / "mine.html", '{% extends "layout/base.html" %}{% block content %}x{% endblock %}'
    )
    env = environment([tmp_path])
    built_on_default = render(env, "page.html", {"text": "<i>hi</i>"})
    assert "<!DOCTYPE html>" in built_on_default
    assert "MINE" not in built_on_default
    assert "&lt;i&gt;hi&lt;/i&gt;" in built_on_default  # autoescaped
    assert render(env, "mine.html", {}) == "MINE x"  # the user's base shadows the built-in


def test_text_templates_are_not_escaped(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "{{ text }}")
    assert render(environment([tmp_path]), "a.txt", {"text": "<b>&"}) == "<b>&"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ missing }}", "'missing' is undefined"),
        ("{{ text.__class__.__mro__ }}", "template error"),
        ("{{ text.format.__globals__ }}", "template error"),
        ("{% if %}", "a.html:1: template error"),
        ('{% include "nope.html" %}', "template nope.html not found"),
    ],
)
def test_template_problems_are_clean_errors(tmp_path: Path, source: str, message: str) -> None:
    write(tmp_path / "a.html", source)
    with pytest.raises(CafError, match="template") as caught:
        render(environment([tmp_path]), "a.html", {"text": "x"})
    assert message in str(caught.value)


def test_a_missing_templates_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CafError, match="does not exist"):
        environment([tmp_path / "nope"])
