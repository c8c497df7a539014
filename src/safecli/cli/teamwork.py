"""Teamwork in git: `safecli git setup`, `merge-file`, `history` and `doctor`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from safecli.cli.common import book_of, choice, confirm, date_parser, is_interactive
from safecli.errors import EXIT_FINDINGS, FileFormatError, GitFailure
from safecli.store import atomic
from safecli.teamwork import doctor as checks
from safecli.teamwork import gitrepo as gitwork
from safecli.teamwork.damage import conflict_text, damaged_sides
from safecli.teamwork.history import case_history
from safecli.teamwork.merge import Versions, kind_of, merge_file
from safecli.teamwork.renumber import SIBLINGS
from safecli.teamwork.siblings import sibling_versions

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
    done = gitwork.setup_driver(root, gitwork.driver_command())
    return done or ["git setup: merge driver and attributes already in place"]


def offer_git_setup(root: Path, wanted: bool) -> None:
    """After `init`: set git up when asked (--git-setup) or agreed at a terminal;
    otherwise say how. Nothing when the book is not in a git repository."""
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
    try:
        versions = Versions(*(_read(p) for p in (base, ours, theirs)))
    except (UnicodeDecodeError, OSError) as exc:
        _line_merge(base, ours, theirs, path, f"cannot read a version: {exc}")
        return
    damaged = damaged_sides(Path(path), versions)
    if damaged:
        _refuse_damaged(base, ours, theirs, path, versions, damaged)
        return
    sibling = None
    top = gitwork.repo_root(Path.cwd()) if kind_of(path) in SIBLINGS else None
    if top is not None:
        sibling = sibling_versions(top, path, versions)
    try:
        result = merge_file(Path(path), versions, sibling)
    except FileFormatError as exc:
        _line_merge(base, ours, theirs, path, str(exc))
        return
    atomic.write_atomic(ours, result.text)
    for renumbering in result.renumbered:
        fixed = (
            "references not checked"
            if sibling is None
            else "references unclear"
            if renumbering.unclear
            else "references fixed"
        )
        typer.echo(f"safecli: {path}: {renumbering.describe()}; {fixed}", err=True)
    for line, conflict in result.conflicts:
        why = conflict.note.split(".")[0] if conflict.note else "both sides changed it"
        typer.echo(f"safecli: {path}:{line}: conflict: {conflict.label}: {why}", err=True)
    if not result.clean:
        raise typer.Exit(EXIT_FINDINGS)


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _refuse_damaged(
    base: Path, ours: Path, theirs: Path, path: str, versions: Versions, damaged: list[str]
) -> None:
    """Leave a damaged merge to git as a conflict: its own line merge if that
    conflicts, else the whole file as one conflict, so no side becomes data unseen."""
    count = gitwork.line_merge(ours, base, theirs)
    if count <= 0:
        atomic.write_atomic(ours, conflict_text(versions, damaged))
    for why in damaged:
        typer.echo(f"safecli: {path}: not merged, {why}", err=True)
    typer.echo(
        f"safecli: {path}: left as a conflict for git: compare both sides and keep the good one",
        err=True,
    )
    raise typer.Exit(EXIT_FINDINGS)


def _line_merge(base: Path, ours: Path, theirs: Path, path: str, why: str) -> None:
    count = gitwork.line_merge(ours, base, theirs)
    if count < 0:
        raise GitFailure(f"{path}: git merge-file could not merge the file")
    typer.echo(
        f"safecli: {path}: cannot merge by identity ({why}); merged line by line "
        "instead: check the result",
        err=True,
    )
    raise typer.Exit(EXIT_FINDINGS)


def history(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    since: Annotated[
        str | None, typer.Option(help="Only commits from this date on (ISO, today, -7d, ...).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """A case's audit trail from git: when, who, and what changed, newest first.

    Changes are described by ids, handles, dates and statuses: never free text,
    never the adult's details.

    JSON (--format json) is a list of {commit, date, author, changes: [...]}.

    Example: safecli history SG-2026-0001 --since 2026-11-01
    """
    choice(("text", "json"), "format")(fmt)
    book = book_of(ctx)
    start = date_parser(book, None)(since) if since else None
    entries = case_history(book, case_id, start)
    if fmt == "json":
        typer.echo(json.dumps([e.as_json() for e in entries], indent=2, ensure_ascii=False))
        return
    if not entries:
        typer.echo(f"no recorded changes to {case_id} in git")
    for entry in entries:
        typer.echo(f"{entry.date[:10]} {entry.date[11:16]}  {entry.commit[:10]}  {entry.author}")
        for change in entry.changes:
            typer.echo(f"  {change}")


def doctor(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings count as problems.")] = False,
) -> None:
    """Check the case book's git setup, names, sizes and permissions.

    Checks the merge driver, .gitattributes and .gitignore, that case files can be
    read (no leftover conflict markers), that no folder or file is named after a
    person in its case, file sizes and permissions. Exit 1 on a problem.

    Example: safecli doctor
    """
    results = checks.run_checks(book_of(ctx))
    for check in results:
        typer.echo(f"{check.status:<5} {check.name}: {check.detail}")
        if check.status != "ok" and check.hint:
            typer.echo(f"      hint: {check.hint}")
    failing = {"fail", "warn"} if strict else {"fail"}
    if any(check.status in failing for check in results):
        raise typer.Exit(EXIT_FINDINGS)


def register(app: typer.Typer) -> None:
    """Add `git`, `merge-file`, `history` and `doctor` to the root app."""
    app.add_typer(git_app, name="git")
    app.command("merge-file")(merge_file_command)
    app.command("history")(history)
    app.command("doctor")(doctor)
