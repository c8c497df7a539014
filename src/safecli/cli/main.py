"""The `safecli` entry point: the root app, its commands, error handling and exit codes.

Each command lives in a module of this package: a group's module declares its Typer
`app` and `SOURCES` (which module adds each of its commands, see lazy.py), any other's
`register(app)` adds its command to a Typer app. The root imports a module only when one
of its commands runs or shows its help, and a group builds only the command used, so
start-up pays for one command, not all of them: `COMMANDS` below says which module holds
each top-level command, with the one-line summary `safecli --help` lists for it (a test
holds every summary equal to the command's own help).
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from safecli import __version__
from safecli.cli import complete, failure, lazy
from safecli.cli.lazy import LazyGroup
from safecli.output.terminal import clean_streams

#: Top-level command -> (the module in safecli.cli that holds it: a group's, or one whose
#: register() adds it; its summary in `safecli --help`, which a test holds equal to the
#: command's own help).
COMMANDS: dict[str, tuple[str, str]] = {
    "init": (
        "init_cmd",
        "Create a case book: safecli.yaml, cases/, .yamllint, .gitignore and .gitattributes.",
    ),
    "case": ("case", "Open, list, show and close cases."),
    "agency": ("agency", "The agencies of a case and their people."),
    "meeting": ("meeting", "Call, record and share multi-agency meetings."),
    "action": ("action", "Actions agreed at meetings: lead, due date, status."),
    "edit": (
        "edit",
        "Edit one file of a case in $EDITOR; it is checked before it replaces the original.",
    ),
    "overdue": (
        "overdue",
        (
            "List overdue and due-soon actions, passed reviews, unshared minutes and cases"
            " with a concern but no meeting yet; most overdue first."
        ),
    ),
    "validate": (
        "validate",
        "Check cases for integrity and the safeguarding standards, like a linter.",
    ),
    "rules": ("rules", "List the validation rules, or print one rule's documentation."),
    "schema": (
        "schema",
        "Print the JSON Schema (2020-12) of one file, for editors and check-jsonschema.",
    ),
    "render": ("render", "Render invitations, minutes and the protection plan."),
    "report": (
        "report",
        (
            "Write the book's overview as a static HTML site: open cases by risk and time open,"
            " what needs chasing by agency, meetings in the next 14 days, timeliness of first"
            " meetings and of enquiries against their statutory clocks (working days, by"
            " jurisdiction), Making Safeguarding Personal at closure, a page per agency (only"
            " its own items) and a page per case."
        ),
    ),
    "stats": ("stats", "Statutory returns: England's SAC and the Welsh measures."),
    "chronology": (
        "chronology",
        "A chronology of the cases: every dated fact, one row each, oldest first.",
    ),
    "git": ("teamwork", "Set up the case book's git repository for teamwork."),
    "merge-file": (
        "teamwork",
        "Merge three versions of a case file by identity: git's merge driver.",
    ),
    "ci": ("ci", "CI for the book's repository: validate every change, mail the digest."),
    "history": (
        "history",
        "A case's audit trail from git: when, who, and what changed, newest first.",
    ),
    "doctor": ("doctor", "Check the case book's git setup, names, sizes and permissions."),
}

_BUILT: dict[str, Any] = {}


class SafecliGroup(LazyGroup):
    """The root group: builds a command when it is used; errors become one line on stderr.

    Everything a command prints passes the one output filter (`output.terminal`),
    so no control character or escape sequence from a case file reaches the terminal.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.commands, *(name for name in COMMANDS if name not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        if cmd_name not in _BUILT:
            _BUILT[cmd_name] = self._build(cmd_name)
        return _BUILT[cmd_name]

    def _build(self, name: str) -> Any:
        """The top-level command `name`, built once a process: a group with none of its
        commands built yet, or the command its module's register() adds."""
        module = importlib.import_module(f"safecli.cli.{COMMANDS[name][0]}")
        if hasattr(module, "SOURCES"):
            return lazy.group(module.app, name, module.SOURCES, self.rich_markup_mode)
        holder = typer.Typer(rich_markup_mode=self.rich_markup_mode)
        module.register(holder)
        return complete.attach(typer.main.get_group(holder).commands[name])

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands with their summaries, building none of them."""
        summaries = {name: summary for name, (_, summary) in COMMANDS.items()}
        summaries |= {name: cmd.get_short_help_str(10**6) for name, cmd in self.commands.items()}
        limit = formatter.width - 6 - max(map(len, summaries))
        with formatter.section("Commands"):
            formatter.write_dl(
                [
                    (name, TyperCommand(name, help=summary).get_short_help_str(limit))
                    for name, summary in summaries.items()
                ]
            )

    def invoke(self, ctx: Any) -> Any:
        with clean_streams(sys):
            return self._invoke(ctx)

    def _invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except failure.FAILURES as exc:
            raise typer.Exit(failure.report(exc)) from None
        except typer.Abort:
            # Ctrl-C at a prompt, which typer turns into Abort.
            raise typer.Exit(failure.report(KeyboardInterrupt())) from None


app = typer.Typer(
    cls=SafecliGroup,
    name="safecli",
    help="Plain-text case books for multi-agency adult safeguarding meetings.",
    no_args_is_help=True,
    # Plain help: the rich library alone takes longer to import than the rest of start-up.
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"safecli {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    book: Annotated[
        str | None,
        typer.Option(
            "--book",
            envvar="SAFECLI_BOOK",
            help="The case book folder (default: found upwards from here).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """safecli: call the right meeting, invite the right people, track every action.

    Example: safecli overdue --as-of 2026-12-01
    """


def run() -> None:
    """Run the command line (`safecli.cli.run` answers `--version` before importing this)."""
    app(prog_name="safecli")
