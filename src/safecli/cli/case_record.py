"""`safecli case update`, `case concern add`, `case capacity add` and `case event add`:
every fact about the adult that a standard reads, set by a command (see also case_wishes)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from safecli.casework import record
from safecli.cli import case as case_cli
from safecli.cli.common import (
    DATE_FORMAT,
    AsOfOption,
    CommitOption,
    ask,
    ask_optional,
    book_of,
    choice,
    date_parser,
    is_interactive,
    nothing_given,
    report,
    text,
)
from safecli.errors import InvalidInput, UsageProblem
from safecli.model import ABUSE_TYPES, CAPACITY_OUTCOMES, EVENT_KINDS, WALES_ABUSE_TYPES, Person
from safecli.output.article import a_or_an

Opt = typer.Option
CaseArg = Annotated[str, typer.Argument(metavar="CASE")]

concern_app = typer.Typer(help="Concerns raised about the adult.", no_args_is_help=True)
capacity_app = typer.Typer(help="Capacity assessments of the adult.", no_args_is_help=True)
event_app = typer.Typer(
    help="Dated contacts and episodes in the adult's life (for the chronology).",
    no_args_is_help=True,
)


def _flag(names: str, help_text: str) -> Any:
    return Opt(names, help=help_text, show_default=False)


def update(
    ctx: typer.Context,
    case_id: CaseArg,
    risk: Annotated[str | None, Opt(help="Risk level: low, medium or high.")] = None,
    engagement: Annotated[
        str | None, Opt(help="How the adult engages: engaging, partial or not-engaging.")
    ] = None,
    care_needs: Annotated[
        bool | None, _flag("--care-needs/--no-care-needs", "Has care and support needs.")
    ] = None,
    at_risk: Annotated[
        bool | None,
        _flag("--at-risk/--not-at-risk", "Is experiencing or at risk of abuse or neglect."),
    ] = None,
    unable_to_protect: Annotated[
        bool | None,
        _flag(
            "--unable-to-protect/--able-to-protect",
            "Because of those needs cannot protect themselves.",
        ),
    ] = None,
    lead_agency: Annotated[str | None, Opt(help="Lead agency handle (in agencies.yaml).")] = None,
    coordinator: Annotated[
        str | None, Opt(help="Lead coordinator, agency:Name (in agencies.yaml).")
    ] = None,
    interpreter: Annotated[str | None, Opt(help="Language an interpreter is needed for.")] = None,
    advocate: Annotated[str | None, Opt(help="The adult's advocate.")] = None,
    needs_advocate: Annotated[
        bool | None, _flag("--needs-advocate/--no-advocate-needed", "An advocate is needed.")
    ] = None,
    easy_read: Annotated[
        bool | None, _flag("--easy-read/--no-easy-read", "Written material should be easy read.")
    ] = None,
    large_print: case_cli.LargePrintOption = None,
    standard_print: Annotated[
        bool, _flag("--standard-print", "Documents for the adult in standard print again.")
    ] = False,
    language: case_cli.LanguageOption = None,
    communication_notes: Annotated[str | None, Opt(help="Other communication needs.")] = None,
    representative: Annotated[
        str | None, Opt(help='The adult\'s representative: "Name;relationship;phone".')
    ] = None,
    jurisdiction: Annotated[str | None, Opt(help="england or wales.")] = None,
    transition_reason: Annotated[
        str | None, Opt(help="Under 18: why this is an adult case (e.g. transition).")
    ] = None,
    dob: Annotated[
        str | None, Opt("--dob", help="Date of birth, corrected (YYYY-MM-DD or DD/MM/YYYY).")
    ] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Change facts about the adult: risk, engagement, the three s42/s126 tests, lead
    agency and coordinator, communication needs, representative, jurisdiction, date of
    birth.

    Flags given are set and the rest kept. At a terminal with no flag given, asks for
    each in turn (empty keeps it). The changed case is checked by every rule.
    --easy-read, --large-print and --language set what every document addressed to the
    adult follows (render invitation --to adult, render feedback).

    Example: safecli case update SG-2026-0001 --engagement partial --care-needs --at-risk
    --unable-to-protect --interpreter Polish --large-print 18 --language both
    """
    book = book_of(ctx)
    given: tuple[object, ...] = (
        risk,
        engagement,
        care_needs,
        at_risk,
        unable_to_protect,
        lead_agency,
    )
    given += (coordinator, interpreter, advocate, needs_advocate, easy_read, large_print)
    given += (language, communication_notes, representative, jurisdiction, transition_reason)
    given += (dob,)
    born = _day(book, as_of, dob, "--dob", "Date of birth")
    if nothing_given(*given) and not standard_print:
        from safecli.cli.case_prompts import ask_update
        from safecli.store.book import read_case

        answers = ask_update(read_case(book, case_id).adult, date_parser(book, as_of))
        risk, engagement = answers.risk, answers.engagement
        care_needs, at_risk = answers.care_needs, answers.at_risk
        unable_to_protect, lead_agency = answers.unable_to_protect, answers.lead_agency
        coordinator, interpreter = answers.coordinator, answers.interpreter
        needs_advocate, communication_notes = answers.needs_advocate, answers.communication_notes
        jurisdiction, born = answers.jurisdiction, answers.date_of_birth
    changes: dict[tuple[str, ...], Any] = {}
    for keys, value in (
        (("risk_level",), risk),
        (("engagement",), engagement),
        (("care_and_support", "has_needs"), care_needs),
        (("care_and_support", "at_risk"), at_risk),
        (("care_and_support", "unable_to_protect"), unable_to_protect),
        (("lead_agency",), lead_agency),
        (("coordinator",), Person.parse(coordinator) if coordinator else None),
        (("communication", "interpreter"), interpreter),
        (("communication", "advocate"), advocate),
        (("communication", "needs_advocate"), needs_advocate),
        (("communication", "easy_read"), easy_read),
        (("communication", "large_print"), large_print),
        (("communication", "language"), language),
        (("communication", "notes"), communication_notes),
        (("jurisdiction",), jurisdiction),
        (("transition_reason",), transition_reason),
        (("date_of_birth",), born),
    ):
        if value is not None:
            changes[keys] = value
    if standard_print:
        if large_print is not None:
            raise UsageProblem("give --large-print or --standard-print, not both")
        changes[("communication", "large_print")] = None
    if representative is not None:
        parts = [part.strip() or None for part in representative.split(";")]
        if not parts[0] or len(parts) > 3:
            raise InvalidInput('representative: write "Name;relationship;phone"')
        parts += [None] * (3 - len(parts))
        for key, value in zip(("name", "relationship", "phone"), parts, strict=True):
            changes[("representative", key)] = value
    case = record.update_adult(book, case_id, changes)
    typer.echo(f"updated {case_id}")
    report(book, case.written, f"{case_id}: update", commit)


def _day(book: Any, as_of: str | None, value: str | None, flag: str, what: str) -> Any:
    """A date flag's value parsed (its refusal naming the flag), or None when not given."""
    return ask(value, flag, what, date_parser(book, as_of)) if value is not None else None


def concern_add(
    ctx: typer.Context,
    case_id: CaseArg,
    type_: Annotated[str | None, Opt("--type", help="Abuse type of the concern.")] = None,
    summary: Annotated[str | None, Opt(help="What the concern is.")] = None,
    source: Annotated[
        str | None, Opt(help="Where the risk comes from (the person alleged, or a service).")
    ] = None,
    location: Annotated[str | None, Opt(help="Where the abuse or neglect happens.")] = None,
    raised_on: Annotated[str | None, Opt(help="When it was raised (default: today).")] = None,
    raised_by: Annotated[str | None, Opt(help="Who raised it, agency:Name.")] = None,
    offender_risk: Annotated[
        bool, Opt("--offender-risk", help="The risk is from a violent or sexual offender.")
    ] = False,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Add a concern about the adult: type, summary, source, location, raised on and by.

    Example: safecli case concern add SG-2026-0001 --type self-neglect --summary
    "Not eating; house cold" --raised-by gp:Dr Amara Okafor --raised-on 2026-11-03
    """
    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    asking = is_interactive()
    concern = record.Concern(
        type=ask(
            type_,
            "--type",
            f"Concern type ({', '.join(ABUSE_TYPES)})",
            choice(ABUSE_TYPES + WALES_ABUSE_TYPES, "concern type"),
        ),
        summary=ask(summary, "--summary", "What the concern is", text),
        raised_on=ask_optional(
            asking, raised_on, "--raised-on", f"Raised on ({DATE_FORMAT}; empty: today)", parse_day
        )
        or parse_day("today"),
        source=ask_optional(
            asking, source, "--source", "Where the risk comes from (the person alleged)", text
        ),
        location=ask_optional(asking, location, "--location", "Where it happens", text),
        raised_by=ask_optional(
            asking, raised_by, "--raised-by", "Who raised it (agency:Name)", Person.parse
        ),
        offender_risk=offender_risk,
    )
    case = record.add_concern(book, case_id, concern)
    typer.echo(f"added {a_or_an(concern.type)} concern to {case_id}")
    report(book, case.written, f"{case_id}: add concern", commit)


def capacity_add(
    ctx: typer.Context,
    case_id: CaseArg,
    decision: Annotated[str | None, Opt(help="The decision capacity was assessed for.")] = None,
    outcome: Annotated[str | None, Opt(help="has or lacks (capacity for that decision).")] = None,
    assessed_on: Annotated[str | None, Opt(help="When it was assessed.")] = None,
    by: Annotated[str | None, Opt(help="Who assessed it, agency:Name.")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Add a capacity assessment: the decision, the outcome, when and by whom.

    Example: safecli case capacity add SG-2026-0001 --decision "Managing her money"
    --outcome has --assessed-on 2026-11-04 --by "asc:Sam Patel"
    """
    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    assessment = record.Assessment(
        decision=ask(decision, "--decision", "The decision assessed", text),
        outcome=ask(
            outcome,
            "--outcome",
            "Outcome (has, lacks)",
            choice(CAPACITY_OUTCOMES, "capacity outcome"),
        ),
        assessed_on=ask(assessed_on, "--assessed-on", f"Assessed on ({DATE_FORMAT})", parse_day),
        by=ask_optional(is_interactive(), by, "--by", "Assessed by (agency:Name)", Person.parse),
    )
    case = record.add_capacity(book, case_id, assessment)
    typer.echo(f"added a capacity assessment to {case_id}")
    report(book, case.written, f"{case_id}: add capacity assessment", commit)


def event_add(
    ctx: typer.Context,
    case_id: CaseArg,
    on: Annotated[str | None, Opt("--on", help="When it happened (YYYY-MM-DD, today…).")] = None,
    kind: Annotated[str | None, Opt(help=f"What happened: {', '.join(EVENT_KINDS)}.")] = None,
    by: Annotated[
        str | None, Opt(help="The agency involved, AGENCY or AGENCY:Name (in agencies.yaml).")
    ] = None,
    summary: Annotated[str | None, Opt(help="A brief factual note of what happened.")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Add a dated event: a hospital admission, A&E attendance, police call-out, missed
    visit, home visit or other contact, with the agency involved. It is a row of the
    chronology. A day in the future (INT005) or an agency or person not in
    agencies.yaml (INT003) is refused.

    Example: safecli case event add SG-2026-0001 --on 2026-11-02 --kind
    hospital-admission --by "nhs-trust:Ward 7" --summary "Admitted after a fall"
    """
    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    happened_on = ask(on, "--on", f"When it happened ({DATE_FORMAT})", parse_day)
    chosen = ask(
        kind, "--kind", f"Kind ({', '.join(EVENT_KINDS)})", choice(EVENT_KINDS, "event kind")
    )
    who = ask(by, "--by", "Agency involved (AGENCY or AGENCY:Name)", text)
    agency, _, name = who.partition(":")
    event = record.Event(
        happened_on=happened_on,
        kind=chosen,
        agency=agency.strip(),
        name=name.strip() or None,
        summary=ask_optional(
            is_interactive(), summary, "--summary", "A brief factual note of what happened", text
        ),
    )
    case = record.add_event(book, case_id, event)
    typer.echo(f"added {a_or_an(event.kind)} event on {event.happened_on} to {case_id}")
    report(book, case.written, f"{case_id}: add event", commit)


# Importing this module adds its commands to the `case` group (SOURCES in cli/case.py).
case_cli.app.command("update")(update)
concern_app.command("add")(concern_add)
case_cli.app.add_typer(concern_app, name="concern")
capacity_app.command("add")(capacity_add)
case_cli.app.add_typer(capacity_app, name="capacity")
event_app.command("add")(event_add)
case_cli.app.add_typer(event_app, name="event")
