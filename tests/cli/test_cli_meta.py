"""Every command has help text that ends with an example (the CLI reference)."""

from __future__ import annotations

import typer
from typer.main import get_command

from safecli.cli.main import app


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    found = []
    for name, command in getattr(group, "commands", {}).items():
        path = (*prefix, name)
        if getattr(command, "commands", None):
            found += _commands(command, path)
        else:
            found.append((path, command))
    return found


COMMANDS = _commands(get_command(app))


def test_every_noun_and_verb_is_there() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    expected = {
        "init",
        "edit",
        "overdue",
        "validate",
        "rules",
        "schema",
        "merge-file",
        "history",
        "doctor",
        "git setup",
        "case new",
        "case list",
        "case show",
        "case close",
        "agency add",
        "agency list",
        "meeting types",
        "meeting suggest",
        "meeting new",
        "meeting invite",
        "meeting respond",
        "meeting record",
        "meeting share",
        "meeting cancel",
        "meeting show",
        "meeting list",
        "action add",
        "action done",
        "action move",
        "action cancel",
        "action list",
        "render invitation",
        "render minutes",
        "render plan",
        "case enquiry",
        "case allegation add",
        "case demographics",
        "stats sac",
        "stats wales",
        "chronology",
    }
    assert expected <= names


def test_every_command_has_help_ending_with_an_example() -> None:
    missing = []
    for path, command in COMMANDS:
        help_text = (getattr(command, "help", None) or "").strip()
        last_paragraph = help_text.split("\n\n")[-1]
        if not last_paragraph.startswith("Example: safecli ") or "\n\n" not in help_text:
            missing.append(" ".join(path))
    assert missing == []


def test_help_runs_for_every_command() -> None:
    runner = typer.testing.CliRunner()
    for path, _ in COMMANDS:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.output
