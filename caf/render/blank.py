"""A blank assessment to fill in by hand: every practice, its question and rubric as comments.

The file is valid as written (every answer empty), so ``caf validate`` passes on it before and
after each answer is filled in.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from caf.render.yamltext import dump_model
from caf.validation.session import new_assessment

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from caf.models.framework import Framework, Practice

_WIDTH = 96


def _comment(text: str, indent: str, first: str = "", rest: str = "") -> Iterator[str]:
    """Text as comment lines; every kind of line break in the text starts a new comment line."""
    lines = text.splitlines() or [""]
    for number, line in enumerate(lines):
        lead = first if number == 0 else rest
        wrapped = textwrap.wrap(
            line,
            _WIDTH - len(indent) - len(rest) - 2,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
        for index, piece in enumerate(wrapped):
            prefix = lead if index == 0 else rest
            yield f"{indent}# {prefix}{piece}".rstrip()


def _practice(framework: Framework, practice: Practice) -> Iterator[str]:
    marks = ["CRITICAL"] if practice.critical else []
    marks.append(f"target {framework.target_of(practice)}")
    yield f'  "{practice.id}":'
    yield from _comment(f"{practice.title} ({', '.join(marks)})", "    ")
    yield from _comment(practice.question, "    ", "Q: ", "   ")
    for level in framework.scale.levels:
        text = framework.rubric_text(practice, level.value)
        yield from _comment(text, "    ", f"{level.value} {level.name}: ", "    ")
    yield "    level:"
    yield "    target:"
    yield "    na_reason:"
    yield "    notes:"
    yield "    owner:"
    yield "    due:"


def blank_assessment(
    framework: Framework,
    subject: str = "Team name",
    round_label: str = "",
    date: dt.date | None = None,
) -> str:
    """The YAML text of an empty assessment of ``framework``."""
    head = new_assessment(framework, subject, round_label, date)
    scale = ", ".join(f"{level.value} {level.name}" for level in framework.scale.levels)
    lines = [
        f"# An assessment of {framework.title} ({framework.ref}).",
        "# For each practice, set level to one of the scale's values, or write `level: n/a` and",
        "# give a na_reason. Leave a level empty if it was not discussed. A target set here",
        "# replaces the practice's target for this team.",
        *(_comment(f"Scale: {scale}.", "")),
        "# Check it with `caf validate FILE`; score it with `caf score FILE`.",
        dump_model(head).rstrip("\n"),
        "facilitator:",
        "participants: []",
        "answers:",
    ]
    for perspective in framework.perspectives:
        lines += ["", *_comment(f"== {perspective.title} ({perspective.id}) ==", "  ")]
        for capability in perspective.capabilities:
            lines += ["", *_comment(f"-- {capability.title} ({capability.id}) --", "  ")]
            for practice in capability.practices:
                lines += [*_practice(framework, practice)]
    return "\n".join(lines) + "\n"
