"""Count tables as text: a plain table, Markdown, CSV or JSON; published counts rounded."""

from __future__ import annotations

import json
from collections.abc import Sequence

from tabulate import tabulate

from safecli.output.csvfile import csv_text
from safecli.reports.tables import Table, as_data, published

FORMATS = ("table", "markdown", "csv", "json")
SUPPRESSED = "*"


def format_tables(
    tables: Sequence[Table], fmt: str, *, publish: bool, heading: str, excel: bool = False
) -> str:
    """The tables in one format; `publish` rounds to 5 and suppresses counts under 5.

    excel=True: CSV for Excel (a byte-order mark and CRLF line ends)."""
    fmt = "csv" if excel else fmt
    if fmt == "json":
        shown = as_data(tables, publish=publish)
        if publish:
            for entry in shown:
                entry["notes"] = []
        data = {"return": heading, "published": publish, "tables": shown}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        rows = [
            [table.code, row_label, column_label, _shown(table, row, column, publish)]
            for table in tables
            for row, row_label in table.rows
            for column, column_label in table.columns
        ]
        return csv_text(["table", "row", "column", "count"], rows, excel=excel)
    style = "github" if fmt == "markdown" else "simple"
    parts = [f"# {heading}\n" if fmt == "markdown" else f"{heading}\n"]
    for table in tables:
        title = f"{table.code}: {table.title}"
        parts.append(f"## {title}\n" if fmt == "markdown" else f"{title}\n")
        body = [
            [label] + [_shown(table, row, column, publish) for column, _ in table.columns]
            for row, label in table.rows
        ]
        headers = [""] + [label for _, label in table.columns]
        parts.append(tabulate(body, headers=headers, tablefmt=style, disable_numparse=True) + "\n")
        if not publish:
            parts.extend(f"{note}\n" for note in table.notes)
    if publish:
        parts.append(f"Counts rounded to the nearest 5; {SUPPRESSED}: fewer than 5.\n")
    return "\n".join(parts)


def _shown(table: Table, row: str, column: str, publish: bool) -> str:
    count = table.count(row, column)
    if not publish:
        return str(count)
    rounded = published(count)
    return SUPPRESSED if rounded is None else str(rounded)
