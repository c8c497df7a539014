"""`safecli init`: a new case book."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from safecli.cli.common import ask, choice, text
from safecli.model import JURISDICTIONS
from safecli.store.caseids import DEFAULT_FORMAT


def init(
    path: Annotated[Path, typer.Argument(help="Folder of the new book.")] = Path("."),
    organisation: Annotated[str | None, typer.Option(help="Your organisation's name.")] = None,
    jurisdiction: Annotated[
        str | None, typer.Option(help="england (Care Act s42) or wales (SSWB(W)A s126).")
    ] = None,
    timezone: Annotated[str, typer.Option(help="Timezone of meeting times.")] = "Europe/London",
    case_id_format: Annotated[
        str | None,
        typer.Option(
            help="How case ids look: fixed text with {year} and {number} ({number:04d}: "
            f"four digits or more; default {DEFAULT_FORMAT}). case new numbers cases so; "
            "validate holds every case to it. With --upgrade: change an existing book's, "
            "refused if a case's id would not follow it.",
            show_default=False,
        ),
    ] = None,
    upgrade: Annotated[
        bool,
        typer.Option(
            "--upgrade",
            help="On an existing book: add what a newer safecli writes (book_id in "
            "safecli.yaml, .yamllint), changing nothing else but the settings given "
            "(--case-id-format).",
        ),
    ] = False,
    ci: Annotated[
        str | None,
        typer.Option(
            "--ci",
            help="Also write the CI pipeline for this git host: gitlab, github or forgejo "
            "(safecli ci setup, for a book that exists).",
            show_default=False,
        ),
    ] = None,
    git_setup: Annotated[
        bool,
        typer.Option(
            "--git-setup",
            help="In a git repository: register the merge driver (safecli git setup).",
        ),
    ] = False,
) -> None:
    """Create a case book: safecli.yaml, cases/, .yamllint, .gitignore and .gitattributes.

    Example: safecli init casebook --organisation "Exampletown Council" --jurisdiction england

    Example: safecli init --upgrade --case-id-format "ASC-{year}-{number:05d}"
    """
    from safecli.cli.teamwork import offer_git_setup
    from safecli.store.config import init_book, upgrade_book
    from safecli.teamwork import pipelines

    if ci is not None:
        pipelines.target(path, ci)  # refused (unknown host, one there) before any write
    if upgrade:
        # The format first: refused, it leaves the book as it was.
        formatted = case_id_format is not None and _set_format(path, case_id_format)
        paths = upgrade_book(path)
        if formatted and path / "safecli.yaml" not in paths:
            paths.insert(0, path / "safecli.yaml")
        for name in paths:
            typer.echo(f"wrote {name}")
        if ci is not None:
            typer.echo(f"wrote {pipelines.write(path, ci)}")
        return
    org = ask(organisation, "--organisation", "Organisation", text)
    where = ask(
        jurisdiction,
        "--jurisdiction",
        "Jurisdiction (england or wales)",
        choice(JURISDICTIONS, "jurisdiction"),
    )
    assert org is not None and where is not None
    made = init_book(
        path,
        organisation=org,
        jurisdiction=where,
        timezone=timezone,
        case_id_format=case_id_format or DEFAULT_FORMAT,
    )
    for written in made:
        typer.echo(f"wrote {written}")
    if ci is not None:
        typer.echo(f"wrote {pipelines.write(path, ci)}")
    offer_git_setup(path, git_setup)


def _set_format(root: Path, text: str) -> bool:
    """Set an existing book's case id format, refused (nothing written) when validate
    would then report an error it does not report now (INT002: a case id off it)."""
    from safecli.cli.common import today
    from safecli.store.book import find_book
    from safecli.store.settings import set_case_id_format
    from safecli.validation.guard import check_settings

    book = find_book(root)
    return set_case_id_format(
        root, text, lambda after: check_settings(book, after, today(book, None))
    )


def register(app: typer.Typer) -> None:
    app.command()(init)
