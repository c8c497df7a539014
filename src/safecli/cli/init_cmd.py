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
        str,
        typer.Option(
            help="How case ids look: fixed text with {year} and {number} ({number:04d}: "
            "four digits or more). case new numbers cases so; validate holds every case to it.",
        ),
    ] = DEFAULT_FORMAT,
    upgrade: Annotated[
        bool,
        typer.Option(
            "--upgrade",
            help="On an existing book: add what a newer safecli writes (book_id in "
            "safecli.yaml, .yamllint), changing nothing else.",
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
    """
    from safecli.cli.teamwork import offer_git_setup
    from safecli.store.config import init_book, upgrade_book
    from safecli.teamwork import pipelines

    if ci is not None:
        pipelines.target(path, ci)  # refused (unknown host, one there) before any write
    if upgrade:
        for written in upgrade_book(path):
            typer.echo(f"wrote {written}")
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
        case_id_format=case_id_format,
    )
    for written in made:
        typer.echo(f"wrote {written}")
    if ci is not None:
        typer.echo(f"wrote {pipelines.write(path, ci)}")
    offer_git_setup(path, git_setup)


def register(app: typer.Typer) -> None:
    app.command()(init)
