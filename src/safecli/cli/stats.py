"""`safecli stats sac|wales`: the statutory returns, every count traceable to its cases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from safecli.cli.common import ExcelOption, book_of
from safecli.errors import UsageProblem

if TYPE_CHECKING:
    from safecli.reports.tables import Table

app = typer.Typer(
    help="Statutory returns: England's SAC and the Welsh measures.", no_args_is_help=True
)
#: The group's commands in help order -> the module of safecli.cli that adds each to `app`
#: (imported, and the command built, only when it is used: see lazy.py).
SOURCES = {
    "sac": "stats",
    "wales": "stats",
}

Opt = typer.Option
YearOption = Annotated[str, Opt("--year", help="Reporting year, 1 April to 31 March: 2025-26.")]
FormatOption = Annotated[
    str, Opt("--format", "-f", help="Output format: table, markdown, csv or json.")
]
PublishOption = Annotated[
    bool, Opt("--publish", help="Round counts to the nearest 5 and suppress those under 5.")
]
ExplainOption = Annotated[
    str | None,
    Opt("--explain", metavar="CELL", help="List the cases counted in a cell, e.g. SG1a:65-74:s42."),
]


@app.command("sac")
def sac_cmd(
    ctx: typer.Context,
    year: YearOption,
    fmt: FormatOption = "table",
    publish: PublishOption = False,
    explain_cell: ExplainOption = None,
    excel: ExcelOption = False,
) -> None:
    """England's Safeguarding Adults Collection for a year: SG1a-f, SG2a-e, SG3a, SG4a.

    Refuses (exit 3) while any record cannot be counted, naming each case and field.
    Cells are named TABLE:ROW:COLUMN with the keys of docs/returns.md.

    Example: safecli stats sac --year 2025-26 --explain SG2a:financial:known
    """
    from safecli.reports import sac, source
    from safecli.reports.tables import parse_year

    book = book_of(ctx)
    _check_format(fmt)
    reporting = parse_year(year)
    result = sac.sac_return(
        source.adults(book),
        reporting,
        council=book.config.council,
        jurisdiction=book.config.jurisdiction,
    )
    if result.other_council:
        typer.echo(
            f"left out {len(result.other_council)} case(s) whose abuse happened in another "
            f"council's area (that council reports them): {', '.join(result.other_council)}",
            err=True,
        )
    heading = f"Safeguarding Adults Collection {result.year.label}"
    _show(result.tables, fmt, publish, explain_cell, heading, excel=excel)


@app.command("wales")
def wales_cmd(
    ctx: typer.Context,
    year: YearOption,
    fmt: FormatOption = "table",
    publish: PublishOption = False,
    explain_cell: ExplainOption = None,
    excel: ExcelOption = False,
) -> None:
    """The Welsh measures for a year: reports, enquiries, completion in time, categories.

    The timescale is the book's clocks.wales.enquiry_working_days (7 by default),
    counted in working days (bank holidays and the book's closure_days excluded).

    Example: safecli stats wales --year 2026-27 --explain WG1:in-time:count
    """
    from safecli.reports import source, wales
    from safecli.reports.tables import parse_year
    from safecli.workdays import WorkingCalendar

    book = book_of(ctx)
    _check_format(fmt)
    within = book.config.clocks["wales"]["enquiry_working_days"]
    if within is None:
        raise UsageProblem("set clocks.wales.enquiry_working_days in safecli.yaml")
    reporting = parse_year(year)
    tables = wales.wales_measures(
        source.adults(book),
        reporting,
        jurisdiction=book.config.jurisdiction,
        calendar=WorkingCalendar.of("wales", book.config.closure_days),
        within=within,
    )
    heading = f"Adult safeguarding in Wales {reporting.label}"
    _show(tables, fmt, publish, explain_cell, heading, excel=excel)


def _check_format(fmt: str) -> None:
    from safecli.reports.output import FORMATS

    if fmt not in FORMATS:
        raise UsageProblem(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def _show(
    tables: tuple[Table, ...],
    fmt: str,
    publish: bool,
    cell: str | None,
    heading: str,
    *,
    excel: bool = False,
) -> None:
    from safecli.reports.output import format_tables
    from safecli.reports.tables import explain

    if cell is None:
        typer.echo(
            format_tables(tables, fmt, publish=publish, heading=heading, excel=excel), nl=False
        )
        return
    table, row, column, ids = explain(tables, cell)
    typer.echo(
        f"{table.code}:{row}:{column} ({dict(table.rows)[row]} / {dict(table.columns)[column]}): "
        f"{len(ids)}"
    )
    for case_id in dict.fromkeys(ids):
        times = ids.count(case_id)
        typer.echo(f"  {case_id}" + (f" (x{times})" if times > 1 else ""))
