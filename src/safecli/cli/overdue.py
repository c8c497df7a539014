"""`safecli overdue`: the digest cron prints every morning."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from safecli.cli.common import AsOfOption, ExcelOption, book_of, note_invalid
from safecli.digest.items import KINDS, Item
from safecli.errors import EXIT_FAILED, EXIT_FINDINGS, UsageProblem

if TYPE_CHECKING:
    from safecli.cli import overdue_run
    from safecli.store.book import Book

Opt = typer.Option


def overdue(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Case folders or case ids (default: every case in the book).", show_default=False
        ),
    ] = None,
    as_of: AsOfOption = None,
    within: Annotated[
        str,
        Opt(help="List open actions due within this period too (7d, 2w, 1m; 0d: due today only)."),
    ] = "7d",
    by: Annotated[
        str | None, Opt(help="Group by agency, case or lead.", show_default=False)
    ] = None,
    agency: Annotated[
        list[str] | None,
        Opt(
            help="Only what this agency needs to know (repeatable): the actions it leads, "
            "minutes it owes or awaits, nudges for cases it is involved in.",
            show_default=False,
        ),
    ] = None,
    lead: Annotated[
        list[str] | None,
        Opt(help="Only items led by agency:Name (repeatable).", show_default=False),
    ] = None,
    case: Annotated[
        list[str] | None, Opt("--case", help="Only this case (repeatable).", show_default=False)
    ] = None,
    risk: Annotated[
        list[str] | None,
        Opt(
            help="Only cases at this risk level: low, medium, high (repeatable).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        Opt(
            help="Only items of this kind (repeatable): " + ", ".join(KINDS) + ".",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str, Opt("--format", "-f", help="Output format: table, markdown, json or csv.")
    ] = "table",
    excel: ExcelOption = False,
    show_names: Annotated[
        bool | None,
        Opt(
            "--show-names/--hide-names",
            help="Show adults' names (default: the book's show_names).",
            show_default=False,
        ),
    ] = None,
    show_descriptions: Annotated[
        bool,
        Opt(
            "--show-descriptions",
            help="Show action descriptions, meeting purposes and "
            "concerns (free text: think before emailing).",
        ),
    ] = False,
    quiet_if_empty: Annotated[
        bool,
        Opt(
            "--quiet-if-empty",
            help="Print nothing at all when there is nothing to report "
            "(cron mails only non-empty output).",
        ),
    ] = False,
    fail_if_any: Annotated[
        bool, Opt("--fail-if-any", help="Exit with 1 when there are items.")
    ] = False,
    no_cache: Annotated[
        bool,
        Opt("--no-cache", help="Read every file; neither use nor update the cache in .safecli/."),
    ] = False,
    mail_dir: Annotated[
        Path | None,
        Opt(
            "--mail-dir",
            help="Write one email per agency with only its items, to its people, into "
            "this folder (a maildir, or .eml files for sendmail -t) instead of printing.",
            show_default=False,
        ),
    ] = None,
    sender: Annotated[
        str | None,
        Opt(
            "--from",
            help="With --mail-dir: the sender, user@domain or 'Name <user@domain>'.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List overdue and due-soon actions, passed reviews, unshared minutes
    and cases with a concern but no meeting yet; most overdue first.

    Also: meetings past their time with no minutes, feedback owed to the
    adult, a first meeting called and not yet held, and repeated episodes
    (e.g. three hospital admissions in 90 days) with no meeting called.
    Each item has a one-line note in words.

    Safe to email by default: case, meeting and action ids, meeting types,
    lead agencies and people, dates; no adult's name and no free text
    unless asked for. Exit codes: 0; 1 with --fail-if-any when there are
    items; 3 when a case file cannot be read (it is listed as unreadable).

    With --mail-dir, each agency gets its own message (what --agency would
    show it), addressed to its people who have an email in agencies.yaml.

    Example: safecli overdue --as-of 2026-12-01 --by agency --quiet-if-empty
    """
    import gc

    from safecli.cli import overdue_run
    from safecli.digest import cache as digestcache
    from safecli.digest import warm

    started = time.time_ns()
    book = book_of(ctx)
    if mail_dir is not None and not sender:
        raise UsageProblem("--mail-dir needs --from ADDRESS (the digest's sender)")
    settings = warm.BookSettings.of(book)
    asked = overdue_run.request(
        settings,
        as_of=as_of,
        within=within,
        by=by,
        agency=agency or [],
        lead=lead or [],
        case=case or [],
        risk=risk or [],
        kind=kind or [],
        fmt=fmt,
        excel=excel,
        show_names=show_names,
        show_descriptions=show_descriptions,
    )
    ids = _case_ids(book, paths or [], case or [])
    from safecli.cli.progress import progress

    with progress("reading cases") as told:
        reads = digestcache.collect(
            book, ids, now_ns=time.time_ns(), use_cache=not no_cache, progress=told
        )
    if not no_cache:
        warm.remember(book, settings, started_ns=started)
    # The cases' facts (hundreds of thousands of tuples in a big book) live to the end: the
    # cyclic collector need not walk them each time making the items wakes it.
    gc.freeze()
    try:
        items = overdue_run.items_of(reads, settings, asked, book.cases_dir)
        _finish(
            book,
            items,
            asked,
            quiet_if_empty=quiet_if_empty,
            fail_if_any=fail_if_any,
            mail=(mail_dir, sender, agency or []),
        )
    finally:
        gc.unfreeze()


def _finish(
    book: Book,
    items: list[Item],
    asked: overdue_run.Request,
    *,
    quiet_if_empty: bool,
    fail_if_any: bool,
    mail: tuple[Path | None, str | None, list[str]],
) -> None:
    """Print (or mail) the digest, name what needs validating, and exit as it says."""
    from safecli.cli import overdue_run
    from safecli.digest import output as digestformat
    from safecli.model import INVALID

    mail_dir, sender, agency = mail
    if not items and quiet_if_empty:
        return
    view = overdue_run.view_of(asked)
    text = None
    if mail_dir is not None:
        _mail(book, items, view, mail_dir, str(sender), agency)
    else:
        text = digestformat.render(items, view)
        _write(text)
    if text is None or INVALID in text:  # every format prints each value the note looks at
        note_invalid([item.as_dict() for item in items if _shows_invalid(item)])
    broken = sum(1 for item in items if item.kind == "unreadable")
    if broken:
        typer.echo(
            f"safecli: error: {broken} case file(s) could not be read; the digest "
            "lists them as unreadable (see: safecli validate)",
            err=True,
        )
        raise typer.Exit(EXIT_FAILED)
    if fail_if_any and items:
        raise typer.Exit(EXIT_FINDINGS)


def _mail(
    book: Book, items: list[Any], view: Any, folder: Path, sender: str, only: list[str]
) -> None:
    """Write each agency's digest email into folder; name agencies no one can be mailed at."""
    from datetime import datetime

    from safecli.digest import mail
    from safecli.render.mail import parse_sender

    now = datetime.now(book.config.tz)
    mails = mail.agency_mails(
        book,
        items,
        view,
        sender=parse_sender(sender),
        now=now,
        domain=book.config.mail_domain,
        only=only,
    )
    for path in mail.deliver(mails, folder, view, now):
        typer.echo(f"wrote {path}")
    for unaddressed in (m for m in mails if m.text is None):
        typer.echo(
            f"safecli: note: no email address is recorded for anyone at {unaddressed.handle}; "
            f"its {unaddressed.items} item(s) are not mailed",
            err=True,
        )


def _shows_invalid(item: Item) -> bool:
    """Whether a value of the item (as `as_dict` gives it) is printed as "invalid"."""
    from safecli.model import INVALID

    return INVALID in (
        item.kind,
        item.case,
        item.risk,
        item.meeting,
        item.meeting_type,
        item.action,
        item.agency,
        item.lead,
        item.detail,
    )


def _case_ids(book: Book, paths: list[str], cases: list[str]) -> list[str] | None:
    """The case ids to read: those the arguments name, else --case, else all (None)."""
    from safecli.store.book import cases_named

    if paths:
        return cases_named(book, paths)
    return cases_named(book, cases) if cases else None


def _write(text: str) -> None:
    """Print text; characters the terminal's encoding lacks become '?' (never a crash)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    typer.echo(text.encode(encoding, "replace").decode(encoding), nl=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("overdue")(overdue)
