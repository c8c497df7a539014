"""A group builds the command that runs, and only its module is imported (cli/lazy.py);
listing the group still shows them all, in the order of its SOURCES table."""

from __future__ import annotations

import importlib
import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from safecli.cli.main import COMMANDS, app

ROOT = typer.main.get_command(app)
GROUPS = [
    name
    for name, (module, _) in COMMANDS.items()
    if hasattr(importlib.import_module(f"safecli.cli.{module}"), "SOURCES")
]


def _group(name: str) -> Any:
    return ROOT.get_command(typer.Context(ROOT), name)  # type: ignore[attr-defined]


def _module_of(command: Any) -> str:
    """The module that defines a built command (a subgroup: its commands')."""
    if isinstance(command, typer.core.TyperGroup):
        modules = {_module_of(sub) for sub in command.commands.values()}
        assert len(modules) == 1, command.name
        return modules.pop()
    return str(command.callback.__wrapped__.__module__)


@pytest.mark.parametrize("name", GROUPS)
def test_each_group_table_names_every_command_and_the_module_that_adds_it(name: str) -> None:
    module = importlib.import_module(f"safecli.cli.{COMMANDS[name][0]}")
    group = _group(name)
    listed = group.list_commands(typer.Context(group))
    assert listed == list(module.SOURCES)
    for sub in listed:
        command = group.get_command(typer.Context(group), sub)
        assert command is not None, f"safecli.cli.{module.SOURCES[sub]} adds no {name} {sub}"
        assert _module_of(command) == f"safecli.cli.{module.SOURCES[sub]}", f"{name} {sub}"
    registered = [info.name for info in module.app.registered_commands]
    registered += [info.name for info in module.app.registered_groups]
    assert sorted(registered) == sorted(module.SOURCES)


def test_running_one_command_builds_it_alone_and_imports_only_its_module() -> None:
    """In a fresh process, as the installed command starts."""
    probe = """
import sys
import typer
from typer.testing import CliRunner
from safecli.cli.main import app, _BUILT
result = CliRunner().invoke(app, ["meeting", "types", "--help"], prog_name="safecli")
assert result.exit_code == 0, result.output
print(sorted(_BUILT), sorted(_BUILT["meeting"].commands))
print(sorted(m for m in sys.modules if m.startswith("safecli.cli.meeting")))
"""
    ran = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert ran == ["['meeting'] ['types']", "['safecli.cli.meeting']"]


def test_a_mistyped_command_of_a_group_gets_suggestions_from_all_of_its_commands() -> None:
    result = CliRunner().invoke(app, ["meeting", "recrod"], prog_name="safecli")
    assert result.exit_code == 2
    assert "No such command 'recrod'. Did you mean 'record', 'respond'?" in result.output


def test_completion_offers_every_command_of_a_group() -> None:
    result = CliRunner().invoke(
        app,
        [],
        env={
            "_SAFECLI_COMPLETE": "complete_bash",
            "COMP_WORDS": "safecli case ",
            "COMP_CWORD": "2",
        },
        prog_name="safecli",
    )
    assert result.exit_code == 0, result.output
    module = importlib.import_module("safecli.cli.case")
    assert result.output.split() == list(module.SOURCES)
