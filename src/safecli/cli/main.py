"""The `safecli` entry point: the root app, error handling and exit codes."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from safecli import __version__
from safecli.cli import (
    action,
    agency,
    case,
    chronology,
    ci,
    doctor,
    edit,
    enquiry,
    history,
    init_cmd,
    meeting,
    overdue,
    render,
    report,
    rules,
    schema,
    stats,
    teamwork,
    validate,
)
from safecli.errors import EXIT_FAILED, EXIT_INTERRUPTED, SafecliError
from safecli.output.terminal import clean_streams


class SafecliGroup(TyperGroup):
    """Turns safecli's errors into one line on stderr and an exit code: never a traceback.

    Everything a command prints passes the one output filter (`output.terminal`),
    so no control character or escape sequence from a case file reaches the terminal.
    """

    def invoke(self, ctx: Any) -> Any:
        with clean_streams(sys):
            return self._invoke(ctx)

    def _invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SafecliError as exc:
            typer.echo(f"safecli: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            # The reader went away (`safecli overdue | head`): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_FAILED) from None
        except (KeyboardInterrupt, typer.Abort):
            # Ctrl-C, at a prompt (which typer turns into Abort) or anywhere else.
            typer.echo("safecli: interrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            typer.echo(f"safecli: error: {where}{exc.strerror or exc}", err=True)
            raise typer.Exit(EXIT_FAILED) from None


app = typer.Typer(
    cls=SafecliGroup,
    name="safecli",
    help="Plain-text case books for multi-agency adult safeguarding meetings.",
    no_args_is_help=True,
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


for module in (
    init_cmd,
    case,
    enquiry,
    agency,
    meeting,
    action,
    edit,
    overdue,
    validate,
    rules,
    schema,
    render,
    report,
    stats,
    chronology,
    teamwork,
    ci,
    history,
    doctor,
):
    module.register(app)


def run() -> None:
    """Console-script entry point."""
    app(prog_name="safecli")
