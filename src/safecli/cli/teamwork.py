"""Teamwork in git: `safecli git setup` and `safecli merge-file` (the merge driver)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from safecli.cli.common import book_of, confirm, is_interactive

git_app = typer.Typer(
    help="Set up the case book's git repository for teamwork.", no_args_is_help=True
)


@git_app.command("setup")
def setup(ctx: typer.Context) -> None:
    """Register safecli's merge driver for this repository's case files.

    Sets merge.safecli.driver in the repository's own git config (the safecli you
    run, so a venv's works) and makes sure .gitattributes sends case files to it.

    Example: safecli git setup
    """
    for line in setup_lines(book_of(ctx).root):
        typer.echo(line)


def setup_lines(root: Path) -> list[str]:
    """Run the git setup for the book at root; what was done, in words."""
    from safecli.teamwork import gitrepo as gitwork

    done = gitwork.setup_driver(root, gitwork.driver_command())
    return done or ["git setup: merge driver and attributes already in place"]


def offer_git_setup(root: Path, wanted: bool) -> None:
    """After `init`: set git up when asked (--git-setup) or agreed at a terminal;
    otherwise say how. Nothing when the book is not in a git repository."""
    from safecli.teamwork import gitrepo as gitwork

    if gitwork.repo_root(root) is None:
        if wanted:
            typer.echo("not in a git repository: run 'git init', then 'safecli git setup'")
        return
    if wanted or (
        is_interactive()
        and confirm("Register safecli's merge driver in this git repository?", default=True)
    ):
        for line in setup_lines(root):
            typer.echo(line)
    else:
        typer.echo("hint: run 'safecli git setup' so git merges case files by identity")


def merge_file_command(
    base: Annotated[Path, typer.Argument(help="The common ancestor's version (%O).")],
    ours: Annotated[Path, typer.Argument(help="Our version; the result is written here (%A).")],
    theirs: Annotated[Path, typer.Argument(help="Their version (%B).")],
    path: Annotated[str, typer.Argument(help="The file's path in the repository (%P).")],
) -> None:
    """Merge three versions of a case file by identity: git's merge driver.

    Registered by `safecli git setup` as `safecli merge-file %O %A %B %P`. Items
    are matched by id, handle or name, fields merged one by one, both sides'
    new items kept (a clash of new ids is renumbered and reported). Exit 0: merged
    cleanly; 1: conflicts, marked in the file so that safecli refuses it until
    they are resolved.

    Example: safecli merge-file base.yaml ours.yaml theirs.yaml cases/SG-2026-0001/actions.yaml
    """
    from safecli.cli.mergefile import merge_file

    raise typer.Exit(merge_file(str(base), str(ours), str(theirs), path))


def register(app: typer.Typer) -> None:
    """Add `git` and `merge-file` to the root app."""
    app.add_typer(git_app, name="git")
    app.command("merge-file")(merge_file_command)
