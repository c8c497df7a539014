"""The one CSV writer: every command's CSV goes through `csv_text`.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or a
carriage return or line end) as a formula: `=HYPERLINK(...)` typed as an action's
description would become a live link. Such cells are written with a leading
apostrophe, which spreadsheets show as text; plain numbers (`-3`) are left alone.
`excel=True` adds what Excel needs to read UTF-8: a byte-order mark and CRLF.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def neutral(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula; line ends as LF.

    (The csv module would not quote a lone CR, which readers take for a new row.)
    """
    cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], *, excel: bool = False) -> str:
    """The CSV of a header and rows of text cells (ends with a line end)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerow([neutral(cell) for cell in header])
    writer.writerows([neutral(cell) for cell in row] for row in rows)
    return ("\ufeff" if excel else "") + out.getvalue()
