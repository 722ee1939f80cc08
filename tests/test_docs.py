"""The README documents every command and the two set-up commands CI runs."""

from __future__ import annotations

from pathlib import Path

from caf.cli.main import main

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    for name, command in main.commands.items():
        assert f"caf {name}" in README, f"`caf {name}` is missing from README.md"
        assert command.help, f"`caf {name}` has no help text"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    marker = "<!-- test-command -->"
    assert marker in README
    block = README.split(marker, 1)[1].split("```", 2)[1]
    command = block.removeprefix("sh").strip()
    assert command in ci, "`.ci/run` must run the README's test command as written"
