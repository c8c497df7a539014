"""`safecli case new|list|show|close`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from safecli import raw, shape
from safecli.cli.common import (
    AsOfOption,
    CommitOption,
    ExcelOption,
    FormatOption,
    ask,
    book_of,
    choice,
    confirm,
    date_parser,
    emit,
    is_interactive,
    note_invalid,
    report,
    text,
    today,
    yes_no,
)
from safecli.errors import EXIT_FAILED, InvalidInput, UsageProblem
from safecli.model import (
    ABUSE_TYPES,
    AGENCY_KINDS,
    FILES,
    LANGUAGE_PREFERENCES,
    OUTCOMES_ACHIEVED,
    RISK_LEVELS,
    WALES_ABUSE_TYPES,
)

app = typer.Typer(help="Open, list, show and close cases.", no_args_is_help=True)
#: The group's commands in help order -> the module of safecli.cli that adds each to `app`
#: (imported, and the command built, only when it is used: see lazy.py).
SOURCES = {
    "new": "case",
    "list": "case",
    "show": "case",
    "close": "case",
    "enquiry": "enquiry",
    "demographics": "enquiry",
    "update": "case_record",
    "wishes": "case_wishes",
    "others-at-risk": "case_wishes",
    "allegation": "enquiry",
    "concern": "case_record",
    "capacity": "case_record",
    "event": "case_record",
}

Opt = typer.Option


# The adult's documents, as `case new` and `case update` record them.
LargePrintOption = Annotated[
    int | None,
    Opt(
        "--large-print",
        min=14,
        max=72,
        metavar="POINTS",
        help="Documents for the adult in large print at this size, e.g. 18.",
    ),
]
LanguageOption = Annotated[
    str | None,
    Opt(help="The adult's language for documents: cy (Welsh), en (English) or both."),
]


@app.command("new")
def new(
    ctx: typer.Context,
    case_id: Annotated[
        str | None,
        Opt("--id", help="Case id (default: the next free one in the book's case_id_format)."),
    ] = None,
    name: Annotated[str | None, Opt(help="The adult's full name.")] = None,
    preferred_name: Annotated[str | None, Opt(help="What the adult likes to be called.")] = None,
    dob: Annotated[
        str | None, Opt("--dob", help="Date of birth (YYYY-MM-DD or DD/MM/YYYY).")
    ] = None,
    transition_reason: Annotated[
        str | None, Opt(help="Under 18: why this is an adult case (e.g. transition).")
    ] = None,
    address: Annotated[str | None, Opt(help="Address (use \\n for new lines).")] = None,
    phone: Annotated[str | None, Opt(help="The adult's phone number.")] = None,
    interpreter: Annotated[str | None, Opt(help="Language an interpreter is needed for.")] = None,
    advocate: Annotated[str | None, Opt(help="The adult's advocate, if any.")] = None,
    needs_advocate: Annotated[bool, Opt(help="An advocate is needed.")] = False,
    easy_read: Annotated[bool, Opt(help="Written material should be easy read.")] = False,
    large_print: LargePrintOption = None,
    language: LanguageOption = None,
    communication_notes: Annotated[str | None, Opt(help="Other communication needs.")] = None,
    risk: Annotated[str | None, Opt(help="Risk level: low, medium or high.")] = None,
    lead_agency: Annotated[str | None, Opt(help="Lead agency handle, e.g. asc.")] = None,
    lead_agency_name: Annotated[str | None, Opt(help="Lead agency's full name.")] = None,
    lead_agency_kind: Annotated[str, Opt(help="Lead agency's kind.")] = "local-authority",
    coordinator: Annotated[
        str | None, Opt(help="Lead coordinator's name (in the lead agency).")
    ] = None,
    concern_type: Annotated[str | None, Opt(help="Abuse type of the concern.")] = None,
    concern_summary: Annotated[str | None, Opt(help="What the concern is.")] = None,
    care_needs: Annotated[
        bool | None, Opt("--care-needs/--no-care-needs", help="Has care and support needs.")
    ] = None,
    at_risk: Annotated[
        bool | None,
        Opt("--at-risk/--not-at-risk", help="Is experiencing or at risk of abuse or neglect."),
    ] = None,
    unable_to_protect: Annotated[
        bool | None,
        Opt(
            "--unable-to-protect/--able-to-protect",
            help="Because of those needs cannot protect themselves.",
        ),
    ] = None,
    jurisdiction: Annotated[str | None, Opt(help="england or wales, if not the book's.")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Open a case for an adult at risk; prompts for what is missing at a terminal.

    Example: safecli case new --name "Ann Example" --risk high --lead-agency asc
    --lead-agency-name "Exampletown Adult Social Care" --concern-type financial
    --concern-summary "Son withdrawing cash"
    """
    from safecli.casework import cases

    book = book_of(ctx)
    opened = today(book, as_of)
    parse_day = date_parser(book, as_of)
    spec = cases.NewCase(
        name=ask(name, "--name", "Adult's full name", text),
        preferred_name=ask(
            preferred_name, "--preferred-name", "Preferred name", str, optional=True
        ),
        date_of_birth=ask(
            dob, "--dob", "Date of birth (YYYY-MM-DD or DD/MM/YYYY)", parse_day, optional=True
        ),
        transition_reason=transition_reason,
        address=_lines(ask(address, "--address", "Address", str, optional=True)),
        phone=phone,
        interpreter=ask(
            interpreter, "--interpreter", "Interpreter language (empty if none)", str, optional=True
        ),
        advocate=advocate,
        needs_advocate=needs_advocate,
        easy_read=easy_read,
        large_print=large_print,
        language=choice(LANGUAGE_PREFERENCES, "language")(language) if language else None,
        communication_notes=communication_notes,
        risk_level=ask(
            risk, "--risk", "Risk level (low, medium, high)", choice(RISK_LEVELS, "risk level")
        ),
        lead_agency=ask(
            lead_agency, "--lead-agency", "Lead agency handle", cases.check_handle, default=None
        ),
        lead_agency_name=ask(lead_agency_name, "--lead-agency-name", "Lead agency's name", text),
        lead_agency_kind=choice(AGENCY_KINDS, "agency kind")(lead_agency_kind),
        coordinator=ask(
            coordinator, "--coordinator", "Lead coordinator's name", str, optional=True
        ),
        concern_type=ask(
            concern_type,
            "--concern-type",
            f"Concern type ({', '.join(ABUSE_TYPES)})",
            choice(ABUSE_TYPES + WALES_ABUSE_TYPES, "concern type"),
        ),
        concern_summary=ask(concern_summary, "--concern-summary", "Concern summary", text),
        care_and_support={
            "has_needs": _test(care_needs, "--care-needs", "Has care and support needs?"),
            "at_risk": _test(
                at_risk, "--at-risk", "Is experiencing or at risk of abuse or neglect?"
            ),
            "unable_to_protect": _test(
                unable_to_protect,
                "--unable-to-protect",
                "Because of those needs, cannot protect themselves?",
            ),
        },
        jurisdiction=jurisdiction,
    )
    if is_interactive():
        _summary(spec)
        if not confirm("Open this case?", default=True):
            raise InvalidInput("the case was not opened; nothing written")
    case = cases.new_case(book, spec, today=opened, case_id=case_id)
    typer.echo(f"opened case {case.case_id}")
    report(book, case.written, f"{case.case_id}: open case", commit)


def _test(value: bool | None, flag: str, question: str) -> bool | None:
    """One of the three s42/s126 tests: the flag, or asked at a terminal (may be unknown)."""
    if value is not None or not is_interactive():
        return value
    return ask(None, flag, f"{question} (yes, no; empty if not known)", yes_no, optional=True)


def _summary(spec: Any) -> None:
    """What is about to be written, shown before `case new` writes it."""
    tests = spec.care_and_support
    shown = {True: "yes", False: "no", None: "not known"}
    typer.echo("About to open a case:", err=True)
    for label, value in (
        ("risk level", spec.risk_level),
        ("lead agency", f"{spec.lead_agency} ({spec.lead_agency_name})"),
        ("coordinator", spec.coordinator or "none"),
        ("date of birth", spec.date_of_birth or "not given"),
        ("concern", spec.concern_type),
        ("care and support needs", shown[tests.get("has_needs")]),
        ("at risk of abuse or neglect", shown[tests.get("at_risk")]),
        ("unable to protect themselves", shown[tests.get("unable_to_protect")]),
    ):
        typer.echo(f"  {label}: {value}", err=True)


def _lines(value: str | None) -> str | None:
    return value.replace("\\n", "\n") if value else value


@app.command("list")
def list_cases(
    ctx: typer.Context,
    status: Annotated[str, Opt(help="open, closed or all.")] = "open",
    show_names: Annotated[
        bool | None,
        Opt(
            "--show-names/--hide-names", help="Show adults' names (default: the book's show_names)."
        ),
    ] = None,
    fmt: FormatOption = "table",
    excel: ExcelOption = False,
) -> None:
    """List the cases: id, opened, risk, lead agency, open actions.

    A case whose files cannot be read is listed as unreadable (under any
    --status), its problem is printed on stderr, and the exit status is 3.

    Example: safecli case list --status all --format csv
    """
    import time

    from safecli.casework import listing

    book = book_of(ctx)
    choice(listing.STATUSES, "status")(status)
    names = show_names if show_names is not None else book.config.show_names
    if names:
        rows = listing.case_rows(book, status)
    else:
        from safecli.digest import lists

        rows = lists.case_rows(book, status, now_ns=time.time_ns())
    columns = ["case", "status", "opened", "risk", "lead_agency", "open_actions"]
    emit(rows, fmt, columns + (["name"] if names else []), excel=excel)
    note_invalid(rows)
    broken = [row for row in rows if row["status"] == listing.UNREADABLE]
    for row in broken:
        typer.echo(f"safecli: error: {row['problem']}", err=True)
    if broken:
        typer.echo(
            f"safecli: error: {len(broken)} case(s) could not be read; they are listed as "
            "unreadable (see: safecli validate)",
            err=True,
        )
        raise typer.Exit(EXIT_FAILED)


@app.command("show")
def show(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    fmt: Annotated[str, Opt("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show a case: the adult, agencies, meetings and actions.

    Example: safecli case show SG-2026-0001
    """
    import json

    from safecli.store.book import read_case

    book = book_of(ctx)
    case = read_case(book, case_id)  # the fast reader's data: nothing is changed
    if fmt == "json":
        docs = {kind: case.docs[kind] for kind in FILES}
        typer.echo(json.dumps(docs, indent=2, default=str, ensure_ascii=False))
        return
    choice(("text", "json"), "format")(fmt)
    adult = case.adult

    printed: list[dict[str, Any]] = []  # the enumerated values shown, for note_invalid

    def val(value: Any, record: shape.Record, key: str) -> Any:
        printed.append({key: (found := shape.shown(value, record, key))})
        return found

    def of(record: shape.Record, stored: Any, key: str) -> Any:
        return val(stored.get(key), record, key)

    typer.echo(
        f"Case {case_id} ({of(shape.ADULT, adult, 'status')}, "
        f"opened {of(shape.ADULT, adult, 'opened')})"
    )
    typer.echo(
        f"  Adult: {adult.get('name')}"
        + (f" ({adult.get('preferred_name')})" if adult.get("preferred_name") else "")
    )
    typer.echo(
        f"  Risk: {of(shape.ADULT, adult, 'risk_level')}   "
        f"Lead agency: {of(shape.ADULT, adult, 'lead_agency')}"
    )
    for concern in _records(adult.get("concerns")):
        summary = " ".join(str(concern.get("summary") or "").split())
        typer.echo(f"  Concern: {of(shape.CONCERN, concern, 'type')}: {summary}")
    for event in _records(adult.get("events")):
        summary = " ".join(str(event.get("summary") or "").split())
        typer.echo(
            f"  Event: {of(shape.EVENT, event, 'happened_on')} {of(shape.EVENT, event, 'kind')} "
            f"({of(shape.EVENT, event, 'agency')})" + (f": {summary}" if summary else "")
        )
    typer.echo("\nAgencies:")
    emit(
        [
            {
                "handle": of(shape.AGENCY, a, "handle"),
                "kind": of(shape.AGENCY, a, "kind"),
                "name": a.get("name"),
                "people": [p.get("name") for p in _records(a.get("people"))],
            }
            for a in _records(case.agencies)
        ],
        "table",
    )
    typer.echo("\nMeetings:")
    emit(
        [
            {
                **{k: of(shape.MEETING, m, k) for k in ("id", "type", "when", "status")},
                **(
                    {"about": _part_of(m, case.case_id)}
                    if any(_part_of(x, case.case_id) for x in _records(case.meetings))
                    else {}
                ),
            }
            for m in _records(case.meetings)
        ],
        "table",
    )
    typer.echo("\nActions:")
    emit(
        [
            {
                **{k: of(shape.ACTION, a, k) for k in ("id", "meeting", "due", "status")},
                "lead": f"{val(_lead(a).get('agency'), shape.AGENCY, 'handle')}:"
                f"{_lead(a).get('name')}",
            }
            for a in _records(case.actions)
        ],
        "table",
    )
    note_invalid(printed, case_id)


def _records(items: Any) -> list[Any]:
    """The mappings of a list from a hand-edited file (validate reports the rest)."""
    return raw.records(items)


def _lead(action: Any) -> Any:
    return raw.mapping(action.get("lead"))


@app.command("close")
def close(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    reason: Annotated[str | None, Opt(help="Why the case is closed.")] = None,
    outcomes_asked: Annotated[
        bool | None,
        Opt(
            "--outcomes-asked/--outcomes-not-asked",
            help="Was the adult asked at the end what outcomes they wanted, and whether they "
            "were met?",
        ),
    ] = None,
    not_asked_reason: Annotated[
        str | None,
        Opt(help="With --outcomes-not-asked: why the adult could not be asked."),
    ] = None,
    outcomes_expressed: Annotated[
        bool | None,
        Opt(
            "--outcomes-expressed/--outcomes-not-expressed",
            help="With --outcomes-asked: did the adult express desired outcomes?",
        ),
    ] = None,
    achieved: Annotated[
        str | None,
        Opt(help="With --outcomes-expressed: were they met? fully, partially or not."),
    ] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Close a case, recording Making Safeguarding Personal outcomes.

    Each question follows from the answer before: an adult not asked, why not
    (optional; validate's EMP001 warns while it is missing); an adult asked,
    whether they expressed outcomes; outcomes expressed, whether they were met.

    Example: safecli case close SG-2026-0001 --reason "Risk reduced" --outcomes-asked
    --outcomes-expressed --achieved partially
    """
    from safecli.casework import cases

    book = book_of(ctx)
    closing = ask(reason, "--reason", "Reason for closing", text)
    asked = _yes_no(
        outcomes_asked,
        "--outcomes-asked",
        "Was the adult asked what outcomes they wanted, and whether they were met?",
    )
    _not_for(asked, not_asked_reason, "--not-asked-reason", "--outcomes-not-asked")
    _not_for(not asked, outcomes_expressed, "--outcomes-expressed", "--outcomes-asked")
    why = expressed = met = None
    if not asked:
        why = ask(
            not_asked_reason,
            "--not-asked-reason",
            "Why could the adult not be asked?",
            text,
            optional=True,
            default=_reason_recorded(book, case_id)
            if not_asked_reason is None and is_interactive()
            else None,
        )
    else:
        expressed = _yes_no(
            outcomes_expressed, "--outcomes-expressed", "Did the adult express desired outcomes?"
        )
    _not_for(not expressed, achieved, "--achieved", "--outcomes-expressed")
    if expressed:
        met = ask(
            achieved,
            "--achieved",
            "Were they met? (fully, partially, not)",
            choice(OUTCOMES_ACHIEVED, "outcome"),
        )
    case = cases.close_case(
        book,
        case_id,
        today=today(book, as_of),
        reason=closing,
        outcomes_asked=asked,
        not_asked_reason=why,
        outcomes_expressed=expressed,
        achieved=met,
    )
    typer.echo(f"closed case {case_id}")
    report(book, case.written, f"{case_id}: close case", commit)


def _reason_recorded(book: Any, case_id: str) -> str | None:
    """Why adult.yaml says the adult could not be asked their wishes: offered at the prompt."""
    from safecli.casework.adult_reader import read_adult
    from safecli.model import Person
    from safecli.store.book import read_case

    return read_adult(read_case(book, case_id).adult, Person.from_raw).wishes.not_asked_reason


def _not_for(refused: bool, value: object, flag: str, needs: str) -> None:
    """Refuse a flag given where the answer before it makes it meaningless."""
    if refused and value is not None:
        raise UsageProblem(f"{flag} goes only with {needs}")


def _yes_no(value: bool | None, flag: str, question: str) -> bool:
    """A yes/no flag's value, or the answer at a terminal."""
    if value is not None:
        return value
    if not is_interactive():
        raise UsageProblem(f"missing {flag} (no terminal to ask at; give it as a flag)")
    return typer.confirm(question)


def _part_of(meeting: Any, case_id: str) -> str:
    """The other adults of a meeting about several ('' for a meeting about one)."""
    from safecli.casework.shared import convened_in, subjects_of

    ref = convened_in(meeting)
    if ref is not None:
        case = shape.shown(ref[0], shape.CONVENED_IN, "case")
        return f"also {case} (recorded there as {shape.shown(ref[1], shape.MEETING, 'id')})"
    others = [shape.shown(s, shape.MEETING, "subjects") for s in subjects_of(meeting, case_id)]
    return f"also {', '.join(others)}" if others else ""
