"""`safecli meeting update|reschedule|uninvite`: changes to a planned meeting, which calendars
must hear about once its invitations went out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from safecli.cli import meeting as meeting_cli
from safecli.cli.common import (
    AsOfOption,
    CommitOption,
    ask,
    book_of,
    choice,
    is_interactive,
    report,
    text,
    today,
)
from safecli.errors import InvalidInput, UsageProblem
from safecli.model import MEETING_MODES, Person

if TYPE_CHECKING:
    from safecli.casework.planning import PlanChange
    from safecli.store.book import Book

Opt = typer.Option
CaseArg = Annotated[str, typer.Argument(metavar="CASE")]
MeetingArg = Annotated[str, typer.Argument(metavar="MEETING", help="Meeting id, e.g. M1.")]


# What a calendar shows of a meeting, as `meeting update` and `meeting reschedule` take it.
WhenOption = Annotated[
    str | None, Opt(help="The new time: 2026-12-01 10:00, fri 14:00.", show_default=False)
]
WhereOption = Annotated[str | None, Opt(help="The new place.", show_default=False)]
LinkOption = Annotated[str | None, Opt(help="The new joining link.", show_default=False)]
ModeOption = Annotated[str | None, Opt(help="in-person, telephone or virtual.", show_default=False)]


def _send_hint(case_id: str, meeting_id: str, to: str | None = None) -> str:
    who = f' --to "{to}"' if to else ""
    return f"safecli render invitation {case_id} {meeting_id}{who} --format eml | sendmail -t"


def update(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    when: WhenOption = None,
    where: WhereOption = None,
    link: LinkOption = None,
    mode: ModeOption = None,
    purpose: Annotated[str | None, Opt(help="What the meeting is for.", show_default=False)] = None,
    chair: Annotated[str | None, Opt(help="The chair, agency:Name.", show_default=False)] = None,
    agenda: Annotated[
        list[str] | None,
        Opt(
            "--agenda",
            help="Replace the agenda with these lines (repeat, in order).",
            show_default=False,
        ),
    ] = None,
    agenda_add: Annotated[
        list[str] | None,
        Opt(
            "--agenda-add", help="Add a line at the end of the agenda (repeat).", show_default=False
        ),
    ] = None,
    agenda_remove: Annotated[
        list[str] | None,
        Opt(
            "--agenda-remove",
            help="Take a line off the agenda: its number (1 is the first) or its exact "
            "text (repeat; numbers count the agenda as it was).",
            show_default=False,
        ),
    ] = None,
    interpreter_arranged: Annotated[
        bool | None,
        Opt(
            "--interpreter-arranged/--interpreter-not-arranged",
            help="Whether the interpreter the adult needs is arranged.",
            show_default=False,
        ),
    ] = None,
    resync: Annotated[
        bool,
        Opt(
            "--resync",
            help="Bring the other adults' parts of this meeting about several adults in "
            "step with it (after a hand edit or a merge); alone, for a meeting in any state.",
        ),
    ] = False,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Change the plan of a meeting not yet held: time, place, link, mode, purpose,
    chair, agenda, whether the adult's interpreter is arranged. At a terminal with nothing given, asks for each (empty keeps it).

    A held meeting's plan does not change (its minutes are recorded against it).
    A meeting about several adults changes in the case that called it; whether
    another adult's interpreter is arranged is hers, set on her part in her case.
    The changed case is checked by every rule validate runs: a change it would call
    an error is refused and nothing is written. When the invitations went out, a
    change of time, place, link or mode raises the calendar sequence, so the
    invitation rendered again updates calendars in place.

    --resync rewrites each other adult's part of a meeting about several adults
    from the meeting as its own case records it (type, time, status, the day it
    was held; a missing part is added), all cases together, when a hand edit or a
    merge left them out of step (validate: INT010; doctor names the meetings).

    Example: safecli meeting update SG-2026-0001 M2 --when "2026-12-16 14:00"
    --agenda-add "Housing options"
    """
    from safecli.casework import planning
    from safecli.casework.planning import PlanChange
    from safecli.dates import parse_datetime
    from safecli.store.book import read_case

    book = book_of(ctx)
    day = today(book, as_of)
    if resync:
        _resync(ctx, book, case_id, meeting_id, commit)
        return

    def moment(value: str) -> Any:
        return parse_datetime(value, day, book.config.tz)

    change = PlanChange(
        when=moment(when) if when else None,
        where=where,
        link=link,
        mode=choice(MEETING_MODES, "mode")(mode) if mode else None,
        purpose=purpose,
        chair=Person.parse(chair) if chair else None,
        agenda=tuple(agenda) if agenda else None,
        agenda_add=tuple(agenda_add or ()),
        agenda_remove=tuple(agenda_remove or ()),
        interpreter_arranged=interpreter_arranged,
    )
    meeting = planning.planned_meeting(
        read_case(book, case_id), meeting_id, part=change.is_the_adults()
    )
    if change.is_empty() and is_interactive():
        change = _ask_plan(meeting, moment)
    updated = planning.update_plan(book, case_id, meeting_id, change)
    if not updated.changed:
        typer.echo(f"{meeting_id}: nothing changed")
        return
    typer.echo(f"updated {meeting_id}: {', '.join(updated.changed)}")
    if updated.resend:
        _tell_calendars(book, case_id, meeting_id)
    written = [*updated.case.written, *updated.also_written]
    report(book, written, f"{case_id}: update meeting {meeting_id}", commit)


def _resync(
    ctx: typer.Context, book: Book, case_id: str, meeting_id: str, commit: bool | None
) -> None:
    """`meeting update --resync`: the other adults' parts rewritten from the meeting."""
    from safecli.casework import shared

    others = [
        "--" + key.replace("_", "-")
        for key, value in ctx.params.items()
        if key not in ("case_id", "meeting_id", "resync", "as_of", "commit")
        and value not in (None, False, [], ())
    ]
    if others:
        raise UsageProblem("--resync goes alone; leave out " + ", ".join(others))
    case, parts = shared.resync(book, case_id, meeting_id)
    written = [path for other in parts.values() for path in other.written]
    if not written:
        typer.echo(f"{meeting_id}: every part is in step ({', '.join(parts) or 'none'})")
        return
    changed = [other for other, part in parts.items() if part.written]
    typer.echo(f"{meeting_id}: brought its part in {', '.join(changed)} in step")
    report(book, [*case.written, *written], f"{case_id}: resync meeting {meeting_id}", commit)


def _ask_plan(meeting: Any, moment: Any) -> PlanChange:
    """Each part of the plan asked in turn, the current value shown; empty keeps it."""
    from safecli.casework.planning import PlanChange

    def now(key: str) -> str:
        value = meeting.get(key)
        if isinstance(value, dict):
            value = Person.from_raw(value)
        return f"now {value}" if value not in (None, "") else "not set"

    def question(label: str, key: str) -> str:
        return f"{label} ({now(key)}; empty keeps it)"

    when = ask(
        None, "--when", question("When, e.g. 2026-12-01 10:00", "when"), moment, optional=True
    )
    mode = ask(
        None,
        "--mode",
        question("Mode: in-person, telephone, virtual", "mode"),
        choice(MEETING_MODES, "mode"),
        optional=True,
    )
    where = ask(None, "--where", question("Where", "where"), str, optional=True)
    link = ask(None, "--link", question("Joining link", "link"), str, optional=True)
    purpose = ask(None, "--purpose", question("Purpose", "purpose"), text, optional=True)
    chair = ask(
        None, "--chair", question("Chair (agency:Name)", "chair"), Person.parse, optional=True
    )
    lines = meeting.get("agenda") if isinstance(meeting.get("agenda"), list) else []
    for number, line in enumerate(lines, 1):
        shown = line if isinstance(line, str) else "(a part for another adult)"
        typer.echo(f"  agenda {number}. {' '.join(str(shown).split())}", err=True)
    removed = _repeat("--agenda-remove", "Take off agenda line (its number; empty when done)")
    added = _repeat("--agenda-add", "Add an agenda line (empty when done)")
    return PlanChange(
        when=when,
        where=where,
        link=link,
        mode=mode,
        purpose=purpose,
        chair=chair,
        agenda_add=tuple(added),
        agenda_remove=tuple(removed),
    )


def _repeat(flag: str, question: str) -> list[str]:
    answers: list[str] = []
    while (answer := ask(None, flag, question, text, optional=True)) is not None:
        answers.append(answer)
    return answers


def _tell_calendars(book: Book, case_id: str, meeting_id: str) -> None:
    from safecli.casework import schedule
    from safecli.store.book import read_case

    meeting = read_case(book, case_id).find("meetings", meeting_id)
    typer.echo(
        f"calendar sequence {schedule.sequence_of(meeting)}; send the update: "
        + _send_hint(case_id, meeting_id)
    )


def reschedule(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    when: WhenOption = None,
    where: WhereOption = None,
    link: LinkOption = None,
    mode: ModeOption = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Move a planned meeting to another time or place, or change its link.

    When its invitations went out (invited_on), the meeting's calendar
    sequence is raised, so calendars take the update in place of the old entry.

    Example: safecli meeting reschedule SG-2026-0001 M3 --when "2026-12-16 14:00"
    """
    from safecli.casework import planning
    from safecli.dates import parse_datetime

    book = book_of(ctx)
    start = parse_datetime(when, today(book, as_of), book.config.tz) if when else None
    change = planning.PlanChange(when=start, where=where, link=link, mode=mode)
    if change.is_empty():
        raise InvalidInput("give what changes: --when, --where, --link or --mode")
    updated = planning.update_plan(book, case_id, meeting_id, change)
    if not updated.changed:
        typer.echo(f"{meeting_id}: nothing changed")
        return
    typer.echo(f"rescheduled {meeting_id}")
    if updated.resend:
        _tell_calendars(book, case_id, meeting_id)
    written = [*updated.case.written, *updated.also_written]
    report(book, written, f"{case_id}: reschedule meeting {meeting_id}", commit)


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


# Importing this module adds its commands to the `meeting` group (SOURCES in cli/meeting.py).
meeting_cli.app.command("update")(update)
meeting_cli.app.command("reschedule")(reschedule)
meeting_cli.app.command("uninvite")(uninvite)
