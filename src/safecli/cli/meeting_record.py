"""`safecli meeting record`: the meeting was held; write its minutes from flags or in $EDITOR."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from safecli import raw
from safecli.cli import meeting as meeting_cli
from safecli.cli.common import (
    AsOfOption,
    CommitOption,
    ask,
    book_of,
    date_parser,
    is_interactive,
    report,
    today,
)
from safecli.cli.meeting_adults import (
    FLAGS,
    EngageLeadOf,
    FeedbackOf,
    OthersOf,
    RiskOf,
    ViewsOf,
    adult_minutes,
    ask_adults,
    labels,
)
from safecli.errors import InvalidInput, UsageProblem
from safecli.model import Person

if TYPE_CHECKING:
    from safecli.casework.minutes import AdultMinutes
    from safecli.casework.minutes_parts import Capacity, Disagreement, Minutes, Review, Risk
    from safecli.policy.pack import MeetingType
    from safecli.store.book import Book, Case

Opt = typer.Option
People = Annotated[list[str] | None, Opt(help="agency:Name (repeat).")]
TRUE_WORDS = ("yes", "y", "true", "escalated")
FALSE_WORDS = ("no", "n", "false", "")


def record(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    meeting_id: Annotated[str, typer.Argument(metavar="MEETING")],
    held_on: Annotated[
        str | None, Opt(help="The date it was held (default at a prompt: the planned date).")
    ] = None,
    attendee: People = None,
    apology: People = None,
    written_update: People = None,
    engage_lead: Annotated[
        str | None, Opt(help="The one agency (handle) best placed to engage the adult.")
    ] = None,
    wishes: Annotated[str | None, Opt(help="The adult's views and wishes.")] = None,
    wishes_obtained_by: Annotated[
        str | None, Opt(help="How the adult's views were found out.")
    ] = None,
    risk: Annotated[
        list[str] | None,
        Opt("--risk", help='"risk|what is in place|barriers|A1,A2" (repeat; action ids optional).'),
    ] = None,
    others_reviewed: Annotated[
        bool, Opt("--others-reviewed", help="Risk to other adults and children was reviewed.")
    ] = False,
    adults: Annotated[str | None, Opt(help="Other adults at risk, or none identified.")] = None,
    children: Annotated[str | None, Opt(help="Children at risk, or none identified.")] = None,
    adults_at_risk: Annotated[
        bool | None,
        Opt(
            "--adults-at-risk/--no-adults-at-risk",
            help="The review found other adults at risk (or found none).",
            show_default=False,
        ),
    ] = None,
    children_at_risk: Annotated[
        bool | None,
        Opt(
            "--children-at-risk/--no-children-at-risk",
            help="The review found children at risk (or found none).",
            show_default=False,
        ),
    ] = None,
    children_referral: Annotated[
        str | None,
        Opt(
            "--children-referral",
            "--referral-made",
            help="Date of the referral of those at risk (children's social care, or the "
            "other adult's own case).",
        ),
    ] = None,
    decision: Annotated[
        list[str] | None, Opt("--decision", help="A decision made (repeat).")
    ] = None,
    disagreement: Annotated[
        list[str] | None,
        Opt("--disagreement", help='"agency:Name|about|outcome|escalated yes/no" (repeat).'),
    ] = None,
    review: Annotated[str | None, Opt(help="The review date.")] = None,
    review_not_required: Annotated[str | None, Opt(help="Why no review is needed.")] = None,
    feedback_how: Annotated[str | None, Opt(help="How the adult hears what was agreed.")] = None,
    feedback_by: Annotated[
        str | None, Opt(help="Who feeds back to the adult, agency:Name.")
    ] = None,
    feedback_due: Annotated[str | None, Opt(help="When the feedback is due.")] = None,
    capacity_decision: Annotated[
        str | None, Opt(help="Best interests: the decision capacity was assessed for.")
    ] = None,
    capacity_assessed_on: Annotated[
        str | None, Opt(help="Best interests: date of the capacity assessment.")
    ] = None,
    capacity_assessed_by: Annotated[
        str | None, Opt(help="Best interests: who assessed capacity, agency:Name.")
    ] = None,
    capacity_outcome: Annotated[str | None, Opt(help="Best interests: has or lacks.")] = None,
    best_interests_decision: Annotated[
        str | None, Opt(help="Best interests: the decision made.")
    ] = None,
    engage_lead_of: EngageLeadOf = None,
    views_of: ViewsOf = None,
    risk_of: RiskOf = None,
    others_of: OthersOf = None,
    feedback_of: FeedbackOf = None,
    edit: Annotated[
        bool, Opt("--edit", help="Write the minutes in $EDITOR on a commented form.")
    ] = False,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Record that a meeting was held: attendees, risks, decisions, review, feedback.

    Give the minutes as flags, or with --edit fill in a commented form in $EDITOR
    (it lists the actions still open from earlier meetings, and is checked before
    anything is saved). Add the actions agreed afterwards with `safecli action add`.
    For a meeting about several adults, the flags record this case's adult; the
    --engage-lead-of, --views-of, --risk-of, --others-of and --feedback-of flags
    record each other adult's, in her part of the meeting in her own case. At a
    terminal, when none of those is given, each other adult is asked about in
    turn (by initials unless the book shows names); the --edit form has a section
    for each.

    Example: safecli meeting record SG-2026-0001 M1 --held-on 2026-11-10
    --attendee "asc:Sam Patel" --attendee "police:DC Lee Jones"
    --risk "Further withdrawals|Bank notified|Son holds her card" --others-reviewed
    --decision "Proceed to an s42 enquiry" --review 2026-12-01
    """
    from safecli.casework import meetings
    from safecli.casework.minutes import record_minutes
    from safecli.casework.minutes_parts import Feedback, Minutes, OthersAtRisk, Wishes, given
    from safecli.cli.meeting_text import carried_lines
    from safecli.policy.pack import book_policy
    from safecli.store.book import read_case

    book = book_of(ctx)
    day = today(book, as_of)
    parse_day = date_parser(book, as_of)
    policy = book_policy(book)
    case = read_case(book, case_id)
    meeting = meetings.find_meeting(case, meeting_id)
    mt = policy.get(str(meeting.get("type")))
    planned = str(meeting.get("when") or "")[:10]
    flags = [key for key in _CONTENT if _given(key, ctx.params.get(key))]
    if edit:
        if flags:
            raise UsageProblem(
                "--edit writes the minutes in the editor; leave out "
                + ", ".join("--" + k.replace("_", "-") for k in flags)
            )
        if meeting.get("status") != "planned":
            raise InvalidInput(
                f"{meeting_id} is {meeting.get('status')}; only a planned "
                "meeting can be recorded as held"
            )
        held = parse_day(held_on) if held_on else parse_day(planned) if planned else day
        minutes, others = _edit(book, case, meeting_id, mt, held, day)
    else:
        minutes = Minutes(
            held_on=ask(held_on, "--held-on", "Held on", parse_day, default=planned or None),
            attendees=_attendees(attendee, meeting),
            apologies=tuple(map(Person.parse, apology or [])),
            written_updates=tuple(map(Person.parse, written_update or [])),
            engage_lead=engage_lead,
            wishes=given(Wishes(wishes, wishes_obtained_by)),
            risks=tuple(map(_risk, risk or [])),
            others_at_risk=OthersAtRisk(
                reviewed=others_reviewed,
                adults=adults,
                adults_at_risk=adults_at_risk,
                children=children,
                children_at_risk=children_at_risk,
                referral_made=parse_day(children_referral) if children_referral else None,
            ),
            decisions=tuple(decision or []),
            disagreements=tuple(map(_disagreement, disagreement or [])),
            review=_review(review, review_not_required, parse_day),
            feedback=given(
                Feedback(
                    feedback_how,
                    Person.parse(feedback_by) if feedback_by else None,
                    parse_day(feedback_due) if feedback_due else None,
                )
            ),
            capacity=_capacity(
                capacity_decision,
                capacity_assessed_on,
                capacity_assessed_by,
                capacity_outcome,
                best_interests_decision,
                parse_day,
            ),
        )
        others = adult_minutes(
            engage_lead_of, views_of, risk_of, others_of, feedback_of, parse_day, _risk
        )
        if not others and is_interactive():
            engage = "engage_lead" in mt.must_record
            others = ask_adults(labels(book, case_id, meeting), engage, parse_day, _risk)
    done = record_minutes(book, case_id, meeting_id, minutes, today=day, adults=others)
    typer.echo(f"recorded meeting {meeting_id} of {case_id} as held on {minutes.held_on}")
    for line in carried_lines(done.case, meeting_id):
        typer.echo(line)
    typer.echo(
        f"next: safecli action add {case_id} --meeting {meeting_id} --lead agency:Name "
        f"--due DATE TEXT; then: safecli meeting share {case_id} {meeting_id} "
        "--with HANDLE"
    )
    for other in done.others:
        typer.echo(f"  and its part in {other.case_id}")
    written = [*done.case.written, *(p for other in done.others for p in other.written)]
    report(book, written, f"{case_id}: record meeting {meeting_id}", commit)


def _given(key: str, value: Any) -> bool:
    """Whether a content flag was given (`--no-children-at-risk` is, as False)."""
    if key in _YES_OR_NO:
        return value is not None
    return value not in (None, False, [], ())


_YES_OR_NO = ("adults_at_risk", "children_at_risk")
_CONTENT = (
    "attendee",
    "apology",
    "written_update",
    "engage_lead",
    "wishes",
    "wishes_obtained_by",
    "risk",
    "others_reviewed",
    "adults",
    "children",
    "adults_at_risk",
    "children_at_risk",
    "children_referral",
    "decision",
    "disagreement",
    "review",
    "review_not_required",
    "feedback_how",
    "feedback_by",
    "feedback_due",
    "capacity_decision",
    "capacity_assessed_on",
    "capacity_assessed_by",
    "capacity_outcome",
    "best_interests_decision",
    *FLAGS,
)


def _attendees(given: list[str] | None, meeting: Any) -> tuple[Person, ...]:
    if given:
        return tuple(map(Person.parse, given))
    chair = Person.from_raw(meeting.get("chair"))
    likely = ([chair] if chair else []) + [
        p
        for e in raw.items(meeting.get("invitees"))
        if e.get("response") == "accepted" and (p := Person.from_raw(e.get("person")))
    ]
    found = ask(
        None,
        "--attendee",
        "Attendees (agency:Name, separated by ';')",
        lambda v: tuple(Person.parse(x) for x in v.split(";") if x.strip()),
        default="; ".join(dict.fromkeys(map(str, likely))) or None,
    )
    return found or ()


def _risk(value: str) -> Risk:
    from safecli.casework.minutes_parts import Risk

    parts = [part.strip() for part in value.split("|")]
    if len(parts) > 4 or not parts[0]:
        raise InvalidInput(
            f'invalid --risk {value!r}: write "risk|what is in place|'
            'barriers|A1,A2" (the last three may be empty)'
        )
    parts += [""] * (4 - len(parts))
    return Risk(
        parts[0],
        parts[1] or None,
        parts[2] or None,
        tuple(a.strip() for a in parts[3].split(",") if a.strip()),
    )


def _disagreement(value: str) -> Disagreement[Person]:
    from safecli.casework.minutes_parts import Disagreement

    parts = [part.strip() for part in value.split("|")]
    if not 2 <= len(parts) <= 4 or not parts[1]:
        raise InvalidInput(
            f'invalid --disagreement {value!r}: write "agency:Name|about|outcome|escalated yes/no"'
        )
    parts += [""] * (4 - len(parts))
    if parts[3].lower() not in TRUE_WORDS + FALSE_WORDS:
        raise InvalidInput(f"invalid --disagreement {value!r}: escalated is yes or no")
    return Disagreement(
        Person.parse(parts[0]), parts[1], parts[2] or None, parts[3].lower() in TRUE_WORDS
    )


def _review(when: str | None, reason: str | None, parse_day: Any) -> Review:
    from safecli.casework.minutes_parts import Review

    if when is None and reason is None and is_interactive():
        when = ask(None, "--review", "Review date (empty if none is needed)", str, optional=True)
        if when is None:
            reason = ask(
                None,
                "--review-not-required",
                "Why is no review needed (empty to leave it open)",
                str,
                optional=True,
            )
    return Review(parse_day(when) if when else None, reason)


def _capacity(
    decision: str | None,
    assessed_on: str | None,
    assessed_by: str | None,
    outcome: str | None,
    best: str | None,
    parse_day: Any,
) -> Capacity[Person] | None:
    from safecli.casework.minutes_parts import Capacity

    if not any((decision, assessed_on, assessed_by, outcome, best)):
        return None
    return Capacity(
        decision,
        parse_day(assessed_on) if assessed_on else None,
        Person.parse(assessed_by) if assessed_by else None,
        outcome,
        best,
    )


def _edit(
    book: Book, case: Case, meeting_id: str, mt: MeetingType, held: date, day: date
) -> tuple[Minutes[Person], tuple[AdultMinutes, ...]]:
    """Open the minutes form until it checks out; a broken form is kept aside, not lost.
    For a meeting about several adults the form has a section for each other adult."""
    from safecli.casework.minutes import check_record
    from safecli.casework.minutes_form import form
    from safecli.casework.minutes_form_adults import read_adults
    from safecli.casework.minutes_form_reader import read_checked
    from safecli.cli.edit import edit_until_valid
    from safecli.store import refusals
    from safecli.store.book import read_case

    meeting = case.find("meetings", meeting_id)
    others = [(read_case(book, c), label) for c, label in labels(book, case.case_id, meeting)]
    blank = form(case, meeting_id, mt, held, others)
    where = case.folder / f"minutes-{meeting_id}.yaml"

    def check(edited: bytes) -> tuple[Minutes[Person], tuple[AdultMinutes, ...]]:
        text = refusals.check_bytes(where, edited)
        adults: list[AdultMinutes] = []

        def with_adults(minutes: Minutes[Person]) -> None:
            adults.extend(read_adults(where, text, today=day))
            check_record(book, case.case_id, meeting_id, minutes, today=day, adults=tuple(adults))

        minutes = read_checked(where, text, today=day, check=with_adults)
        return minutes, tuple(adults)

    recorded = edit_until_valid(
        book,
        case.folder,
        f"{case.case_id}-minutes-{meeting_id}",
        blank,
        check,
        question="The minutes do not check out. Edit them again?",
        refused="minutes not recorded; your form",
    )
    if recorded is None:
        raise InvalidInput("the form was saved unchanged; nothing recorded")
    return recorded


# Importing this module adds its commands to the `meeting` group (SOURCES in cli/meeting.py).
meeting_cli.app.command("record")(record)
