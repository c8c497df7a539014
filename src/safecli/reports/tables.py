"""Count tables of a statutory return: rows and columns in the collection's order, and
the case ids behind every cell, so each count can be traced before it is submitted."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from safecli.errors import InvalidInput

Labels = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Year:
    """A reporting year, 1 April to 31 March, written `2025-26`."""

    first: date
    last: date

    @property
    def label(self) -> str:
        return f"{self.first.year}-{str(self.last.year)[2:]}"

    def holds(self, day: date | None) -> bool:
        """True when a day falls within the year."""
        return day is not None and self.first <= day <= self.last


def parse_year(text: str) -> Year:
    """Read `2025-26` (or `2025-2026`) as the year from 1 April 2025 to 31 March 2026."""
    match = re.fullmatch(r"(\d{4})-(\d{2}|\d{4})", text.strip())
    if match:
        start = int(match.group(1))
        end = match.group(2)
        if end in (str(start + 1)[2:], str(start + 1)):
            return Year(date(start, 4, 1), date(start + 1, 3, 31))
    raise InvalidInput(
        f"invalid year {text!r}: write the reporting year as 2025-26 (1 April to 31 March)"
    )


@dataclass(frozen=True)
class Table:
    """One table: `cells[(row, column)]` lists the case ids counted there, one per count."""

    code: str
    title: str
    rows: Labels
    columns: Labels
    cells: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def count(self, row: str, column: str) -> int:
        """The count in a cell."""
        return len(self.cells.get((row, column), ()))

    def cell_ids(self) -> list[str]:
        """Every cell's id (`SG2a:physical:known`), in row and column order."""
        return [f"{self.code}:{row}:{column}" for row, _ in self.rows for column, _ in self.columns]


class Tally:
    """Builds a table's cells: add a case to a cell once per count."""

    def __init__(self, code: str, title: str, rows: Labels, columns: Labels) -> None:
        self.code, self.title, self.rows, self.columns = code, title, rows, columns
        self.cells: dict[tuple[str, str], list[str]] = {}
        self.notes: list[str] = []

    def add(self, row: str, column: str, case_id: str) -> None:
        """Count one more in a cell for this case."""
        if row not in dict(self.rows) or column not in dict(self.columns):
            raise ValueError(f"{self.code}: no cell {row}:{column}")
        self.cells.setdefault((row, column), []).append(case_id)

    def add_once(self, cells: Iterable[tuple[str, str]], case_id: str) -> None:
        """Count a case once in each different cell (the return's rule within one enquiry)."""
        for row, column in dict.fromkeys(cells):
            self.add(row, column, case_id)

    def table(self) -> Table:
        return Table(
            self.code,
            self.title,
            self.rows,
            self.columns,
            {key: tuple(sorted(ids)) for key, ids in self.cells.items()},
            tuple(self.notes),
        )


def published(count: int) -> int | None:
    """A count as published: rounded to the nearest 5, and None (suppressed) under 5."""
    if count < 5:
        return None
    return 5 * ((count + 2) // 5)


def explain(tables: Iterable[Table], cell: str) -> tuple[Table, str, str, tuple[str, ...]]:
    """The table, row, column and case ids of a cell id such as `SG1a:65-74:s42`."""
    code, _, rest = cell.partition(":")
    row, _, column = rest.partition(":")
    for table in tables:
        if table.code.lower() != code.lower():
            continue
        if row in dict(table.rows) and column in dict(table.columns):
            return table, row, column, table.cells.get((row, column), ())
        raise InvalidInput(
            f"no cell {cell!r} in {table.code}; its cells are: {', '.join(table.cell_ids())}"
        )
    codes = ", ".join(table.code for table in tables)
    raise InvalidInput(f"no table {code!r}: write TABLE:ROW:COLUMN, with TABLE one of {codes}")


def as_data(tables: Iterable[Table], *, publish: bool) -> list[dict[str, Any]]:
    """The tables as plain data (for JSON): each row with its counts by column."""
    shown = published if publish else (lambda n: n)
    return [
        {
            "table": table.code,
            "title": table.title,
            "columns": [label for _, label in table.columns],
            "rows": [
                {
                    "row": label,
                    "key": row,
                    "counts": {
                        column: shown(table.count(row, column)) for column, _ in table.columns
                    },
                }
                for row, label in table.rows
            ],
            "notes": list(table.notes),
        }
        for table in tables
    ]
