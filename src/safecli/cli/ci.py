"""`safecli ci setup|show`: the pipeline for the case book's own repository."""

from __future__ import annotations

from typing import Annotated

import typer

from safecli.cli.common import book_of, relative
from safecli.teamwork import pipelines

app = typer.Typer(
    help="CI for the book's repository: validate every change, mail the digest.",
    no_args_is_help=True,
)
#: The group's commands in help order -> the module of safecli.cli that adds each to `app`
#: (imported, and the command built, only when it is used: see lazy.py).
SOURCES = {
    "setup": "ci",
    "show": "ci",
}
HostOption = Annotated[
    str,
    typer.Option("--host", help="The git host: " + ", ".join(pipelines.HOSTS) + "."),
]


@app.command("setup")
def setup(ctx: typer.Context, host: HostOption) -> None:
    """Write the pipeline for the book's git host: validate on every push and merge
    request, with findings in the host's format, and a scheduled digest that mails
    each agency its own items. An existing pipeline is never overwritten.

    Example: safecli ci setup --host gitlab
    """
    book = book_of(ctx)
    path = pipelines.write(book.root, host)
    typer.echo(f"wrote {relative(book, path)}")
    typer.echo("then set the digest's sender and mail relay: see docs/teamwork.md")


@app.command("show")
def show(host: HostOption) -> None:
    """Print the pipeline `ci setup` writes for a git host, to compare or merge by hand.

    Example: safecli ci show --host github
    """
    path, text = pipelines.pipeline(host)
    typer.echo(f"# {path}")
    typer.echo(text, nl=False)
