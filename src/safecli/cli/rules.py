"""`safecli rules`: the validation rules and their documentation."""

from __future__ import annotations

from typing import Annotated

import typer

from safecli.cli.common import ExcelOption, emit
from safecli.errors import UsageProblem


def rules_command(
    code: Annotated[
        str | None, typer.Argument(help="A rule code: print its documentation.", show_default=False)
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, markdown, json or csv.")
    ] = "table",
    excel: ExcelOption = False,
) -> None:
    """List the validation rules, or print one rule's documentation.

    Example: safecli rules EMP002
    """
    from safecli.validation.rules import RULES
    from safecli.validation.rules.shapecheck import suggestion

    if code is None:
        emit(
            [rule.as_row() for rule in RULES.values()],
            fmt,
            ("code", "severity", "principle", "summary"),
            excel=excel,
        )
        return
    rule = RULES.get(code.upper())
    if rule is None:
        raise UsageProblem(f"no rule {code!r}{suggestion(code.upper(), RULES)} (see safecli rules)")
    typer.echo(rule.documentation())


def register(app: typer.Typer) -> None:
    """Add `rules` to the root app."""
    app.command("rules")(rules_command)
