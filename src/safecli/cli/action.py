"""`safecli action add|done|move|cancel|list`."""

from __future__ import annotations

from typing import Annotated

import typer

from safecli.cli.common import (
    AsOfOption,
    CommitOption,
    ExcelOption,
    FormatOption,
    ask,
    book_of,
    confirm,
    date_parser,
    emit,
    is_interactive,
    note_invalid,
    report,
    text,
    today,
)
from safecli.errors import UsageProblem
from safecli.model import Person

app = typer.Typer(help="Actions agreed at meetings: lead, due date, status.", no_args_is_help=True)
#: The group's commands in help order -> the module of safecli.cli that adds each to `app`
#: (imported, and the command built, only when it is used: see lazy.py).
SOURCES = {
    "add": "action",
    "done": "action",
    "move": "action",
    "cancel": "action",
    "list": "action",
}
Opt = typer.Option
CaseArg = Annotated[str, typer.Argument(metavar="CASE")]
ActionArg = Annotated[str, typer.Argument(metavar="ACTION", help="Action id, e.g. A1.")]


@app.command("add")
def add(
    ctx: typer.Context,
    case_id: CaseArg,
    description: Annotated[
        str | None, typer.Argument(metavar="TEXT", help="What is to be done.")
    ] = None,
    meeting: Annotated[str | None, Opt(help="The meeting that agreed it, e.g. M1.")] = None,
    lead: Annotated[str | None, Opt(help="Who leads it, agency:Name.")] = None,
    due: Annotated[str | None, Opt(help="Due date: 2026-12-03, +2w, fri, ...")] = None,
    risk: Annotated[int | None, Opt(help="Link it to risk N of the meeting's minutes.")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Add an action agreed at a meeting, with a named lead and a due date.

    Example: safecli action add SG-2026-0001 --meeting M1 --lead "police:DC Lee Jones"
    --due +2w "Interview the son about the withdrawals"
    """
    from safecli.casework import actions
    from safecli.casework.people import resolve
    from safecli.store.book import read_case

    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    case = read_case(book, case_id) if is_interactive() else None

    def known_meeting(value: str) -> str:
        return str(case.find("meetings", value).get("id")) if case is not None else value

    def known_lead(value: str) -> Person:
        return resolve(case, Person.parse(value)) if case is not None else Person.parse(value)

    spec = actions.NewAction(
        meeting=ask(meeting, "--meeting", "Meeting that agreed it (e.g. M1)", known_meeting),
        description=ask(description, "TEXT", "What is to be done", text),
        lead=ask(lead, "--lead", "Lead (agency:Name)", known_lead),
        due=ask(due, "--due", "Due date", parse_day),
        risk=risk,
    )
    case, action_id = actions.add_action(book, case_id, spec)
    typer.echo(f"added action {action_id} to {case_id}: lead {spec.lead}, due {spec.due}")
    report(
        book, case.written, f"{case_id}: add action {action_id} (lead: {spec.lead.agency})", commit
    )


@app.command("done")
def done(
    ctx: typer.Context,
    case_id: CaseArg,
    action_id: ActionArg,
    on: Annotated[str | None, Opt(help="When it was done (default: today).")] = None,
    note: Annotated[str | None, Opt(help="A note on what was done.")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Mark an action done.

    Example: safecli action done SG-2026-0001 A1 --on yesterday --note "Bank flagged the account"
    """
    from safecli.casework import actions

    book = book_of(ctx)
    day = date_parser(book, as_of)(on) if on else today(book, as_of)
    case = actions.mark_done(book, case_id, action_id, on=day, note=note)
    typer.echo(f"{action_id} done on {day}")
    report(book, case.written, f"{case_id}: action {action_id} done", commit)


def _yes_no(value: bool | None, flags: str, question: str) -> bool:
    if value is not None:
        return value
    if not is_interactive():
        raise UsageProblem(f"missing {flags} (no terminal to ask at; give it as a flag)")
    return confirm(question, default=False)


@app.command("move")
def move(
    ctx: typer.Context,
    case_id: CaseArg,
    action_id: ActionArg,
    to: Annotated[str | None, Opt(help="The new due date.")] = None,
    reason: Annotated[str | None, Opt(help="Why it cannot be done by the old date.")] = None,
    lead_informed: Annotated[
        bool | None,
        Opt(
            "--lead-informed/--lead-not-informed",
            help="The lead officer was told.",
            show_default=False,
        ),
    ] = None,
    risk_reassessed: Annotated[
        bool | None,
        Opt(
            "--risk-reassessed/--risk-not-reassessed",
            help="The risk was re-assessed.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Move an action's due date; the move is kept with its reason, and whether the lead
    officer was told and the risk re-assessed.

    Example: safecli action move SG-2026-0001 A2 --to +1w --reason "Bank needs consent"
    --lead-informed --risk-reassessed
    """
    from safecli.casework import actions

    book = book_of(ctx)
    parse_day = date_parser(book, as_of)
    new_due = ask(to, "--to", "New due date", parse_day)
    why = ask(reason, "--reason", "Why does the due date move", text)
    case = actions.move_action(
        book,
        case_id,
        action_id,
        to=new_due,
        reason=why,
        moved_on=today(book, as_of),
        lead_informed=_yes_no(
            lead_informed, "--lead-informed or --lead-not-informed", "Was the lead officer told?"
        ),
        risk_reassessed=_yes_no(
            risk_reassessed,
            "--risk-reassessed or --risk-not-reassessed",
            "Was the risk re-assessed?",
        ),
    )
    typer.echo(f"{action_id} now due {new_due}")
    report(book, case.written, f"{case_id}: move action {action_id}", commit)


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    case_id: CaseArg,
    action_id: ActionArg,
    reason: Annotated[str | None, Opt(help="Why it is cancelled.")] = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Cancel an action with the reason; it keeps its id, which is never reused. The day
    it is cancelled (--as-of, or today) is kept as `cancelled_on`.

    Example: safecli action cancel SG-2026-0001 A5 --reason "Son moved out; not needed"
    """
    from safecli.casework import actions

    book = book_of(ctx)
    why = ask(reason, "--reason", "Why is the action cancelled", text)
    case = actions.cancel_action(book, case_id, action_id, reason=why, on=today(book, as_of))
    typer.echo(f"cancelled {action_id}")
    report(book, case.written, f"{case_id}: cancel action {action_id}", commit)


@app.command("list")
def list_actions(
    ctx: typer.Context,
    case_id: Annotated[
        str | None,
        typer.Argument(metavar="[CASE]", help="A case (default: every case of the book)."),
    ] = None,
    open_only: Annotated[bool, Opt("--open", help="Only open actions.")] = False,
    agency: Annotated[str | None, Opt(help="Only actions led by this agency (handle).")] = None,
    show_descriptions: Annotated[
        bool | None,
        Opt(
            "--show-descriptions/--hide-descriptions",
            help="Show what each action is (default: shown for one case, hidden when "
            "listing the whole book, as free text can name the adult).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = "table",
    excel: ExcelOption = False,
) -> None:
    """List actions of a case, or of every case: lead, due date, status, moves.

    Example: safecli action list --open --agency police --format csv
    """
    import time

    from safecli.casework import actions

    book = book_of(ctx)
    describe = show_descriptions if show_descriptions is not None else case_id is not None
    if case_id is None and not describe:
        from safecli.digest import lists

        rows = lists.book_actions(book, open_only=open_only, agency=agency, now_ns=time.time_ns())
    else:
        ids = [case_id] if case_id else book.case_ids()
        rows = actions.list_actions(book, ids, open_only=open_only, agency=agency)
    emit(
        rows,
        fmt,
        [
            "case",
            "id",
            "meeting",
            "agency",
            "lead",
            "due",
            "status",
            "done_on",
            "moves",
            *(["description"] if describe else []),
        ],
        excel=excel,
    )
    note_invalid(rows)
