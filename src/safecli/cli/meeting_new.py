"""`safecli meeting new`: call a meeting, from flags or by answering prompts at a terminal."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from safecli import raw
from safecli.cli import meeting as meeting_cli
from safecli.cli.common import (
    AsOfOption,
    CommitOption,
    ask,
    book_of,
    choice,
    confirm,
    date_parser,
    is_interactive,
    report,
    text,
    today,
)
from safecli.errors import InvalidInput, UsageProblem
from safecli.model import MEETING_FORMATS, MEETING_MODES, Person
from safecli.output.article import a_or_an

if TYPE_CHECKING:
    from safecli.casework.meetings import Invitation
    from safecli.policy.pack import MeetingType, Policy
    from safecli.store.book import Case

T = TypeVar("T")
Opt = typer.Option


def _say(lines: list[str]) -> None:
    for line in lines:
        typer.echo(line, err=True)


def new(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    type_id: Annotated[
        str | None, Opt("--type", help="Meeting type id (safecli meeting types).")
    ] = None,
    fmt: Annotated[str | None, Opt("--format", help="discussion or meeting.")] = None,
    mode: Annotated[str | None, Opt(help="in-person, telephone or virtual.")] = None,
    when: Annotated[
        str | None, Opt(help="Date and time, e.g. '2026-12-01 10:00' or 'fri 14:00'.")
    ] = None,
    where: Annotated[str | None, Opt(help="The place (in-person meetings).")] = None,
    link: Annotated[str | None, Opt(help="The joining link (virtual meetings).")] = None,
    purpose: Annotated[str | None, Opt(help="What the meeting is for.")] = None,
    chair: Annotated[str | None, Opt(help="The chair, agency:Name.")] = None,
    invite: Annotated[
        list[str] | None, Opt("--invite", help="An invitee, agency:Name:reason (repeat).")
    ] = None,
    decision_maker: Annotated[
        str | None, Opt(help="Best interests: the decision maker, agency:Name.")
    ] = None,
    adult_invited: Annotated[bool, Opt("--adult-invited", help="The adult is invited.")] = False,
    adult_not_invited_reason: Annotated[
        str | None, Opt(help="Why the adult is not invited.")
    ] = None,
    interpreter_arranged: Annotated[
        bool | None,
        Opt(
            "--interpreter-arranged/--interpreter-not-arranged",
            help="Whether the interpreter the adult needs is arranged.",
            show_default=False,
        ),
    ] = None,
    advocate_arranged: Annotated[
        bool | None,
        Opt(
            "--advocate-arranged/--advocate-not-arranged",
            help="Whether the advocate the adult needs is arranged.",
            show_default=False,
        ),
    ] = None,
    agenda: Annotated[
        list[str] | None, Opt("--agenda", help="An agenda item (repeat, in order).")
    ] = None,
    subject: Annotated[
        list[str] | None, Opt("--subject", help="Another case this meeting is also about (repeat).")
    ] = None,
    subject_not_invited: Annotated[
        list[str] | None,
        Opt(
            "--subject-not-invited",
            help='Another adult who is not invited, and why: "CASE=reason" (repeat; the '
            "other adults are invited as this one is).",
        ),
    ] = None,
    invited_on: Annotated[
        str | None, Opt(help="When the invitations went out (default: today).")
    ] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Call a meeting for a case; at a terminal, prompts for what is missing.

    At a prompt it suggests the meeting type and whether to hold a discussion or a
    meeting, offers the case's agencies that this type usually invites, and asks
    about the adult's invitation, interpreter and advocate. The meeting is checked
    against every rule validate runs before anything is written.

    Example: safecli meeting new SG-2026-0001 --type s42-strategy --format discussion
    --mode virtual --when "2026-11-10 10:00" --purpose "Agree immediate protection"
    --chair "asc:Sam Patel" --invite "police:DC Lee Jones:Investigating the theft"
    --adult-not-invited-reason "Seen alone the day before; views brought by Sam"
    """
    from safecli.casework import meetings
    from safecli.casework.meetings import Invitation, NewMeeting
    from safecli.cli.meeting_text import suggestion_lines
    from safecli.dates import parse_datetime
    from safecli.policy.pack import book_policy
    from safecli.policy.suggest import suggest_meeting
    from safecli.store.book import read_case

    book = book_of(ctx)
    day = today(book, as_of)
    case = read_case(book, case_id)
    policy = book_policy(book)
    jurisdiction = meetings.jurisdiction_of(book, case.adult)
    interactive = is_interactive()
    guide = None
    if interactive and (type_id is None or fmt is None):
        guide = suggest_meeting(
            case.adult, list(case.agencies), jurisdiction=jurisdiction, policy=policy
        )
        _say(suggestion_lines(guide, policy))
    type_id = ask(
        type_id,
        "--type",
        "Meeting type",
        _type_parser(policy, jurisdiction),
        default=guide.type_id if guide else None,
    )
    mt = policy.get(str(type_id))
    fmt = ask(
        fmt,
        "--format",
        "Discussion or meeting",
        choice(MEETING_FORMATS, "format"),
        default=guide.format if guide else None,
    )
    mode = ask(
        mode, "--mode", "Mode (in-person, telephone, virtual)", choice(MEETING_MODES, "mode")
    )
    start = ask(
        when,
        "--when",
        "When (e.g. 2026-12-01 10:00, fri 14:00)",
        lambda v: parse_datetime(v, day, book.config.tz),
    )
    if mode == "in-person":
        where = ask(where, "--where", "Where", text)
    elif mode == "virtual":
        link = ask(link, "--link", "Joining link (empty if not known yet)", str, optional=True)
    if purpose is None and interactive and mt.purpose:
        _say([f"What {a_or_an(mt.name)} is for: {' '.join(mt.purpose.split())}"])
    purpose = ask(purpose, "--purpose", "Purpose of this meeting", text)
    chair_person = ask(
        chair,
        "--chair",
        "Chair (agency:Name)",
        Person.parse if chair is not None else _known(case),
        default=_coordinator(case),
    )
    deciding = None
    if decision_maker is not None or (interactive and mt.needs_decision_maker):
        deciding = ask(
            decision_maker,
            "--decision-maker",
            "Decision maker (agency:Name)",
            Person.parse if decision_maker is not None else _known(case),
        )
    invitees = [Invitation.parse(item) for item in invite or []]
    if not invitees and interactive:
        invitees = _offer_invitees(case, mt, [chair_person, deciding])
    items = list(agenda or [])
    arranged = _interpreter(case, interpreter_arranged)
    items += _advocate(case, invitees, advocate_arranged)
    invited, reason = _adult(mt, adult_invited, adult_not_invited_reason)
    spec = NewMeeting(
        type_id=mt.id,
        format=str(fmt),
        mode=str(mode),
        when=start,
        purpose=str(purpose),
        chair=chair_person,
        adult_invited=invited,
        adult_not_invited_reason=reason,
        interpreter_arranged=arranged,
        where=where,
        link=link,
        decision_maker=deciding,
        invited_on=date_parser(book, as_of)(invited_on) if invited_on else day,
        agenda=tuple(items),
        subjects=tuple(subject or []),
        subjects_not_invited=_not_invited(subject_not_invited or [], subject or []),
        invitees=tuple(invitees),
    )
    created = meetings.new_meeting(book, case_id, spec, policy=policy)
    typer.echo(
        f"new meeting {created.meeting_id} ({mt.id}) in {case_id}: {spec.format}, "
        f"{spec.mode}, {spec.when:%Y-%m-%d %H:%M}"
    )
    for other, part in created.parts.items():
        typer.echo(
            f"  its part in {other}: {part} (that adult's actions: safecli action add "
            f"{other} --meeting {part} ...)"
        )
    report(
        book,
        [*created.case.written, *created.also_written],
        f"{case_id}: new meeting {created.meeting_id} ({mt.id})",
        commit,
    )


def _type_parser(policy: Policy, jurisdiction: str) -> Callable[[str], str]:
    """A type that applies in the case's jurisdiction (INT004's vocabulary and wording)."""
    from safecli.validation.load import instead

    def parse(value: str) -> str:
        mt = policy.get(value)
        if not mt.applies_in(jurisdiction):
            raise InvalidInput(f"{value!r} is not used in {jurisdiction.title()}: {instead(mt)}")
        return value

    return parse


def _known(case: Case) -> Callable[[str], Person]:
    from safecli.casework.people import resolve

    return lambda value: resolve(case, Person.parse(value))


def _coordinator(case: Case) -> str | None:
    """The lead coordinator, offered as the chair at a prompt."""
    coordinator = Person.from_raw(case.adult.get("coordinator"))
    return str(coordinator) if coordinator is not None else None


def _offer_invitees(case: Case, mt: MeetingType, skip: list[Any]) -> list[Invitation]:
    from safecli.casework.meetings import Invitation
    from safecli.casework.people import people_of_kinds

    if mt.invite.notes:
        _say([f"Who to invite: {' '.join(mt.invite.notes.split())}"])
    chosen: list[Invitation] = []
    for person, role in people_of_kinds(case, mt.invite.kinds):
        if person in skip:
            continue
        if confirm(f"Invite {person}{f' ({role})' if role else ''}?", default=True):
            why = ask(None, "--invite", f"Why invite {person.name}", text)
            chosen.append(Invitation(person, why))
    while True:
        extra = ask(
            None,
            "--invite",
            "Invite someone else (agency:Name; empty when done)",
            _known(case),
            optional=True,
        )
        if extra is None:
            return chosen
        why = ask(None, "--invite", f"Why invite {extra.name}", text)
        chosen.append(Invitation(extra, why))


def _interpreter(case: Case, arranged: bool | None) -> bool | None:
    """Whether the interpreter the adult needs is arranged (asked at a terminal); None
    when the adult needs none or nobody said."""
    comm = case.adult.get("communication")
    language = comm.get("interpreter") if isinstance(comm, Mapping) else None
    if not language:
        return arranged
    if arranged is None and is_interactive():
        arranged = confirm(
            f"The adult needs {a_or_an(str(language))} interpreter. Is one arranged for this meeting?",
            default=False,
        )
    if arranged is None:
        _say(
            [
                (
                    f"note: the adult needs {a_or_an(str(language))} interpreter; say whether one is "
                    "arranged with --interpreter-arranged or --interpreter-not-arranged"
                )
            ]
        )
    return arranged


def _advocate(case: Case, invitees: list[Invitation], advocate: bool | None) -> list[str]:
    """Agenda notes on the advocate the adult needs (may invite the advocate)."""
    from safecli.casework.meetings import Invitation
    from safecli.casework.people import kind_of, people_of_kinds

    comm = raw.mapping(case.adult.get("communication"))
    notes: list[str] = []
    if comm.get("needs_advocate") or comm.get("advocate"):
        invited = {i.person for i in invitees}
        if any(kind_of(case, p.agency) == "advocacy" for p in invited):
            return notes
        if advocate is None and is_interactive():
            for person, _ in people_of_kinds(case, ("advocacy",)):
                if confirm(f"The adult needs an advocate. Invite {person}?", default=True):
                    invitees.append(
                        Invitation(
                            person,
                            "The adult's advocate: supports them to take part and to be heard",
                        )
                    )
                    return notes
            advocate = confirm("Is an advocate arranged for this meeting?", default=False)
        if advocate is None:
            _say(
                [
                    (
                        "note: the adult needs an advocate; invite one (--invite) or say whether one "
                        "is arranged with --advocate-arranged or --advocate-not-arranged"
                    )
                ]
            )
        else:
            notes.append(
                "Advocate arranged for the adult"
                if advocate
                else "Advocate needed for the adult, not yet arranged"
            )
    return notes


def _adult(mt: MeetingType, invited: bool, reason: str | None) -> tuple[bool, str | None]:
    from safecli.policy.pack import adult_guidance

    if invited or reason:
        return invited, reason
    if not is_interactive():
        raise UsageProblem(
            "missing --adult-invited or --adult-not-invited-reason "
            "(no terminal to ask at; give one as a flag)"
        )
    _say([f"The adult: {adult_guidance(mt)}."])
    if confirm("Invite the adult?", default=mt.invite.adult != "not-usual"):
        return True, None
    return False, ask(None, "--adult-not-invited-reason", "Why is the adult not invited", text)


def _not_invited(values: list[str], subjects: list[str]) -> dict[str, str]:
    """--subject-not-invited CASE=reason, for cases given with --subject."""
    found: dict[str, str] = {}
    for value in values:
        case_id, sep, reason = (part.strip() for part in value.partition("="))
        if not sep or not reason or case_id not in subjects:
            raise InvalidInput(
                "invalid --subject-not-invited value: write CASE=reason, naming a case "
                "also given with --subject"
            )
        found[case_id] = reason
    return found


# Importing this module adds its commands to the `meeting` group (SOURCES in cli/meeting.py).
meeting_cli.app.command("new")(new)
