"""Command groups that build a command when it is used, not all of them at start-up.

Building a command costs Typer the parsing of its signature, and its module's imports:
a group of fourteen commands built whole for each run of one of them was most of a
short command's start-up. A group module declares `SOURCES`, its commands in help order
with the module of this package that adds each to the group's Typer app (the group's
own module, or one that registers on it when imported); `LazyGroup` imports that module
and builds that command alone the first time it is asked for it. Listing the group
(its --help, completion, the reference) builds them all, as Typer would.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Mapping
from typing import Any, cast

import typer
from typer.core import TyperGroup
from typer.models import TyperInfo

from safecli.cli import complete


class LazyGroup(TyperGroup):
    """A group whose commands are named in a table and built one by one when used.

    Every command built is given its completers (`complete.attach`), and a mistyped
    name gets the close matches among all the group's commands, built or not.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.app: typer.Typer | None = None
        self.sources: dict[str, str] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.sources, *(name for name in self.commands if name not in self.sources)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.sources:
            built = self._build(cmd_name)
            if built is not None:
                self.commands[cmd_name] = complete.attach(built)
        return self.commands.get(cmd_name)

    def _build(self, name: str) -> Any:
        """The command `name`, after importing the module that adds it to the app."""
        importlib.import_module(f"safecli.cli.{self.sources[name]}")
        if self.app is None:
            return None
        for info in self.app.registered_commands:
            if info.callback is not None and _name(info) == name:
                return typer.main.get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=self.rich_markup_mode
                )
        for group in self.app.registered_groups:
            if group.name == name:
                return typer.main.get_group_from_info(
                    group,
                    pretty_exceptions_short=True,
                    rich_markup_mode=self.rich_markup_mode,
                    suggest_commands=self.suggest_commands,
                )
        return None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from difflib import get_close_matches

            matches = get_close_matches(name, self.list_commands(ctx))
            hint = f" Did you mean {', '.join(map(repr, matches))}?" if matches else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)


def _name(info: Any) -> str:
    """The name a registered command runs by (Typer's rule: the function's, with dashes)."""
    return str(info.name or typer.main.get_command_name(info.callback.__name__))


def group(app: typer.Typer, name: str, sources: Mapping[str, str], markup: Any) -> LazyGroup:
    """The group `app` as the command `name`, its options and help as Typer builds them,
    and none of its commands built yet: `sources` names them and their modules."""
    bare = copy.copy(app)
    bare.registered_commands = []
    bare.registered_groups = []
    info = TyperInfo(bare, name=name, cls=LazyGroup)
    built = cast(
        LazyGroup,
        typer.main.get_group_from_info(
            info, pretty_exceptions_short=True, rich_markup_mode=markup, suggest_commands=True
        ),
    )
    built.app = app
    built.sources = dict(sources)
    return built
