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
from typing import Any

from safecli.digest.items import FIELDS, KINDS, Item, counts, grouped
from safecli.output.csvfile import csv_text
from safecli.output.markdown import md_text

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
    columns = _columns(view)
    rows = (
        [_csv_cell(row[key]) for key in columns]
        for _, group in grouped(items, view.by)
        for row in (
            item.as_dict(names=view.names, descriptions=view.descriptions) for item in group
        )
    )
    return csv_text(columns, rows, excel=view.excel)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


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


def _row(item: Item, view: View) -> list[str]:
    row = [
        _late(item.days_overdue),
        item.due.isoformat() if item.due else "",
        item.kind,
        item.case,
        item.risk or "",
        item.meeting or "",
        item.meeting_type or "",
        item.action or "",
        f"{item.agency}:{item.lead}" if item.lead else item.agency or "",
        item.detail or "",
    ]
    if view.names:
        row.append(item.name or "")
    if view.descriptions:
        row.append(item.description or "")
    return row if _one_line("|".join(row)) else [" ".join(cell.split()) for cell in row]


def _one_line(cells: str) -> bool:
    """Whether no cell of a row (joined by "|") would change in `" ".join(cell.split())`:
    each is printable (every white space character but " " is not), with single spaces
    and none at either end. A "| " in a cell only sends the row the slow way."""
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
        rows = [_row(item, view) for item in group]
        keep = [
            i
            for i, (h, column) in enumerate(zip(headings, zip(*rows, strict=True), strict=True))
            if h in ("when", "due", "kind", "case") or any(column)
        ]
        table = [[headings[i] for i in keep]]
        if len(keep) == len(headings):
            table.extend(rows)
        else:
            table.extend([[r[i] for i in keep] for r in rows])
        lines.append("")
        if key is not None:
            title = f"{view.by}: {key} ({len(group)})"
            lines.extend([f"## {md_text(title)}", ""] if markdown else [f"[{title}]"])
        lines.extend(_markdown(table) if markdown else _plain(table))
    return "\n".join(lines) + "\n"


def _plain(table: list[list[str]]) -> list[str]:
    widths = [max(map(len, column)) for column in zip(*table, strict=True)]
    line = "  ".join(f"%-{w}s" for w in widths)  # as str.ljust pads, the fastest way
    return [
        (line % tuple(row)).rstrip() for row in [table[0], ["-" * w for w in widths], *table[1:]]
    ]


def _markdown(table: list[list[str]]) -> list[str]:
    head, *body = table
    lines = [
        "| " + " | ".join(md_text(c) for c in head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    lines.extend("| " + " | ".join(md_text(c) for c in row) + " |" for row in body)
    return lines
