"""The plain table view of the listing commands, as tabulate's "simple" format lays it out.

tabulate works out the type of every cell before it lays a table out, which on a
big book takes longer than reading it from the cache. The listing commands give
it text only, aligned as they choose, so for printable ASCII text (where a
character is a column wide) the layout is simple: each column as wide as its
widest cell or its header plus two, cells flush left or right, two spaces
between columns, a line of dashes under the headers, no trailing spaces.
`simple_table` lays out exactly that (a test holds it equal to tabulate's) and
leaves anything else (wide or combining characters) to tabulate.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_PADDING = 2  # tabulate's: a header is at least this much narrower than its column


def simple_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str]
) -> str | None:
    """The table of text cells under headers, each column "left" or "right" aligned;
    None when a header or cell is not printable ASCII (tabulate must measure it)."""
    columns = [[row[n].strip() for row in rows] for n in range(len(headers))]
    if not all(_plain(text) for text in headers) or not all(
        _plain(cell) for column in columns for cell in column
    ):
        return None
    widths = [
        max([len(header) + MIN_PADDING, *(len(cell) for cell in column)])
        for header, column in zip(headers, columns, strict=True)
    ]
    pads = [str.rjust if how == "right" else str.ljust for how in align]
    lines = [
        "  ".join(pad(h, w) for h, w, pad in zip(headers, widths, pads, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines.extend(
        "  ".join(pad(cell, w) for cell, w, pad in zip(cells, widths, pads, strict=True)).rstrip()
        for cells in zip(*columns, strict=True)
    )
    return "\n".join(lines)


def _plain(text: str) -> bool:
    return text.isascii() and text.isprintable()
