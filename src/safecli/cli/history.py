"""`safecli history`: a case's audit trail from git."""

from __future__ import annotations

from typing import Annotated

import typer

from safecli.cli.common import book_of, choice, date_parser


def history(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    since: Annotated[
        str | None, typer.Option(help="Only commits from this date on (ISO, today, -7d, ...).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """A case's audit trail from git: when, who, and what changed, newest first.

    Changes are described by ids, handles, dates and statuses: never free text,
    never the adult's details.

    JSON (--format json) is a list of {commit, date, author, changes: [...]}.

    Example: safecli history SG-2026-0001 --since 2026-11-01
    """
    import json

    from safecli.teamwork.history import case_history

    choice(("text", "json"), "format")(fmt)
    book = book_of(ctx)
    start = date_parser(book, None)(since) if since else None
    entries = case_history(book, case_id, start)
    if fmt == "json":
        typer.echo(json.dumps([e.as_json() for e in entries], indent=2, ensure_ascii=False))
        return
    if not entries:
        typer.echo(f"no recorded changes to {case_id} in git")
    for entry in entries:
        typer.echo(f"{entry.date[:10]} {entry.date[11:16]}  {entry.commit[:10]}  {entry.author}")
        for change in entry.changes:
            typer.echo(f"  {change}")


def register(app: typer.Typer) -> None:
    """Add `history` to the root app."""
    app.command("history")(history)
