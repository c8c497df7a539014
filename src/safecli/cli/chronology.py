"""`safecli chronology CASE [CASE...]`: the dated facts of one or more cases, merged."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from safecli.cli.common import ExcelOption, book_of
from safecli.errors import UsageProblem

Opt = typer.Option
SUFFIXES = {".md": "md", ".html": "html", ".htm": "html", ".csv": "csv", ".txt": "txt"}


def chronology_cmd(
    ctx: typer.Context,
    case_ids: Annotated[list[str], typer.Argument(metavar="CASE...", help="One or more cases.")],
    agency: Annotated[
        str | None, Opt(help="Only this agency's entries (a single-agency chronology).")
    ] = None,
    gap_days: Annotated[
        int, Opt("--gap-days", min=0, help="State periods longer than this with nothing (0: off).")
    ] = 28,
    fmt: Annotated[str | None, Opt("--format", "-f", help="md, html, csv or txt.")] = None,
    output: Annotated[
        str | None,
        Opt(
            "--output",
            "-o",
            help="Write to this file (0600, atomically); its extension "
            "sets the format when --format is not given.",
        ),
    ] = None,
    show_names: Annotated[
        bool, Opt("--show-names", help="Show who did what (people's names).")
    ] = False,
    show_text: Annotated[
        bool, Opt("--show-text", help="Show what was typed: summaries, decisions, reasons.")
    ] = False,
    excel: ExcelOption = False,
    lang: Annotated[
        str | None,
        Opt(
            "--lang",
            help="cy, en or both (Welsh first). Default: both when the book or a case is "
            "in Wales, else en. CSV in both: one table, the event and action columns in "
            "each language (Welsh first), the other columns shared.",
        ),
    ] = None,
) -> None:
    """A chronology of the cases: every dated fact, one row each, oldest first.

    Date, agency, event, and the action taken or that none is recorded, with ids
    only unless --show-names or --show-text. Several cases give one merged
    chronology; periods of more than --gap-days days with nothing recorded are
    stated as rows. In Wales the chronology is in Welsh and English, Welsh first
    (--lang chooses): Markdown, text and HTML give each language's copy in turn;
    CSV gives one table with a Welsh and an English column for the event and for
    the action, so it sorts and filters as one.

    Example: safecli chronology SG-2026-0001 --agency police --format html -o police.html
    """
    from safecli.model import JURISDICTIONS
    from safecli.render.i18n import N_, languages_for
    from safecli.reports.chronology import agencies_of, chronology
    from safecli.reports.chronology_output import FORMATS, View, format_chronology
    from safecli.reports.chronology_words import say
    from safecli.reports.source import case_files
    from safecli.store import atomic

    book = book_of(ctx)
    chosen = (
        "csv"
        if excel
        else fmt or (SUFFIXES.get(Path(output).suffix.lower()) if output else None) or "md"
    )
    if chosen not in FORMATS:
        raise UsageProblem(f"unknown --format {chosen!r}; choose one of: {', '.join(FORMATS)}")
    cases = {case_id: case_files(book, case_id) for case_id in dict.fromkeys(case_ids)}
    if agency is not None and agency not in agencies_of(cases.values()):
        raise UsageProblem(f"no agency {agency!r} in {', '.join(cases)}")
    entries = chronology(cases, agency=agency, gap_days=gap_days or None)
    named = ", ".join(cases)
    title = (
        say(N_("Chronology: %(cases)s (%(agency)s)"), cases=named, agency=agency)
        if agency
        else say(N_("Chronology: %(cases)s"), cases=named)
    )
    # Both languages when any case is in Wales (its own jurisdiction, else the book's).
    wales = any(
        (
            own
            if (own := docs["adult"].get("jurisdiction")) in JURISDICTIONS
            else book.config.jurisdiction
        )
        == "wales"
        for docs in cases.values()
    )
    view = View(
        title,
        show_names=show_names,
        show_text=show_text,
        several=len(cases) > 1,
        languages=languages_for("wales" if wales else "england", None, lang),
    )
    text = format_chronology(entries, chosen, view, excel=excel)
    if output is None:
        typer.echo(text, nl=False)
        return
    atomic.write_atomic(Path(output), text)
    typer.echo(f"wrote {output}")


def register(root: typer.Typer) -> None:
    root.command("chronology")(chronology_cmd)
