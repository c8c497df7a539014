"""`safecli edit CASE [FILE]`: $EDITOR on a copy; never saves a broken file (like visudo)."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from safecli import yamlio
from safecli.book import Book, lock
from safecli.cli.common import (
    CommitOption,
    book_of,
    confirm,
    is_interactive,
    relative,
    report,
    today,
)
from safecli.errors import FileFormatError, InvalidInput, SafecliError
from safecli.model import FILES


def edit(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    file: Annotated[str, typer.Argument(help="adult, agencies, meetings or actions.")] = "adult",
    commit: CommitOption = None,
) -> None:
    """Edit one file of a case in $EDITOR; it is checked before it replaces the original.

    A broken edit is offered back to the editor at a terminal; otherwise it is kept aside
    under .safecli/rejected/ and the original is left untouched.

    Example: safecli edit SG-2026-0001 meetings   (with EDITOR=nano, say)
    """
    book = book_of(ctx)
    kind = file.removesuffix(".yaml")
    if kind not in FILES:
        raise InvalidInput(f"unknown file {file!r}; choose one of: {', '.join(FILES)}")
    folder = book.case_dir(case_id)
    path = folder / f"{kind}.yaml"
    with lock(folder):
        original = yamlio.check_bytes(path, path.read_bytes())
        changed = _edit_until_valid(book, case_id, path, original, FILES[kind])
    report(book, [path] if changed else [], f"{case_id}: edit {kind}", commit)
    if changed:
        _show_findings(book, case_id, today(book, None))


def _show_findings(book: Book, case_id: str, day: date) -> None:
    """After a saved edit, show what `safecli validate` says of the case (to stderr)."""
    from safecli.validation.run import check_case, context_of

    findings = check_case(context_of(book), case_id, day).findings
    for f in findings:
        typer.echo(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} {f.message}", err=True)
    if findings:
        typer.echo(f"{len(findings)} finding(s): see safecli validate {case_id}", err=True)


def _edit_until_valid(book: Book, case_id: str, path: Path, original: str,
                      expect: type) -> bool:
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".edit.yaml", dir=path.parent)
    copy = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(original)
        while True:
            run_editor(copy)
            edited = copy.read_bytes()
            try:
                text = yamlio.check_bytes(path, edited)
                data = yamlio.parse(path, text, expect)
                if expect is dict and data.get("case") != case_id:
                    raise FileFormatError(f"case: must stay {case_id!r}", path=path)
            except SafecliError as exc:
                typer.echo(f"safecli: error: {exc}", err=True)
                if is_interactive() and confirm("The edit is not valid. Edit it again?",
                                                default=True):
                    continue
                kept = keep_aside(book, f"{case_id}-{path.stem}", edited)
                raise FileFormatError(
                    f"not saved; your edit is kept at {relative(book, kept)}", path=path
                ) from None
            if text == original:
                return False
            yamlio.write_atomic(path, text)
            return True
    finally:
        copy.unlink(missing_ok=True)


def run_editor(path: Path) -> None:
    """Open path in $VISUAL / $EDITOR (vi if neither is set) and wait for it."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        done = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except FileNotFoundError as exc:
        raise InvalidInput(f"cannot run the editor {editor!r}; set $EDITOR") from exc
    if done.returncode != 0:
        raise InvalidInput(f"the editor {editor!r} exited with {done.returncode}; nothing saved")


def keep_aside(book: Book, stem: str, data: bytes) -> Path:
    """Keep a rejected edit under .safecli/rejected/ (0600), never overwriting one kept."""
    folder = book.cache_dir / "rejected"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    fd, name = tempfile.mkstemp(dir=folder, prefix=f"{stem}-{stamp}-", suffix=".yaml")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return Path(name)


def register(app: typer.Typer) -> None:
    app.command()(edit)
