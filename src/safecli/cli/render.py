"""`safecli render invitation|minutes|plan`: documents to send, print or file."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from safecli.cli.common import AsOfOption, book_of, today
from safecli.errors import UsageProblem
from safecli.render import FORMATS, INVITATION_FORMATS

if TYPE_CHECKING:
    from safecli.store.book import Book

if TYPE_CHECKING:
    from safecli.render.documents import Rendered

app = typer.Typer(help="Render invitations, minutes and the protection plan.", no_args_is_help=True)
#: The group's commands in help order -> the module of safecli.cli that adds each to `app`
#: (imported, and the command built, only when it is used: see lazy.py).
SOURCES = {
    "invitation": "render",
    "minutes": "render",
    "plan": "render",
    "feedback": "render",
}

Opt = typer.Option
CaseArg = Annotated[str, typer.Argument(metavar="CASE", help="The case id.")]
MeetingArg = Annotated[str, typer.Argument(metavar="MEETING", help="The meeting id, e.g. M1.")]
OutputOption = Annotated[
    str | None,
    Opt(
        "--output",
        "-o",
        help="Write to this file (0600, atomically) instead of stdout; "
        "its extension sets the format when --format is not given.",
    ),
]
ShowNamesOption = Annotated[
    bool | None,
    Opt(
        "--show-names/--hide-names",
        help="Show the adult's name (default: the book's "
        "show_names; otherwise initials and the case id).",
        show_default=False,
    ),
]
EasyReadOption = Annotated[
    bool | None,
    Opt(
        "--easy-read/--plain",
        help="Letters to the adult: easy read, a picture beside each idea "
        "(default: as adult.yaml records).",
        show_default=False,
    ),
]
LargePrintOption = Annotated[
    int | None,
    Opt(
        "--large-print",
        min=14,
        max=72,
        metavar="POINTS",
        help="Letters to the adult: print at this size (default: adult.yaml's large_print).",
    ),
]
LangOption = Annotated[
    str | None,
    Opt(
        "--lang",
        help="cy, en or both (Welsh first). Default: the recipient's recorded language; "
        "in a Welsh book both, otherwise English.",
    ),
]
_SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".ics": "ics",
    ".eml": "eml",
}


def _format(fmt: str | None, output: str | None, allowed: tuple[str, ...]) -> str:
    chosen = fmt or (_SUFFIXES.get(Path(output).suffix.lower()) if output else None) or "md"
    if chosen not in allowed:
        raise UsageProblem(f"unknown --format {chosen!r}; choose one of: {', '.join(allowed)}")
    return chosen


def _names(book: Book, show_names: bool | None) -> bool:
    return book.config.show_names if show_names is None else show_names


def _emit(book: Book, rendered: Rendered, output: str | None) -> None:
    from safecli.store import atomic

    for who in rendered.unaddressed:
        typer.echo(
            f"safecli: note: no email address is recorded for {who}; "
            "the email is not addressed to them",
            err=True,
        )
    if output is None:
        typer.echo(rendered.text, nl=False)
        return
    path = Path(output)
    atomic.write_atomic(path, rendered.text)
    typer.echo(f"wrote {path}")


@app.command("invitation")
def invitation(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    to: Annotated[
        str | None,
        Opt(
            "--to",
            help="Address it to one invitee: agency or "
            "agency:Name, or 'adult' for a letter written for the adult "
            "(default: a general invitation).",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        Opt("--format", "-f", help="md, html, txt, ics (calendar) or eml (email for sendmail -t)."),
    ] = None,
    output: OutputOption = None,
    show_names: ShowNamesOption = None,
    sender: Annotated[
        str | None,
        Opt(
            "--from",
            help="eml: the sender, user@domain or 'Name <user@domain>' (default: the chair).",
        ),
    ] = None,
    duration: Annotated[
        int, Opt("--duration", min=1, max=1440, help="ics/eml: length of the meeting in minutes.")
    ] = 60,
    easy_read: EasyReadOption = None,
    large_print: LargePrintOption = None,
    lang: LangOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Render the invitation to a meeting, for one invitee or for everyone invited.

    --to adult gives a letter written for the adult (md, html or txt): what the
    meeting is for, when and where, who will be there, that they can bring
    someone or an advocate, how to have their say if they do not come, who to
    call. It is easy read, large print and in the language adult.yaml records
    (or as --easy-read, --large-print and --lang say).

    The calendar file (.ics) names the case and meeting by id only; its UID is
    the same for every version of the meeting and its SEQUENCE is the meeting's
    own (raised by reschedule, uninvite and cancel once invitations went out).
    A cancelled meeting, or --to an invitee taken off it, gives the cancellation
    (METHOD:CANCEL). With --as-of, the calendar and email are stamped at
    midnight of that date.

    Example: safecli render invitation SG-2026-0001 M3 --to gp --format eml | sendmail -t
    """
    book = book_of(ctx)
    if to == "adult":
        _letter(ctx, "invitation", case_id, meeting_id, fmt, output, show_names, as_of,
                easy_read, large_print, lang)  # fmt: skip
        return
    chosen = _format(fmt, output, INVITATION_FORMATS)
    tz = book.config.tz
    now = datetime.combine(today(book, as_of), time(0, 0), tz) if as_of else datetime.now(tz)
    from safecli.render.documents import InvitationOptions, render_invitation
    from safecli.render.invitation import Addressee

    options = InvitationOptions(
        fmt=chosen,
        to=Addressee.parse(to) if to else None,
        show_names=_names(book, show_names),
        sender=sender,
        duration=timedelta(minutes=duration),
        lang=lang,
    )
    _emit(book, render_invitation(book, case_id, meeting_id, options, now=now), output)


@app.command("minutes")
def minutes(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    fmt: Annotated[str | None, Opt("--format", "-f", help="md, html or txt.")] = None,
    output: OutputOption = None,
    show_names: ShowNamesOption = None,
    lang: LangOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Render the minutes of a held meeting, marked OFFICIAL-SENSITIVE.

    Actions are shown with their status on the --as-of date (default: today).
    In a Welsh book (or a case in Wales) the minutes are in Welsh, then English.

    Example: safecli render minutes SG-2026-0001 M2 --format html -o minutes-M2.html
    """
    book = book_of(ctx)
    chosen = _format(fmt, output, FORMATS)
    from safecli.render.documents import render_minutes

    _emit(
        book,
        render_minutes(
            book,
            case_id,
            meeting_id,
            chosen,
            show_names=_names(book, show_names),
            today=today(book, as_of),
            lang=lang,
        ),
        output,
    )


@app.command("plan")
def plan(
    ctx: typer.Context,
    case_id: CaseArg,
    fmt: Annotated[str | None, Opt("--format", "-f", help="md, html or txt.")] = None,
    output: OutputOption = None,
    show_names: ShowNamesOption = None,
    lang: LangOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Render the protection plan: risks, wishes, open actions, capacity, review.

    In a Welsh book (or a case in Wales) the plan is in Welsh, then English.

    Example: safecli render plan SG-2026-0001 --as-of 2026-12-01 --format txt
    """
    book = book_of(ctx)
    chosen = _format(fmt, output, FORMATS)
    from safecli.render.documents import render_plan

    _emit(
        book,
        render_plan(
            book,
            case_id,
            chosen,
            show_names=_names(book, show_names),
            today=today(book, as_of),
            lang=lang,
        ),
        output,
    )


@app.command("feedback")
def feedback(
    ctx: typer.Context,
    case_id: CaseArg,
    meeting_id: MeetingArg,
    fmt: Annotated[str | None, Opt("--format", "-f", help="md, html or txt.")] = None,
    output: OutputOption = None,
    show_names: ShowNamesOption = None,
    easy_read: EasyReadOption = None,
    large_print: LargePrintOption = None,
    lang: LangOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Render the letter that tells the adult what a held meeting agreed.

    The decisions, the open actions agreed with who does them and by when, the
    next review and who to contact; easy read, large print and in the language
    adult.yaml records (or as --easy-read, --large-print and --lang say).

    Example: safecli render feedback SG-2026-0001 M2 --format html -o feedback-M2.html
    """
    _letter(ctx, "feedback", case_id, meeting_id, fmt, output, show_names, as_of,
            easy_read, large_print, lang)  # fmt: skip


def _letter(
    ctx: typer.Context,
    kind: str,
    case_id: str,
    meeting_id: str,
    fmt: str | None,
    output: str | None,
    show_names: bool | None,
    as_of: str | None,
    easy_read: bool | None,
    large_print: int | None,
    lang: str | None,
) -> None:
    book = book_of(ctx)
    chosen = _format(fmt, output, FORMATS)
    from safecli.render.documents import render_letter
    from safecli.render.letters import LetterOptions

    options = LetterOptions(
        easy_read=easy_read,
        large_print=large_print,
        lang=lang,
        show_names=_names(book, show_names),
    )
    _emit(
        book,
        render_letter(book, case_id, meeting_id, kind, chosen, options, today=today(book, as_of)),
        output,
    )
