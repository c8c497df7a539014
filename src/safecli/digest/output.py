"""The digest as text: a plain table, Markdown, JSON or CSV (the JSON shape is a contract).

Library code: returns strings, prints nothing. The table is plain ASCII apart
from what the data itself holds (professionals' names), so it reads the same in
a cron mail, a terminal or `LANG=C`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from safecli.digest.items import FIELDS, KINDS, Item, counts, grouped
from safecli.output.csvfile import csv_text
from safecli.output.markdown import md_column, md_text

FORMATS = ("table", "markdown", "json", "csv")
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class View:
    """How to show a digest: format, as-of date, due-soon horizon, grouping, opt-in fields."""

    fmt: str
    as_of: date
    until: date
    by: str | None = None
    names: bool = False
    descriptions: bool = False
    excel: bool = False


def render(items: Sequence[Item], view: View) -> str:
    """The digest in the view's format (ends with a newline)."""
    if view.fmt == "json":
        return to_json(items, view)
    if view.fmt == "csv":
        return _csv(items, view)
    return _text(items, view, markdown=view.fmt == "markdown")


def to_json(items: Sequence[Item], view: View) -> str:
    """The documented JSON shape (docs/digest.md): one item per line, ASCII only."""
    head = {
        "schema": SCHEMA_VERSION,
        "as_of": view.as_of.isoformat(),
        "due_soon_until": view.until.isoformat(),
        "by": view.by,
    }
    lines = ["{", *(f"  {json.dumps(key)}: {json.dumps(value)}," for key, value in head.items())]
    # json.dumps without indent runs in C; with indent it is pure Python (slow on big books).
    body = [
        f"    {json.dumps(item.as_dict(names=view.names, descriptions=view.descriptions))}"
        for _, group in grouped(items, view.by)
        for item in group
    ]
    lines.extend(['  "items": [', ",\n".join(body), "  ],"] if body else ['  "items": [],'])
    lines.extend([f'  "counts": {json.dumps(counts(items))}', "}"])
    return "\n".join(lines) + "\n"


def _columns(view: View) -> list[str]:
    columns = list(FIELDS)
    if view.names:
        columns.append("name")
    if view.descriptions:
        columns.append("description")
    return columns


def _csv(items: Sequence[Item], view: View) -> str:
    """Each item's fields as text: what `as_dict` gives, None as "", `missing` joined."""
    rows = (
        [
            item.kind,
            item.case,
            item.risk or "",
            item.meeting or "",
            item.meeting_type or "",
            item.action or "",
            item.agency or "",
            item.lead or "",
            item.due.isoformat() if item.due else "",
            "" if item.days_overdue is None else str(item.days_overdue),
            "" if item.missing is None else " ".join(item.missing),
            item.detail or "",
            *([item.name or ""] if view.names else ()),
            *([item.description or ""] if view.descriptions else ()),
        ]
        for _, group in grouped(items, view.by)
        for item in group
    )
    return csv_text(_columns(view), rows, excel=view.excel)


def summary(items: Sequence[Item], as_of: date) -> str:
    """One line: how many items of each kind, as of the date."""
    numbers = counts(items)
    parts = [f"{numbers[kind]} {kind}" for kind in KINDS if numbers[kind]]
    return f"safecli overdue as of {as_of.isoformat()}: " + (", ".join(parts) or "nothing due")


def _late(days: int | None) -> str:
    if days is None:
        return ""
    if days > 0:
        return f"{days}d late"
    return "today" if days == 0 else f"in {-days}d"


def _cells(group: Sequence[Item], view: View) -> list[list[str]]:
    """The table's columns (HEADINGS, then name and description when asked for) of a
    group of items, each cell's white space evened (`" ".join(cell.split())`)."""
    # Read each item once, a row at a time, then turn the rows into columns.
    names, descriptions = view.names, view.descriptions
    rows = [
        (
            i.days_overdue,
            i.due,
            i.kind,
            i.case,
            i.risk or "",
            i.meeting or "",
            i.meeting_type or "",
            i.action or "",
            f"{i.agency}:{i.lead}" if i.lead else i.agency or "",
            i.detail or "",
            *((i.name or "",) if names else ()),
            *((i.description or "",) if descriptions else ()),
        )
        for i in group
    ]
    days, dues, *texts = zip(*rows, strict=True)
    late = {d: _late(d) for d in set(days)}
    iso = {d: d.isoformat() if d else "" for d in set(dues)}
    columns: list[list[str]] = [[late[d] for d in days], [iso[d] for d in dues]]
    columns.extend(list(column) for column in texts)
    return [column if _one_line("|".join(column)) else _evened(column) for column in columns]


def _evened(column: list[str]) -> list[str]:
    return [" ".join(cell.split()) for cell in column]


def _one_line(cells: str) -> bool:
    """Whether no cell of a column (joined by "|") would change in `" ".join(cell.split())`:
    each is printable (every white space character but " " is not), with single spaces
    and none at either end. A "| " in a cell only sends the column the slow way."""
    return (
        cells.isprintable()
        and "  " not in cells
        and "| " not in cells
        and " |" not in cells
        and cells[:1] != " "
        and cells[-1:] != " "
    )


HEADINGS = ["when", "due", "kind", "case", "risk", "meeting", "type", "action", "lead", "note"]


def _text(items: Sequence[Item], view: View, *, markdown: bool) -> str:
    lines = [summary(items, view.as_of)]
    if not items:
        return lines[0] + "\n"
    headings = (
        HEADINGS + (["name"] if view.names else []) + (["description"] if view.descriptions else [])
    )
    for key, group in grouped(items, view.by):
        # A column a time: the heading, then its cells; the empty ones after `case` left out.
        table = [
            [heading, *column]
            for index, (heading, column) in enumerate(
                zip(headings, _cells(group, view), strict=True)
            )
            if index < 4 or any(column)
        ]
        lines.append("")
        if key is not None:
            title = f"{view.by}: {key} ({len(group)})"
            lines.extend([f"## {md_text(title)}", ""] if markdown else [f"[{title}]"])
        lines.extend(_markdown(table) if markdown else _plain(table))
    return "\n".join(lines) + "\n"


def _plain(columns: list[list[str]]) -> list[str]:
    """The rows of a table given as columns (each its heading, then its cells): the columns
    padded to their widest cell and two spaces apart, the heading underlined, no space
    at the end of a line."""
    widths = [max(map(len, column)) for column in columns]
    for column, width in zip(columns, widths, strict=True):
        column.insert(1, "-" * width)
    # as str.ljust pads, the fastest way; the last column is not padded (nothing follows it)
    line = "  ".join([*(f"%-{w}s" for w in widths[:-1]), "%s"])
    rows = map(line.__mod__, zip(*columns, strict=True))
    return list(rows) if all(columns[-1]) else [row.rstrip() for row in rows]


def _markdown(columns: list[list[str]]) -> list[str]:
    """The rows of a Markdown table given as columns (each its heading, then its cells)."""
    head = [column[0] for column in columns]
    line = "| " + " | ".join(["%s"] * len(columns)) + " |"
    escaped = [md_column(column) for column in columns]
    rows = [line % row for row in zip(*escaped, strict=True)]
    return [rows[0], "|" + "|".join("---" for _ in head) + "|", *rows[1:]]
