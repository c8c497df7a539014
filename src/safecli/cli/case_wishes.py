"""`safecli case wishes|others-at-risk`: what the adult wants to happen, and who else is at
risk; with flags, or asked at a terminal."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from safecli.casework import record
from safecli.cli import case as case_cli
from safecli.cli.common import AsOfOption, CommitOption, book_of, date_parser, nothing_given, report

Opt = typer.Option
CaseArg = Annotated[str, typer.Argument(metavar="CASE")]


def _flag(names: str, help_text: str) -> Any:
    return Opt(names, help=help_text, show_default=False)


def wishes(
    ctx: typer.Context,
    case_id: CaseArg,
    asked_on: Annotated[str | None, Opt(help="When the adult was asked.")] = None,
    outcome: Annotated[
        list[str] | None, Opt("--outcome", help="A desired outcome in the adult's words (repeat).")
    ] = None,
    not_asked_reason: Annotated[str | None, Opt(help="Why the adult could not be asked.")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Record what the adult wants to happen (Making Safeguarding Personal): when they
    were asked and the outcomes in their words, or why they could not be asked.
    At a terminal with nothing given, asks.

    Example: safecli case wishes SG-2026-0001 --asked-on 2026-11-03
    --outcome "I want to stay in my flat"
    """
    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    if nothing_given(asked_on, outcome, not_asked_reason):
        from safecli.cli.case_prompts import ask_wishes

        answers = ask_wishes(parse_day)
        day, outcomes, reason = answers.asked_on, list(answers.outcomes), answers.not_asked_reason
    else:
        day = parse_day(asked_on) if asked_on else None
        outcomes, reason = list(outcome or []), not_asked_reason
    case = record.set_wishes(
        book, case_id, asked_on=day, outcomes=outcomes, not_asked_reason=reason
    )
    typer.echo(f"recorded the adult's wishes in {case_id}")
    report(book, case.written, f"{case_id}: wishes", commit)


def others_at_risk(
    ctx: typer.Context,
    case_id: CaseArg,
    children: Annotated[
        bool | None, _flag("--children/--no-children", "Children are at risk too.")
    ] = None,
    adults: Annotated[
        bool | None, _flag("--adults/--no-adults", "Other adults are at risk too.")
    ] = None,
    notes: Annotated[str | None, Opt(help="Who else is at risk, and how.")] = None,
    referral_made: Annotated[
        str | None, Opt(help="When the referral was made (children's services; the other case).")
    ] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Record whether children or other adults are at risk, and when a referral was made.
    At a terminal with nothing given, asks for each (empty keeps it).

    Example: safecli case others-at-risk SG-2026-0001 --children --notes "Grandson, 8,
    stays at weekends" --referral-made 2026-11-04
    """
    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    made = parse_day(referral_made) if referral_made else None
    if nothing_given(children, adults, notes, referral_made):
        from safecli.cli.case_prompts import ask_others
        from safecli.store.book import read_case

        answers = ask_others(read_case(book, case_id).adult, parse_day)
        children, adults, notes = answers.children, answers.adults, answers.notes
        made = answers.referral_made
    changes: dict[tuple[str, ...], Any] = {}
    for key, value in (
        ("children", children),
        ("adults", adults),
        ("notes", notes),
        ("referral_made", made),
    ):
        if value is not None:
            changes[("others_at_risk", key)] = value
    case = record.update_adult(book, case_id, changes)
    typer.echo(f"recorded others at risk in {case_id}")
    report(book, case.written, f"{case_id}: others at risk", commit)


# Importing this module adds its commands to the `case` group (SOURCES in cli/case.py).
case_cli.app.command("wishes")(wishes)
case_cli.app.command("others-at-risk")(others_at_risk)
