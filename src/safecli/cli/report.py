"""`safecli report`: the team lead's overview of the whole book, as a static site."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from safecli.cli.common import AsOfOption, book_of, today
from safecli.digest.clocks import Clocks
from safecli.errors import EXIT_FAILED, InvalidInput

if TYPE_CHECKING:
    from safecli.reports.overview.history import Week

Opt = typer.Option
DEFAULT_OUT = ".safecli/report"


def report(
    ctx: typer.Context,
    out: Annotated[
        str | None,
        Opt(
            "--out",
            "-o",
            help=f"Folder to write the site to (default: {DEFAULT_OUT} in the book, "
            "which git ignores). Replaced whole on each run.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    show_names: Annotated[
        bool,
        Opt("--show-names", help="Put adults' names on the case pages (default: ids only)."),
    ] = False,
    history: Annotated[
        str | None,
        Opt(
            "--history",
            help="Add the trend from git, week by week, over this many weeks (12w).",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        Opt("--no-cache", help="Read every file; neither use nor update the caches in .safecli/."),
    ] = False,
) -> None:
    """Write the book's overview as a static HTML site: open cases by risk
    and time open, what needs chasing by agency, meetings in the next 14
    days, timeliness of first meetings and of enquiries against their
    statutory clocks (working days, by jurisdiction), Making Safeguarding
    Personal at closure, a page per agency (only its own items) and a page
    per case.

    No scripts and no network: open index.html in a browser or print it
    on A4. Every count links to the case ids behind it. Ids, dates and
    statuses only: no adult's name (unless --show-names), address or free
    text. The digest's numbers equal those of `safecli overdue` (due this
    week: within 7 days), as do its open enquiries past their timescale.
    Exit codes: 0; 3 when a case file cannot be read
    (the site is still written, listing it as unreadable).

    Example: safecli report --out site/ --as-of 2026-12-01 --history 12w
    """
    from safecli import dates
    from safecli.digest import items as digest
    from safecli.reports.overview import read
    from safecli.reports.overview.pages import Report, pages
    from safecli.reports.overview.site import write_site

    book = book_of(ctx)
    day = today(book, as_of)
    weeks = _weeks(history) if history is not None else 0
    target = Path(out) if out is not None else book.root / DEFAULT_OUT
    records = read.collect(book, now_ns=time.time_ns(), use_cache=not no_cache)
    settings = book.config.digest
    until = day + dates.parse_period("7d")
    clocks = Clocks.of(book.config)
    from safecli.policy.pack import book_policy

    owing = digest.owing_feedback(book_policy(book))
    items = digest.compute((r.read for r in records), day, until, settings, clocks, owing)
    trend: tuple[Week, ...] = ()
    if weeks:
        from safecli.reports.overview.history import weekly

        trend = weekly(book, weeks, day, settings, use_cache=not no_cache)
    names: dict[str, str] = {}
    if show_names:
        from safecli.reports.overview.names import adult_names

        names = adult_names(book, [r.case_id for r in records if r.summary is not None])
    written = write_site(
        target,
        pages(
            Report(
                title=book.config.organisation or "Case book",
                today=day,
                records=records,
                items=items,
                first_meeting_days=settings.first_meeting_days,
                lead_times=book.config.lead_times,
                history=trend,
                names=names,
                clocks=clocks,
            )
        ),
    )
    typer.echo(
        f"wrote {written.pages} pages to {target}/ ({written.rendered} changed; "
        f"open {target / 'index.html'})"
    )
    _warn_if_tracked(target)
    broken = sum(1 for r in records if r.summary is None)
    if broken:
        typer.echo(
            f"safecli: error: {broken} case(s) could not be read; the report lists them "
            "as unreadable (see: safecli validate)",
            err=True,
        )
        raise typer.Exit(EXIT_FAILED)


def _weeks(value: str) -> int:
    text = value.strip().lower()
    number = text.removesuffix("w")
    if text.endswith("w") and number.isdigit() and 1 <= int(number) <= 520:
        return int(number)
    raise InvalidInput(f"invalid --history {value!r}: give a number of weeks, e.g. 12w")


def _warn_if_tracked(target: Path) -> None:
    """Say so when the site could be committed: it holds case data (ids, dates, leads)."""
    from safecli.errors import GitFailure
    from safecli.teamwork import gitrepo

    try:
        top = gitrepo.repo_root(target)
        if top is None:
            return
        rel = gitrepo.inside(top, target / "index.html")
    except GitFailure:
        return
    if not gitrepo.is_ignored(top, rel):
        typer.echo(
            f"safecli: warning: {target} is inside a git repository and not ignored; "
            "add it to .gitignore so the report is not committed",
            err=True,
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("report")(report)
