"""`safecli agency add|list`."""

from __future__ import annotations

from typing import Annotated

import typer

from safecli import raw, shape
from safecli.cli.common import (
    CommitOption,
    ExcelOption,
    FormatOption,
    book_of,
    emit,
    note_invalid,
    report,
)
from safecli.errors import UsageProblem

app = typer.Typer(help="The agencies of a case and their people.", no_args_is_help=True)
#: The group's commands in help order -> the module of safecli.cli that adds each to `app`
#: (imported, and the command built, only when it is used: see lazy.py).
SOURCES = {
    "add": "agency",
    "list": "agency",
}


@app.command("add")
def add(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    handle: Annotated[str, typer.Argument(help="Short handle, e.g. police, gp, housing.")],
    name: Annotated[str | None, typer.Option(help="The agency's full name.")] = None,
    kind: Annotated[str | None, typer.Option(help="Agency kind, e.g. police, gp, housing.")] = None,
    person: Annotated[
        list[str] | None,
        typer.Option("--person", help='A named person: "Name;role;email;phone" (repeat).'),
    ] = None,
    lead: Annotated[bool, typer.Option("--lead", help="Make this the lead agency.")] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help="The people's language for documents: cy (Welsh) or en (English); "
            "in a Welsh book, unset means both, Welsh first.",
        ),
    ] = None,
    large_print: Annotated[
        int | None,
        typer.Option(
            "--large-print",
            min=14,
            max=72,
            metavar="POINTS",
            help="The people's documents in large print at this size (HTML invitations).",
        ),
    ] = None,
    commit: CommitOption = None,
) -> None:
    """Add an agency to a case, or more people to an agency already there.

    --language and --large-print are recorded for each person added: an invitation
    addressed to them (render invitation --to agency:Name) follows them.

    Example: safecli agency add SG-2026-0001 police --name "Exampleshire Police"
    --kind police --person "DC Lee Jones;Investigating officer;lee.jones@example.org"
    --language en
    """
    from safecli.casework import cases

    book = book_of(ctx)
    people = [
        cases.AgencyPerson.parse(value).speaking(language).printed_at(large_print)
        for value in person or []
    ]
    if (language is not None or large_print is not None) and not people:
        raise UsageProblem(
            "--language and --large-print are recorded for the people added: give --person too"
        )
    case = cases.add_agency(book, case_id, handle, name=name, kind=kind, people=people, lead=lead)
    report(
        book, case.written, f"{case_id}: add agency {handle}" + (" (lead)" if lead else ""), commit
    )


@app.command("list")
def list_agencies(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    fmt: FormatOption = "table",
    excel: ExcelOption = False,
) -> None:
    """List a case's agencies and their people.

    Example: safecli agency list SG-2026-0001 --format json
    """
    from safecli.store.book import load_case

    case = load_case(book_of(ctx), case_id)
    lead = case.adult.get("lead_agency")
    rows = [
        {
            "handle": shape.shown(a.get("handle"), shape.AGENCY, "handle"),
            "kind": shape.shown(a.get("kind"), shape.AGENCY, "kind"),
            "name": a.get("name"),
            "lead": a.get("handle") == lead,
            "people": [p.get("name") for p in raw.items(a.get("people")) if isinstance(p, dict)],
        }
        for a in case.agencies
    ]
    emit(rows, fmt, ["handle", "kind", "name", "lead", "people"], excel=excel)
    note_invalid(rows, case_id)
