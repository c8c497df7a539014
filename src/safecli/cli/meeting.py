"""`safecli meeting types|suggest|new|invite|respond|record|share|cancel|update|reschedule|
uninvite|show|list`."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from safecli.cli.common import (
    AsOfOption,
    CommitOption,
    ExcelOption,
    FormatOption,
    ask,
    book_of,
    choice,
    date_parser,
    emit,
    note_invalid,
    report,
    text,
    today,
)
from safecli.errors import InvalidInput
from safecli.model import RESPONSES, Person

if TYPE_CHECKING:
    from safecli.store.book import Book

app = typer.Typer(help="Call, record and share multi-agency meetings.", no_args_is_help=True)
#: The group's commands in help order -> the module of safecli.cli that adds each to `app`
#: (imported, and the command built, only when it is used: see lazy.py).
SOURCES = {
    "types": "meeting",
    "suggest": "meeting",
    "new": "meeting_new",
    "invite": "meeting",
    "respond": "meeting",
    "record": "meeting_record",
    "share": "meeting",
    "cancel": "meeting",
    "update": "meeting_schedule",
    "reschedule": "meeting_schedule",
    "uninvite": "meeting_schedule",
    "show": "meeting",
    "list": "meeting",
    "feedback": "meeting_feedback",
}
Opt = typer.Option
CaseArg = Annotated[str, typer.Argument(metavar="CASE")]
MeetingArg = Annotated[str, typer.Argument(metavar="MEETING", help="Meeting id, e.g. M1.")]


@app.command("types")
def types(ctx: typer.Context, fmt: FormatOption = "table", excel: ExcelOption = False) -> None:
    """List the meeting types of the book's policy pack: who chairs, whom to invite, follow-up.

    Example: safecli meeting types --format json
    """
    import json

    from safecli.policy.pack import book_policy

    policy = book_policy(book_of(ctx))
    if fmt == "json" and not excel:
        typer.echo(
            json.dumps([asdict(mt) for mt in policy.types.values()], indent=2, ensure_ascii=False)
        )
        return
    emit(
        [
            {
                "id": mt.id,
                "name": mt.name,
                "framework": mt.framework,
                "jurisdiction": mt.jurisdiction or "any",
                "chaired_by": list(mt.chaired_by),
                "invites": list(mt.invite.kinds),
                "adult": mt.invite.adult,
                "follow_up": mt.follow_up,
            }
            for mt in policy.types.values()
        ],
        fmt,
        excel=excel,
    )


@app.command("suggest")
def suggest(
    ctx: typer.Context,
    case_id: CaseArg,
    fmt: Annotated[str, Opt("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Suggest the meeting type that fits a case, discussion or meeting, and why.

    Example: safecli meeting suggest SG-2026-0001
    """
    import json

    from safecli.casework import meetings
    from safecli.cli.meeting_text import suggestion_lines
    from safecli.policy.pack import book_policy
    from safecli.policy.suggest import suggest_meeting
    from safecli.store.book import read_case

    choice(("text", "json"), "format")(fmt)
    book = book_of(ctx)
    case = read_case(book, case_id)
    policy = book_policy(book)
    found = suggest_meeting(
        case.adult,
        list(case.agencies),
        policy=policy,
        jurisdiction=meetings.jurisdiction_of(book, case.adult),
    )
    if fmt == "json":
        typer.echo(json.dumps(asdict(found), indent=2, ensure_ascii=False))
        return
    for line in suggestion_lines(found, policy):
        typer.echo(line)


@app.command("invite")
def invite(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    person: Annotated[str, typer.Argument(metavar="AGENCY:NAME")],
    reason: Annotated[str | None, Opt(help="Why they need to be there.")] = None,
    commit: CommitOption = None,
) -> None:
    """Invite one more person to a planned meeting, with the reason they are needed.

    Example: safecli meeting invite SG-2026-0001 M1 "housing:Priya Shah" --reason
    "Landlord; can change the locks"
    """
    from safecli.casework import meetings

    book = book_of(ctx)
    who = Person.parse(person)
    why = ask(reason, "--reason", f"Why invite {who.name}", text)
    case = meetings.invite(book, case_id, meeting_id, who, why)
    typer.echo(f"invited {who} to {meeting_id}")
    report(book, case.written, f"{case_id}: invite {who.agency} to {meeting_id}", commit)


@app.command("respond")
def respond(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    person: Annotated[str, typer.Argument(metavar="AGENCY:NAME")],
    response: Annotated[
        str,
        typer.Argument(
            metavar="RESPONSE", help="accepted, declined, deputy:Name, written-update or invited."
        ),
    ],
    on: Annotated[str | None, Opt(help="When they answered (default: today).")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Record an invitee's answer: accepted, declined, a deputy, or a written update.

    Example: safecli meeting respond SG-2026-0001 M1 "gp:Dr Amara Okafor" "deputy:Nurse Kim Lo"
    """
    from safecli.casework import meetings

    book = book_of(ctx)
    who = Person.parse(person)
    kind, _, deputy = response.partition(":")
    if kind not in RESPONSES or (kind == "deputy") != bool(deputy.strip()):
        raise InvalidInput(
            f"invalid response {response!r}; write accepted, declined, "
            "written-update, invited or deputy:Name"
        )
    day = date_parser(book, as_of)(on) if on else today(book, as_of)
    case = meetings.respond(book, case_id, meeting_id, who, kind, on=day, deputy=deputy or None)
    typer.echo(f"{who}: {response} for {meeting_id}")
    report(book, case.written, f"{case_id}: {meeting_id} response from {who.agency}", commit)


@app.command("share")
def share(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    with_: Annotated[list[str] | None, Opt("--with", help="An agency handle (repeat).")] = None,
    on: Annotated[str | None, Opt(help="When the minutes were sent (default: today).")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Record that a held meeting's minutes were sent to agencies.

    Example: safecli meeting share SG-2026-0001 M1 --with police --with gp --on today
    """
    from safecli.casework import meetings

    book = book_of(ctx)
    agencies = with_ or []
    if not agencies:
        found = ask(None, "--with", "Shared with (agency handles, separated by spaces)", str)
        agencies = str(found).split()
    day = date_parser(book, as_of)(on) if on else today(book, as_of)
    case = meetings.share(book, case_id, meeting_id, agencies, on=day)
    typer.echo(f"minutes of {meeting_id} shared with {', '.join(agencies)} on {day}")
    report(
        book,
        case.written,
        f"{case_id}: share minutes of {meeting_id} with {', '.join(dict.fromkeys(agencies))}",
        commit,
    )


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    reason: Annotated[str | None, Opt(help="Why it is cancelled.")] = None,
    commit: CommitOption = None,
) -> None:
    """Cancel a planned meeting; it keeps its id and the reason.

    Example: safecli meeting cancel SG-2026-0001 M3 --reason "Replaced by a conference"
    """
    from safecli.casework import meetings

    book = book_of(ctx)
    why = ask(reason, "--reason", "Why is the meeting cancelled", text)
    case = meetings.cancel(book, case_id, meeting_id, why)
    typer.echo(f"cancelled {meeting_id}")
    report(book, case.written, f"{case_id}: cancel meeting {meeting_id}", commit)


@app.command("show")
def show(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    fmt: Annotated[str, Opt("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show a meeting: details, invitees and answers, minutes, actions, and the open
    actions carried forward from earlier meetings.

    Example: safecli meeting show SG-2026-0001 M2
    """
    import json

    from safecli.casework import meetings
    from safecli.cli.meeting_text import show_lines
    from safecli.policy.pack import book_policy
    from safecli.store.book import read_case

    choice(("text", "json"), "format")(fmt)
    book = book_of(ctx)
    case = read_case(book, case_id)
    meeting = meetings.find_meeting(case, meeting_id)
    if fmt == "json":
        carried = [a.get("id") for a in meetings.carried_forward(case, meeting_id)]
        typer.echo(
            json.dumps(
                {**meeting, "carried_forward": carried}, indent=2, default=str, ensure_ascii=False
            )
        )
        return
    for line in show_lines(case, shown(book, meeting), book_policy(book)):
        typer.echo(line)


def shown(book: Book, meeting: Any) -> Any:
    """A meeting as `meeting show` prints it: one adult's part of a meeting about several
    adults shows that meeting, with this adult's invitation and what her part recorded."""
    from safecli.casework.shared import PER_ADULT, meeting_of
    from safecli.raw import mapping

    whole = meeting_of(book, meeting)
    if whole is None:
        return meeting
    own = mapping(meeting.get("minutes"))
    minutes = {**mapping(whole.get("minutes")), **{k: own[k] for k in PER_ADULT if k in own}}
    return {
        **{k: v for k, v in whole.items() if k != "subjects"},
        "id": meeting.get("id"),
        "adult": meeting.get("adult"),
        "convened_in": meeting.get("convened_in"),
        "minutes": minutes if whole.get("minutes") is not None else None,
    }


@app.command("list")
def list_meetings(
    ctx: typer.Context, case_id: CaseArg, fmt: FormatOption = "table", excel: ExcelOption = False
) -> None:
    """List a case's meetings: type, format, time, status, invitees, minutes shared.

    A meeting about several adults that another case convened is listed as this
    case's part of it (part_of: that case and meeting), with that meeting's details.

    Example: safecli meeting list SG-2026-0001 --format csv
    """
    from safecli.casework import meetings
    from safecli.store.book import read_case

    case = read_case(book_of(ctx), case_id)
    rows = meetings.meeting_rows(case, book_of(ctx))
    emit(
        rows,
        fmt,
        [
            "id",
            "type",
            "format",
            "mode",
            "when",
            "status",
            "chair",
            "invitees",
            "accepted",
            "held_on",
            "shared_with",
            "part_of",
        ],
        excel=excel,
    )
    note_invalid(rows)
