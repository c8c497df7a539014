"""`safecli doctor`: check the book's git setup, names, sizes and permissions."""

from __future__ import annotations

from typing import Annotated

import typer

from safecli.cli.common import AsOfOption, book_of, today
from safecli.errors import EXIT_FINDINGS


def doctor(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings count as problems.")] = False,
    clean: Annotated[
        bool,
        typer.Option(
            "--clean",
            help="Finish interrupted writes and remove the temp files they left, and "
            "the answers an earlier git merge left in the git folder, first.",
        ),
    ] = False,
    as_of: AsOfOption = None,
) -> None:
    """Check the case book's git setup, names, sizes and permissions.

    Checks the merge driver, .gitattributes and .gitignore, that case files can be
    read (no leftover conflict markers), that no folder or file is named after a
    person in its case, file sizes and permissions, and what an interrupted write
    left (a journal of pending renames, temp files, a half-made case folder):
    --clean finishes such a write and removes the temp files, and the case text
    an earlier git merge left in the merge driver's answers in the git folder. It also names each
    meeting about several adults whose parts in the other adults' cases a hand
    edit or a merge left missing or out of step, with the command that brings
    them in step (safecli meeting update CASE MEETING --resync). Exit 1 on a problem.

    Example: safecli doctor
    """
    from safecli.teamwork import doctor as checks
    from safecli.teamwork import leftovers, parts

    book = book_of(ctx)
    if clean:
        for path in leftovers.clean(book):
            typer.echo(f"removed {path.relative_to(book.root)}")
        answers = checks.forget_merge_answers(book)
        if answers:
            typer.echo(f"removed {len(answers)} merge answer(s) kept in the git folder")
    results = [*checks.run_checks(book), parts.parts_check(book, today(book, as_of))]
    for check in results:
        typer.echo(f"{check.status:<5} {check.name}: {check.detail}")
        if check.status != "ok" and check.hint:
            typer.echo(f"      hint: {check.hint}")
    failing = {"fail", "warn"} if strict else {"fail"}
    if any(check.status in failing for check in results):
        raise typer.Exit(EXIT_FINDINGS)


def register(app: typer.Typer) -> None:
    """Add `doctor` to the root app."""
    app.command("doctor")(doctor)
