"""What every command shares: the book, prompting, dates, output formats, reporting writes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, overload

import typer

from safecli.errors import InvalidInput, UsageProblem
from safecli.model import INVALID, Person

if TYPE_CHECKING:
    from safecli.store.book import Book

# Command modules import the library inside their commands, not at the top: showing one
# command's --help then costs its module alone, and running it only what it uses.

T = TypeVar("T")

FORMATS = ("table", "markdown", "json", "csv")

FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="Output format: table, markdown, json or csv.")
]
ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="CSV for Excel: UTF-8 with a byte-order mark and CRLF line ends (implies csv).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Act as if today were this date (default: today in the book's timezone).",
        show_default=False,
    ),
]
CommitOption = Annotated[
    bool | None,
    typer.Option(
        "--commit/--no-commit",
        help="Commit just the files this command changed (default: the book's `commit` setting).",
        show_default=False,
    ),
]


EMPTY = "an answer is needed here (it cannot be empty)"


def book_of(ctx: typer.Context) -> Book:
    """The case book for this command (--book, SAFECLI_BOOK, or found upwards)."""
    from safecli.store.book import find_book

    root = ctx.find_root()
    explicit = root.params.get("book")
    book = find_book(Path(explicit) if explicit else None)
    if "commit" in ctx.params:
        # A command that writes: every change it makes is checked by the rulebook.
        from safecli.validation.guard import Rulebook

        book = replace(book, guard=Rulebook(book, today(book, ctx.params.get("as_of"))))
        commit = ctx.params["commit"]
        if commit if commit is not None else book.config.commit:
            from safecli.teamwork.gitrepo import check_can_commit

            check_can_commit(book.root)
    return book


def is_interactive() -> bool:
    """Whether to prompt: at a terminal, or when SAFECLI_INTERACTIVE=1 (tests)."""
    forced = os.environ.get("SAFECLI_INTERACTIVE")
    if forced in ("0", "1"):
        return forced == "1"
    return sys.stdin.isatty()


@overload
def ask(
    value: str | None,
    flag: str,
    question: str,
    parse: Callable[[str], T],
    *,
    default: str | None = None,
    optional: Literal[False] = False,
) -> T: ...


@overload
def ask(
    value: str | None,
    flag: str,
    question: str,
    parse: Callable[[str], T],
    *,
    default: str | None = None,
    optional: Literal[True],
) -> T | None: ...


def ask(
    value: str | None,
    flag: str,
    question: str,
    parse: Callable[[str], T],
    *,
    default: str | None = None,
    optional: bool = False,
) -> T | None:
    """A flag's value parsed, or the parsed answer to a prompt at a terminal.

    With no terminal, a missing value is a usage error naming the flag, or None when
    it is optional; `default` is only ever offered at a prompt, never taken silently.
    """
    if value is not None:
        try:
            return parse(value)
        except InvalidInput as exc:
            raise _named(exc, flag, question) from exc
    if not is_interactive():
        if optional:
            return None
        raise UsageProblem(f"missing {flag} (no terminal to ask at; give it as a flag)")
    while True:
        shown = default if default is not None else ("" if optional else None)
        asked = f"{question} (optional)" if optional else question
        answer = typer.prompt(asked, default=shown, show_default=bool(default))
        if optional and not str(answer).strip():
            return None
        try:
            return parse(str(answer).strip())
        except InvalidInput as exc:
            typer.echo(f"  {_named(exc, flag, question).message}", err=True)


def _named(exc: InvalidInput, flag: str, question: str) -> InvalidInput:
    """An empty answer's refusal, naming the flag and the question it answers."""
    if exc.message != EMPTY:
        return exc
    return InvalidInput(f"{flag} cannot be empty ({question})")


def ask_optional(
    asking: bool, value: str | None, flag: str, question: str, parse: Callable[[str], T]
) -> T | None:
    """An optional value: the flag's, parsed; else, when `asking`, the answer to a prompt
    marked optional (empty: none); else None."""
    if value is None and not asking:
        return None
    return ask(value, flag, question, parse, optional=True)


def nothing_given(*values: object) -> bool:
    """Whether to ask for everything: at a terminal, and no value was given as a flag."""
    return is_interactive() and all(value is None for value in values)


DATE_FORMAT = "YYYY-MM-DD or DD/MM/YYYY"


def confirm(question: str, default: bool = False) -> bool:
    """Ask yes/no at a terminal; with no terminal, the default."""
    return typer.confirm(question, default=default) if is_interactive() else default


def text(value: str) -> str:
    """Parse a non-empty free-text answer."""
    if not value.strip():
        raise InvalidInput(EMPTY)
    return value


def yes_no(value: str) -> bool:
    """Parse yes or no (y, n; any case)."""
    word = value.strip().lower()
    if word in ("y", "yes", "true"):
        return True
    if word in ("n", "no", "false"):
        return False
    raise InvalidInput(f"answer yes or no, not {value!r}")


def choice(options: Sequence[str], what: str) -> Callable[[str], str]:
    """A parser accepting one of options."""

    def parse(value: str) -> str:
        if value in options:
            return value
        folded = {option.lower(): option for option in options}
        if value.strip().lower() in folded:
            return folded[value.strip().lower()]
        from difflib import get_close_matches

        near = get_close_matches(value.strip().lower(), list(folded), n=1)
        listed = ", ".join(options)
        if near:
            raise InvalidInput(
                f"invalid {what} {value!r}; did you mean {folded[near[0]]!r}? "
                f"(choose one of: {listed})"
            )
        raise InvalidInput(f"invalid {what} {value!r}; choose one of: {listed}")

    return parse


def today(book: Book, as_of: str | None) -> date:
    """The date commands act on: --as-of, or today in the book's timezone."""
    from safecli import dates

    real_today = dates.today_in(book.config.tz)
    return dates.parse_date(as_of, real_today) if as_of else real_today


def date_parser(book: Book, as_of: str | None) -> Callable[[str], date]:
    """A parser for date answers (ISO, today, +3d, fri...) relative to the command's today."""
    from safecli import dates

    base = today(book, as_of)
    return lambda value: dates.parse_date(value, base)


def person(value: str) -> Person:
    """Parse `agency:Name`."""
    return Person.parse(value)


def relative(book: Book, path: Path) -> str:
    """A path as shown to the user: relative to the book."""
    try:
        return str(path.relative_to(book.root))
    except ValueError:
        return str(path)


def report(book: Book, paths: Sequence[Path], summary: str, commit: bool | None) -> None:
    """Say what was written and the warnings the change brought in, and commit it when
    asked (message from ids only)."""
    from safecli.validation.guard import Rulebook

    if isinstance(book.guard, Rulebook):
        for finding in book.guard.warnings:
            typer.echo(finding.describe(), err=True)
    if not paths:
        typer.echo("nothing changed")
        return
    for path in paths:
        typer.echo(f"wrote {relative(book, path)}")
    if commit if commit is not None else book.config.commit:
        from safecli.teamwork.gitrepo import commit_paths

        sha = commit_paths(book.root, paths, summary)
        typer.echo(f"committed {sha[:10]} {summary}")


def note_invalid(rows: Sequence[Mapping[str, Any]], case: str | None = None) -> None:
    """Say on stderr which cases have a value printed as "invalid" (`shape.shown`): the
    finding that names it, with file:line:col, is validate's."""
    cases = sorted({str(row.get("case") or case) for row in rows if INVALID in row.values()})
    if cases:
        more = " …" if len(cases) > 5 else ""
        typer.echo(
            f'safecli: note: a value printed as "{INVALID}" is not one safecli accepts (edited '
            f"by hand?); see: safecli validate {' '.join(cases[:5])}{more}",
            err=True,
        )


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    columns: Sequence[str] | None = None,
    *,
    excel: bool = False,
) -> None:
    """Print rows as a table, Markdown, JSON or CSV (for Excel with excel=True)."""
    fmt = "csv" if excel else fmt
    if fmt not in FORMATS:
        raise UsageProblem(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    keys = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        typer.echo(
            json.dumps(
                [{k: row.get(k) for k in keys} for row in rows],
                indent=2,
                ensure_ascii=False,
                default=str,
            )
        )
        return
    from safecli.output.table import column_cells, table_text  # only these views pay for it

    markdown = fmt == "markdown"
    cells = [column_cells([row.get(k) for row in rows], markdown=markdown) for k in keys]
    if fmt == "csv":
        from safecli.output.csvfile import csv_text  # only csv output pays for it

        typer.echo(csv_text(keys, list(zip(*cells)), excel=excel), nl=False)
        return
    if not rows:
        typer.echo("(none)")
        return
    typer.echo(table_text(keys, cells, markdown=markdown))
