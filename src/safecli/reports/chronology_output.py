"""A chronology as Markdown, HTML, CSV or plain text: every cell escaped for its syntax.

In one language, or in two (Welsh first): Markdown and plain text give a whole
copy in each language, one after the other; HTML one page with a section per
language; CSV one table, one row per entry, whose event and action have a column
per language (Welsh first) and whose other columns are shared, their headers in
both languages, so a spreadsheet sorts and filters it as one table.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from tabulate import tabulate

from safecli.output.csvfile import csv_text
from safecli.output.markdown import md_text
from safecli.output.terminal import visible
from safecli.render.i18n import N_, translations
from safecli.reports.chronology import Entry
from safecli.reports.chronology_words import Said

FORMATS = ("md", "html", "csv", "txt")
CSS = (
    "body{font-family:sans-serif;margin:2em}"
    "table{border-collapse:collapse}"
    "th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}"
    "tr.gap td{font-style:italic;background:#eee}"
)
TAGS = {"cy": "cy", "en": "en"}
SEPARATORS = {"md": "\n---\n\n", "txt": "\n" + "=" * 74 + "\n\n"}
# The columns whose words are the chronology's own: one column per language in CSV.
WORDED = ("event", "action")
NOTHING = N_("Nothing dated is recorded.")


@dataclass(frozen=True)
class View:
    """What a chronology shows: its title, its languages (first language first), and
    whether names, free text and cases appear."""

    title: Said
    show_names: bool = False
    show_text: bool = False
    several: bool = False
    languages: tuple[str, ...] = ("en",)

    def columns(self) -> list[str]:
        """The columns shown, by key."""
        keys = ["date"] + (["case"] if self.several else []) + ["agency", *WORDED]
        return keys + (["detail"] if self.show_text else [])

    def header(self, lang: str) -> list[str]:
        words = translations(lang)
        return [words.gettext(HEADINGS[key]) for key in self.columns()]

    def cells(self, entry: Entry, lang: str) -> list[str]:
        agency = entry.agency or (
            "" if entry.gap else translations(lang).gettext(N_("not recorded"))
        )
        if self.show_names and entry.person:
            agency = f"{agency} ({entry.person})"
        row = [entry.day.isoformat()] + ([entry.case] if self.several else [])
        row += [agency, entry.event.text(lang), entry.action.text(lang)]
        return row + ([" ".join((entry.detail or "").split())] if self.show_text else [])


HEADINGS = {
    "date": N_("Date"),
    "case": N_("Case"),
    "agency": N_("Agency"),
    "event": N_("Event"),
    "action": N_("Action taken or why none"),
    "detail": N_("Detail"),
}


def format_chronology(
    entries: Sequence[Entry], fmt: str, view: View, *, excel: bool = False
) -> str:
    """The chronology in one of FORMATS, in each of the view's languages (excel=True:
    CSV with a byte-order mark and CRLF)."""
    if fmt == "csv" or excel:
        return _csv(entries, view, excel=excel)
    if fmt == "html":
        return _html(entries, view)
    write = _markdown if fmt == "md" else _text
    return SEPARATORS[fmt].join(write(entries, view, lang) for lang in view.languages)


def _csv(entries: Sequence[Entry], view: View, *, excel: bool) -> str:
    """One table: a column per language for the chronology's words, else one shared."""
    langs = view.languages

    def merged(values: dict[str, list[str]]) -> list[str]:
        out: list[str] = []
        for index, key in enumerate(view.columns()):
            each = [values[lang][index] for lang in langs]
            out += each if key in WORDED else [" / ".join(dict.fromkeys(each))]
        return out

    header = merged({lang: view.header(lang) for lang in langs})
    rows = [merged({lang: view.cells(entry, lang) for lang in langs}) for entry in entries]
    return csv_text(header, rows, excel=excel)


def _markdown(entries: Sequence[Entry], view: View, lang: str) -> str:
    header = view.header(lang)
    lines = [f"# {md_text(view.title.text(lang))}", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for entry in entries:
        lines.append("| " + " | ".join(md_text(cell) for cell in view.cells(entry, lang)) + " |")
    if not entries:
        lines.append("\n" + translations(lang).gettext(NOTHING))
    return "\n".join(lines) + "\n"


def _text(entries: Sequence[Entry], view: View, lang: str) -> str:
    body = tabulate(
        [[visible(cell) for cell in view.cells(entry, lang)] for entry in entries],
        headers=view.header(lang),
        tablefmt="simple",
        disable_numparse=True,
    )
    shown = body if entries else translations(lang).gettext(NOTHING)
    return f"{visible(view.title.text(lang))}\n\n{shown}\n"


def _html(entries: Sequence[Entry], view: View) -> str:
    title = html.escape(" / ".join(view.title.text(lang) for lang in view.languages))
    sections = [_html_table(entries, view, lang) for lang in view.languages]
    body = (
        sections[0]
        if len(sections) == 1
        else "\n".join(
            f'<section lang="{TAGS[lang]}">\n{part}\n</section>'
            for lang, part in zip(view.languages, sections, strict=True)
        )
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{TAGS[view.languages[0]]}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _html_table(entries: Sequence[Entry], view: View, lang: str) -> str:
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in view.header(lang))
    body = "\n".join(
        ('<tr class="gap">' if entry.gap else "<tr>")
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in view.cells(entry, lang))
        + "</tr>"
        for entry in entries
    )
    return (
        f"<h1>{html.escape(view.title.text(lang))}</h1>\n<table>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )
