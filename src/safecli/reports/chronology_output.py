"""A chronology as Markdown, HTML, CSV or plain text: every cell escaped for its syntax."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from tabulate import tabulate

from safecli.output.csvfile import csv_text
from safecli.output.markdown import md_text
from safecli.output.terminal import visible
from safecli.reports.chronology import Entry

FORMATS = ("md", "html", "csv", "txt")
CSS = (
    "body{font-family:sans-serif;margin:2em}"
    "table{border-collapse:collapse}"
    "th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}"
    "tr.gap td{font-style:italic;background:#eee}"
)


@dataclass(frozen=True)
class View:
    """What a chronology shows: its title, and whether names, free text and cases appear."""

    title: str
    show_names: bool = False
    show_text: bool = False
    several: bool = False

    def header(self) -> list[str]:
        columns = ["Date"] + (["Case"] if self.several else []) + ["Agency", "Event"]
        columns.append("Action taken or why none")
        return columns + (["Detail"] if self.show_text else [])

    def cells(self, entry: Entry) -> list[str]:
        agency = entry.agency or ("" if entry.gap else "not recorded")
        if self.show_names and entry.person:
            agency = f"{agency} ({entry.person})"
        row = [entry.day.isoformat()] + ([entry.case] if self.several else [])
        row += [agency, entry.event, entry.action]
        return row + ([" ".join((entry.detail or "").split())] if self.show_text else [])


def format_chronology(
    entries: Sequence[Entry], fmt: str, view: View, *, excel: bool = False
) -> str:
    """The chronology in one of FORMATS (excel=True: CSV with a byte-order mark and CRLF)."""
    rows = [view.cells(entry) for entry in entries]
    if fmt == "csv" or excel:
        return csv_text(view.header(), rows, excel=excel)
    if fmt == "md":
        lines = [f"# {md_text(view.title)}", ""]
        lines.append("| " + " | ".join(view.header()) + " |")
        lines.append("|" + "|".join(" --- " for _ in view.header()) + "|")
        lines += ["| " + " | ".join(md_text(cell) for cell in row) + " |" for row in rows]
        if not rows:
            lines.append("\nNothing dated is recorded.")
        return "\n".join(lines) + "\n"
    if fmt == "html":
        return _html(entries, rows, view)
    body = tabulate(
        [[visible(cell) for cell in row] for row in rows],
        headers=view.header(),
        tablefmt="simple",
        disable_numparse=True,
    )
    return f"{visible(view.title)}\n\n{body if rows else 'Nothing dated is recorded.'}\n"


def _html(entries: Sequence[Entry], rows: list[list[str]], view: View) -> str:
    title = html.escape(view.title)
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in view.header())
    body = "\n".join(
        ('<tr class="gap">' if entry.gap else "<tr>")
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in row)
        + "</tr>"
        for entry, row in zip(entries, rows, strict=True)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n"
        "</tbody>\n</table>\n</body>\n</html>\n"
    )
