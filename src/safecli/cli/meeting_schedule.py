"""`safecli meeting reschedule|uninvite`: changes that calendars must hear about."""

from __future__ import annotations

from typing import Annotated

import typer

from safecli.cli.common import AsOfOption, CommitOption, ask, book_of, report, text, today
from safecli.model import Person

Opt = typer.Option
CaseArg = Annotated[str, typer.Argument(metavar="CASE")]
MeetingArg = Annotated[str, typer.Argument(metavar="MEETING", help="Meeting id, e.g. M1.")]


def _send_hint(case_id: str, meeting_id: str, to: str | None = None) -> str:
    who = f' --to "{to}"' if to else ""
    return f"safecli render invitation {case_id} {meeting_id}{who} --format eml | sendmail -t"


def reschedule(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    when: Annotated[
        str | None, Opt(help="The new time: 2026-12-01 10:00, fri 14:00.", show_default=False)
    ] = None,
    where: Annotated[str | None, Opt(help="The new place.", show_default=False)] = None,
    link: Annotated[str | None, Opt(help="The new joining link.", show_default=False)] = None,
    mode: Annotated[
        str | None, Opt(help="in-person, telephone or virtual.", show_default=False)
    ] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Move a planned meeting to another time or place, or change its link.

    When its invitations went out (invited_on), the meeting's calendar
    sequence is raised, so calendars take the update in place of the old entry.

    Example: safecli meeting reschedule SG-2026-0001 M3 --when "2026-12-16 14:00"
    """
    from safecli.casework import schedule
    from safecli.dates import parse_datetime
    from safecli.store.book import read_case

    book = book_of(ctx)
    start = parse_datetime(when, today(book, as_of), book.config.tz) if when else None
    change = schedule.Reschedule(when=start, where=where, link=link, mode=mode)
    case = schedule.reschedule(book, case_id, meeting_id, change)
    meeting = read_case(book, case_id).find("meetings", meeting_id)
    if not case.written:
        typer.echo(f"{meeting_id}: nothing changed")
        return
    typer.echo(f"rescheduled {meeting_id}")
    if schedule.is_sent(meeting):
        typer.echo(
            f"calendar sequence {schedule.sequence_of(meeting)}; send the update: "
            + _send_hint(case_id, meeting_id)
        )
    report(book, case.written, f"{case_id}: reschedule meeting {meeting_id}", commit)


def uninvite(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    person: Annotated[str, typer.Argument(metavar="AGENCY:NAME")],
    reason: Annotated[str | None, Opt(help="Why they no longer need to be there.")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Take an invitee off a planned meeting.

    When the invitations went out, they are kept under `uninvited` and
    `render invitation --to` them gives a cancellation for their calendar.

    Example: safecli meeting uninvite SG-2026-0001 M3 "bank:Joe Marsh" --reason "Account closed"
    """
    from safecli.casework import schedule

    book = book_of(ctx)
    who = Person.parse(person)
    why = ask(reason, "--reason", f"Why is {who.name} no longer invited", text)
    case, sent = schedule.uninvite(book, case_id, meeting_id, who, why, on=today(book, as_of))
    typer.echo(f"took {who} off {meeting_id}")
    if sent:
        typer.echo("send them the cancellation: " + _send_hint(case_id, meeting_id, str(who)))
    report(book, case.written, f"{case_id}: uninvite {who.agency} from {meeting_id}", commit)
