"""Every command has help text that ends with an example (the CLI reference)."""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup
from typer.main import get_command

from safecli.cli.main import COMMANDS as TABLE
from safecli.cli.main import app


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = []
    context = typer.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        path = (*prefix, name)
        if isinstance(command, TyperGroup):
            found += _commands(command, path)
        else:
            found.append((path, command))
    return found


ROOT = get_command(app)
COMMANDS = _commands(ROOT)


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


def test_the_root_table_lists_every_command_with_its_own_summary() -> None:
    """`safecli --help` lists the table's summaries without building the commands."""
    context = typer.Context(ROOT)
    built = {name: ROOT.get_command(context, name) for name in TABLE}
    summaries = {name: command.get_short_help_str(10**6) for name, command in built.items()}
    assert summaries == {name: summary for name, (_, summary) in TABLE.items()}


def test_the_root_table_names_the_module_of_each_command() -> None:
    """A group's module holds its app; any other command's module registers it."""
    for name, (module_name, _) in TABLE.items():
        module = importlib.import_module(f"safecli.cli.{module_name}")
        if hasattr(module, "SOURCES"):
            assert isinstance(ROOT.get_command(typer.Context(ROOT), name), TyperGroup), name
            continue
        holder = typer.Typer()
        module.register(holder)
        assert name in typer.main.get_group(holder).commands, name


def test_root_help_lists_every_command() -> None:
    result = typer.testing.CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line]
    assert listed == list(TABLE)


def test_a_mistyped_command_gets_a_suggestion() -> None:
    result = typer.testing.CliRunner().invoke(app, ["metting"])
    assert result.exit_code == 2
    assert "Did you mean 'meeting'?" in result.output
