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
            metavar="[adult|agencies|meetings|actions]",
            help="One file's schema (default: all four, keyed by file).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (2020-12) of the case files, for editors and check-jsonschema.

    Meeting types are the book's when run inside one, else the built-in pack.

    Example: safecli schema meetings > .safecli-schema/meetings.json
    """
    import json

    from safecli.policy.pack import book_policy, load_policy
    from safecli.store.book import find_book
    from safecli.validation import schema as schemas

    if kind is not None and kind not in FILES:
        raise UsageProblem(f"unknown file {kind!r}; choose one of: {', '.join(FILES)}")
    explicit = ctx.find_root().params.get("book")
    try:
        book = find_book(Path(explicit)) if explicit else find_book()
        policy = book_policy(book)
    except BookNotFound:
        if explicit:
            raise
        policy = load_policy()
    types = tuple(policy.types)
    if kind is not None:
        typer.echo(json.dumps(schemas.schema(kind, types), indent=2, ensure_ascii=False))
        return
    every = {name: schemas.schema(name, types) for name in FILES}
    typer.echo(json.dumps(every, indent=2, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    """Add `schema` to the root app."""
    app.command("schema")(schema_command)
