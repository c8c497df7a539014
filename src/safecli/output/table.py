"""The one writer of text tables: tabulate's "simple" (terminal) and "github" (Markdown) layouts.

A list of a big book has hundreds of thousands of cells: tabulate, even told not
to parse numbers, looks at each one several times (its type, invisible codes,
line ends, width), which made the table of `action list` cost more than twice its
JSON. When every cell is printable text whose width is its length — the usual
case — the table is written here, in one pass over each column, with exactly the
bytes tabulate writes: columns at least two wider than their header, cells padded
to the column's width (left or right), two spaces between columns (a space either
side of each `|` in Markdown), trailing spaces dropped. Any other table (no rows,
a control character, or a character whose width on screen tabulate measures with
the optional `wcwidth` when it is installed) is left to tabulate itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.util import find_spec

# tabulate makes each column at least this much wider than its header.
_HEADER_PADDING = 2


def table_text(
    headers: Sequence[str], rows: Sequence[Sequence[str]], aligns: Sequence[str], *, markdown: bool
) -> str:
    """The table of text cells, as tabulate's "github" (markdown) or "simple" layout.

    Cells are text with no space at either end; `aligns` gives "left" or "right"
    for each column.
    """
    if not rows or not _lengths_are_widths(headers, rows):
        from tabulate import tabulate  # only an empty table or unusual characters pay for it

        return tabulate(
            rows,
            headers=headers,
            tablefmt="github" if markdown else "simple",
            disable_numparse=True,
            colalign=aligns,
        )
    columns = list(zip(*rows, strict=True))
    widths = [
        max(len(header) + _HEADER_PADDING, max(map(len, column)))
        for header, column in zip(headers, columns, strict=True)
    ]
    right = [align == "right" for align in aligns]
    padded = [
        [cell.rjust(width) if flush else cell.ljust(width) for cell in column]
        for column, width, flush in zip(columns, widths, right, strict=True)
    ]
    head = [
        header.rjust(width) if flush else header.ljust(width)
        for header, width, flush in zip(headers, widths, right, strict=True)
    ]
    if markdown:
        lines = ["| " + " | ".join(head) + " |"]
        lines.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
        lines.extend("| " + " | ".join(cells) + " |" for cells in zip(*padded))
    else:
        lines = ["  ".join(head).rstrip(), "  ".join("-" * width for width in widths)]
        lines.extend("  ".join(cells).rstrip() for cells in zip(*padded))
    return "\n".join(lines)


def _lengths_are_widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bool:
    """Whether tabulate would measure every cell by its length: printable text, and
    ASCII unless tabulate has no `wcwidth` to measure wide characters with."""
    text = "".join(headers) + "".join("".join(row) for row in rows)
    return text.isprintable() and (text.isascii() or find_spec("wcwidth") is None)
