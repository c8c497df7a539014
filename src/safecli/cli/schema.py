"""`safecli schema`: the JSON Schema of the case files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from safecli.errors import BookNotFound, UsageProblem
from safecli.model import FILES


def schema_command(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="adult|agencies|meetings|actions|settings",
            help="The file whose schema to print (settings: safecli.yaml).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (2020-12) of one file, for editors and check-jsonschema.

    One schema per file, since a schema cannot tell files apart by name. Meeting
    types are the book's when run inside one, else the built-in pack.

    Example: safecli schema meetings > .schemas/meetings.json
    """
    import json

    from safecli.policy.pack import book_policy, load_policy
    from safecli.store.book import find_book
    from safecli.validation import schema as schemas

    if kind is None or (kind not in FILES and kind != "settings"):
        given = f"unknown file {kind!r}" if kind else "name the file whose schema to print"
        raise UsageProblem(
            f"{given}; choose one of: {', '.join(FILES)}, settings (safecli.yaml). For all: "
            "mkdir -p .schemas && for f in adult agencies meetings actions settings; "
            "do safecli schema $f > .schemas/$f.json; done"
        )
    if kind == "settings":
        from safecli.validation.settings_schema import settings_schema

        typer.echo(json.dumps(settings_schema(), indent=2, ensure_ascii=False))
        return
    explicit = ctx.find_root().params.get("book")
    try:
        book = find_book(Path(explicit)) if explicit else find_book()
        policy = book_policy(book)
    except BookNotFound:
        if explicit:
            raise
        policy = load_policy()
    types = tuple(policy.types)
    typer.echo(json.dumps(schemas.schema(kind, types), indent=2, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    """Add `schema` to the root app."""
    app.command("schema")(schema_command)
