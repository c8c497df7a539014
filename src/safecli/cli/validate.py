"""`safecli validate`: check cases like a linter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from safecli.cli.common import AsOfOption, today
from safecli.errors import EXIT_FINDINGS, EXIT_OK, UsageProblem

if TYPE_CHECKING:
    from safecli.store.book import Book

Opt = typer.Option


def validate_command(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="CASE|FILE",
            help="Case ids, or files and folders inside cases (default: every case).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool | None,
        Opt(
            "--strict/--no-strict",
            help="Fail on warnings too (default: the book's validate.strict).",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        Opt(
            "--select",
            help="Only these codes or prefixes (EMP,ACC003); repeat or comma-separate.",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        Opt(
            "--ignore",
            help="Not these codes or prefixes; added to the book's validate.ignore.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        Opt(
            "--format",
            "-f",
            help="text, json, github (annotations) or gitlab (Code Quality report).",
        ),
    ] = "text",
    show_waived: Annotated[
        bool, Opt("--show-waived", help="Also list waived findings and their reasons.")
    ] = False,
    no_cache: Annotated[bool, Opt("--no-cache", help="Check every case afresh.")] = False,
    jobs: Annotated[
        int | None,
        Opt(
            "--jobs",
            "-j",
            min=1,
            help="Processes for a large book (default: one per CPU).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Check cases for integrity and the safeguarding standards, like a linter.

    Prints `path:line:col: severity CODE message (principle)` for every problem,
    sorted by file and line, then a summary. Exit status: 0 clean, 1 problems
    (errors, or warnings with --strict), 3 could not run. A standard can be
    waived for one record by a comment on or above it:
    `# safecli: waive EMP002 -- reason, who, when`. See `safecli rules`.

    Example: safecli validate --strict --format github
    """
    from safecli.store.book import cases_named
    from safecli.validation import output
    from safecli.validation.output import Paths
    from safecli.validation.run import Selection, book_defaults, codes, validate

    if fmt not in output.OUTPUTS:
        raise UsageProblem(f"unknown format {fmt!r}; choose one of: {', '.join(output.OUTPUTS)}")
    arguments = list(targets or [])
    book = _book(ctx, arguments)
    book_strict, book_select, book_ignore = book_defaults(book)
    selection = Selection(
        select=codes(select, "--select") if select else book_select,
        ignore=book_ignore + codes(ignore or [], "--ignore"),
    )
    arguments, only_templates = _check_book_files(book, arguments)
    case_ids = [] if only_templates else cases_named(book, arguments)
    from safecli.cli.progress import progress

    with progress("checking cases") as told:
        report = validate(
            book,
            case_ids,
            today(book, as_of),
            selection=selection,
            use_cache=not no_cache,
            jobs=jobs,
            progress=told,
        )
    failing = strict if strict is not None else book_strict
    shown = Paths(book.root, Path.cwd())
    typer.echo(output.render(report, fmt, shown, show_waived=show_waived, strict=failing))
    failed = output.is_failing(report, failing)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _check_book_files(book: Book, arguments: list[str]) -> tuple[list[str], bool]:
    """Arguments less the book's own files (as pre-commit passes them), and whether only
    templates were given. safecli.yaml stands for every case (a setting changes what
    every case is checked against); templates are compiled here."""
    root = book.root.resolve()
    templates: list[Path] = []
    rest: list[str] = []
    every = False
    for argument in arguments:
        path = Path(argument).resolve()
        if path == root / "safecli.yaml":
            every = True
        elif path.parent == root / "templates" and path.is_file():
            templates.append(path)
        else:
            rest.append(argument)
    if templates:
        from safecli.render.templates import check_syntax

        check_syntax(book, templates)
    if every:
        return [], False
    return rest, bool(templates) and not rest


def _book(ctx: typer.Context, arguments: list[str]) -> Book:
    """--book / SAFECLI_BOOK; else found upwards from the first path given, or from here."""
    from safecli.store.book import find_book

    explicit = ctx.find_root().params.get("book")
    if explicit:
        return find_book(Path(explicit))
    for argument in arguments:
        path = Path(argument)
        if path.exists():
            return find_book(None, start=path if path.is_dir() else path.parent)
    return find_book()


def register(app: typer.Typer) -> None:
    """Add `validate` to the root app."""
    app.command("validate")(validate_command)
