"""`safecli edit CASE [FILE]`: $EDITOR on a copy; never saves a broken file (like visudo)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from safecli.cli.common import (
    AsOfOption,
    CommitOption,
    book_of,
    confirm,
    is_interactive,
    relative,
    report,
)
from safecli.errors import FileFormatError, InvalidInput, RuleViolation, SafecliError
from safecli.model import FILES

if TYPE_CHECKING:
    from safecli.store.book import Book

T = TypeVar("T")


def edit(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(metavar="CASE")],
    file: Annotated[str, typer.Argument(help="adult, agencies, meetings or actions.")] = "adult",
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Edit one file of a case in $EDITOR; it is checked before it replaces the original.

    The edited case goes through every rule validate runs: an edit that does not
    parse, or that brings in an error, is refused with the findings. At a terminal
    you can edit it again, keep it anyway (an error validate will report; only for
    rule findings, never for a file that does not parse) or discard it; otherwise it
    is kept aside under .safecli/rejected/, the original is left untouched and the
    exit code is 3. Warnings the edit brings in are printed.

    Example: safecli edit SG-2026-0001 meetings   (with EDITOR=nano, say)
    """
    from safecli.store import atomic, refusals, roundtrip
    from safecli.store.book import lock

    book = book_of(ctx)
    kind = file.removesuffix(".yaml")
    if kind not in FILES:
        raise InvalidInput(f"unknown file {file!r}; choose one of: {', '.join(FILES)}")
    folder = book.case_dir(case_id)
    path = folder / f"{kind}.yaml"
    with lock(folder):
        original = refusals.check_bytes(path, path.read_bytes())
        before = _texts(folder)

        def parsed(edited: bytes) -> str:
            text = refusals.check_bytes(path, edited)
            data = roundtrip.parse(path, text, FILES[kind])
            if kind == "adult" and data.get("case") != case_id:
                raise FileFormatError(f"case: must stay {case_id!r}", path=path)
            return text

        def check(edited: bytes) -> str:
            text = parsed(edited)
            if book.guard is not None:
                book.guard(case_id, before, {**before, kind: text})
            return text

        text = edit_until_valid(
            book,
            folder,
            f"{case_id}-{kind}",
            original,
            check,
            question="The edit is not valid. Edit it again?",
            refused="not saved; your edit",
            keep=parsed,
        )
        if text is not None and kind == "meetings" and text != original:
            text = _raise_sequences(path, original, text)
        changed = text is not None and text != original
        if changed:
            atomic.write_atomic(path, str(text))
    report(book, [path] if changed else [], f"{case_id}: edit {kind}", commit)


def _texts(folder: Path) -> dict[str, str | None]:
    """The case's files as they are (None: missing), for the rulebook's before."""
    texts: dict[str, str | None] = {}
    for kind in FILES:
        path = folder / f"{kind}.yaml"
        texts[kind] = path.read_text(encoding="utf-8") if path.is_file() else None
    return texts


def _raise_sequences(path: Path, original: str, text: str) -> str:
    """The edited meetings, with a higher SEQUENCE for sent meetings whose time or place
    the edit changed (calendars ignore an update without one)."""
    from safecli.casework.schedule import note_calendar_changes, sequence_of
    from safecli.store import roundtrip

    after = roundtrip.parse(path, text, list)
    raised = note_calendar_changes(roundtrip.parse(path, original, list), after)
    for meeting in after:
        if str(meeting.get("id")) in raised:
            typer.echo(
                f"{meeting.get('id')} was sent: its calendar sequence is now "
                f"{sequence_of(meeting)}; send the update with safecli render invitation"
            )
    return (roundtrip.changed_text(path, after, text, list) or text) if raised else text


def edit_until_valid(
    book: Book,
    folder: Path,
    stem: str,
    initial: str,
    check: Callable[[bytes], T],
    *,
    question: str,
    refused: str,
    keep: Callable[[bytes], T] | None = None,
) -> T | None:
    """Open `initial` in $EDITOR (a private copy in folder) until `check` accepts the result.

    Returns what `check` made of the edit, or None if it was saved unchanged. A refused
    edit is offered back at a terminal (`question`); otherwise it is kept aside under
    .safecli/rejected/ and InvalidInput says where (`refused` starts the message). When
    the rulebook refused it (the file itself is sound) and `keep` is given, the terminal
    offers to keep it anyway, as `keep` makes it, or to discard it.
    """
    import tempfile

    from safecli.validation.guard import Refused

    fd, name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".edit.yaml", dir=folder)
    copy = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        while True:
            run_editor(copy)
            edited = copy.read_bytes()
            if edited == initial.encode("utf-8"):
                return None
            try:
                return check(edited)
            except Refused as exc:
                typer.echo(f"safecli: error: {exc}", err=True)
                if keep is not None and is_interactive():
                    answer = _choose("Edit it again, keep it with these errors, or discard it?")
                    if answer == "edit":
                        continue
                    if answer == "keep":
                        return keep(edited)
                    return None
                if is_interactive() and confirm(question, default=True):
                    continue
                kept = keep_aside(book, stem, edited)
                raise RuleViolation(f"{refused} is kept at {relative(book, kept)}") from None
            except SafecliError as exc:
                typer.echo(f"safecli: error: {exc}", err=True)
                if is_interactive() and confirm(question, default=True):
                    continue
                kept = keep_aside(book, stem, edited)
                raise InvalidInput(f"{refused} is kept at {relative(book, kept)}") from None
    finally:
        copy.unlink(missing_ok=True)


_CHOICES = {"e": "edit", "k": "keep", "d": "discard"}


def _choose(question: str) -> str:
    """edit, keep or discard, asked at the terminal (the first letter will do)."""
    while True:
        answer = str(typer.prompt(f"{question} [e/k/d]", default="e")).strip().lower()
        if answer[:1] in _CHOICES and _CHOICES[answer[:1]].startswith(answer):
            return _CHOICES[answer[:1]]
        typer.echo("  answer e (edit again), k (keep) or d (discard)", err=True)


def run_editor(path: Path) -> None:
    """Open path in $VISUAL / $EDITOR (vi if neither is set) and wait for it."""
    import shlex
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        done = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except FileNotFoundError as exc:
        raise InvalidInput(f"cannot run the editor {editor!r}; set $EDITOR") from exc
    if done.returncode != 0:
        raise InvalidInput(f"the editor {editor!r} exited with {done.returncode}; nothing saved")


def keep_aside(book: Book, stem: str, data: bytes) -> Path:
    """Keep a rejected edit under .safecli/rejected/ (0600), never overwriting one kept."""
    import tempfile

    folder = book.cache_dir / "rejected"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    fd, name = tempfile.mkstemp(dir=folder, prefix=f"{stem}-{stamp}-", suffix=".yaml")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return Path(name)


def register(app: typer.Typer) -> None:
    app.command()(edit)
