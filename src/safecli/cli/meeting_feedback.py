"""`safecli meeting feedback`: how, by whom and by when the adult hears what a meeting agreed."""

from __future__ import annotations

from typing import Annotated

import typer

from safecli.casework import record
from safecli.cli import meeting as meeting_cli
from safecli.cli.common import (
    DATE_FORMAT,
    AsOfOption,
    CommitOption,
    ask_optional,
    book_of,
    date_parser,
    nothing_given,
    report,
    text,
)
from safecli.model import Person

Opt = typer.Option
CaseArg = Annotated[str, typer.Argument(metavar="CASE")]


def feedback(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: Annotated[str, typer.Argument(metavar="MEETING")],
    how: Annotated[str | None, Opt(help="How the adult hears what was agreed.")] = None,
    by: Annotated[str | None, Opt(help="Who tells them, agency:Name.")] = None,
    due: Annotated[str | None, Opt(help="By when.")] = None,
    given_on: Annotated[
        str | None, Opt(help="When the adult was told (the digest stops nudging).")
    ] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Record the feedback to the adult after a held meeting: how, by whom, by when,
    and the day it was given, whether or not the minutes recorded any yet. At a
    terminal with nothing given, asks for each.

    EMP003 reads how and by whom (in Wales it is required: minutes saved without
    it warn, and the case cannot be closed without it); the digest lists feedback
    still to give once it is due (--due, else the book's digest.feedback_days after
    the meeting). A day given before the meeting or in the future is refused.

    Example: safecli meeting feedback SG-2026-0001 M1 --how "Home visit" --by "asc:Sam Patel"
    --due 2026-11-12
    """
    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    asking = nothing_given(how, by, due, given_on)
    case = record.set_feedback(
        book,
        case_id,
        meeting_id,
        how=ask_optional(asking, how, "--how", "How the adult hears what was agreed", text),
        by=ask_optional(asking, by, "--by", "Who tells them (agency:Name)", Person.parse),
        due=ask_optional(asking, due, "--due", f"By when ({DATE_FORMAT})", parse_day),
        given_on=ask_optional(
            asking, given_on, "--given-on", f"Given on, if it was ({DATE_FORMAT})", parse_day
        ),
    )
    typer.echo(f"recorded the feedback to the adult for {meeting_id} of {case_id}")
    report(book, case.written, f"{case_id}: feedback for {meeting_id}", commit)


# Importing this module adds its commands to the `meeting` group (SOURCES in cli/meeting.py).
meeting_cli.app.command("feedback")(feedback)
