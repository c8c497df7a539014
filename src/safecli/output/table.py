"""The cells and the text of every table view: tabulate's "simple" and "github" layouts.

A list of a big book has hundreds of thousands of cells: tabulate, even told not
to parse numbers, looks at each one several times (its type, invisible codes,
line ends, width), which made the table of `action list` cost more than twice its
JSON. A column's cells are made at once (`column_cells`: text is left as it is
when none of the column's needs its white space evened), and when every cell is
printable text whose width is its length — the usual
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
from typing import Any

from safecli.output.markdown import md_column, md_text

# tabulate makes each column at least this much wider than its header.
_HEADER_PADDING = 2


def cell(value: Any, *, markdown: bool = False) -> str:
    """One table cell: None as empty, lists joined, white space as single spaces,
    Markdown syntax escaped."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    shown = " ".join(str(value).split())
    return md_text(shown) if markdown else shown


def column_cells(values: Sequence[Any], *, markdown: bool = False) -> list[str]:
    """`[cell(value, markdown=markdown) for value in values]`, a column at a time: a big
    book's list has hundreds of thousands of cells, nearly all plain text already."""
    texts = [
        value
        if type(value) is str
        else ""
        if value is None
        else str(value)
        if type(value) is int
        else cell(value)
        for value in values
    ]
    if not _evenly_spaced(texts):
        texts = [" ".join(text.split()) for text in texts]
    return md_column(texts) if markdown else texts


def _evenly_spaced(texts: list[str]) -> bool:
    """Whether `" ".join(text.split()) == text` for every text, tested on them all at once:
    printable text has no white space but the space (U+0020), so that it is enough that
    no text starts or ends with one (none is next to a "|" between texts) and none has
    two together. (A "|" of the texts' own only sends them the slow way.)"""
    joined = "|".join(texts)
    return (
        joined.isprintable()
        and "  " not in joined
        and "| " not in joined
        and " |" not in joined
        and not joined.startswith(" ")
        and not joined.endswith(" ")
    )


def table_text(headers: Sequence[str], columns: Sequence[Sequence[str]], *, markdown: bool) -> str:
    """The table of columns of cells (`column_cells`), as tabulate's "github" (markdown) or
    "simple" layout; a column of whole numbers aligns right, any other left."""
    aligns = ["right" if "".join(column).isdigit() else "left" for column in columns]
    rows = list(zip(*columns, strict=True))
    if not rows or not _lengths_are_widths(headers, columns):
        from tabulate import tabulate  # only an empty table or unusual characters pay for it

        return tabulate(
            rows,
            headers=headers,
            tablefmt="github" if markdown else "simple",
            disable_numparse=True,
            colalign=aligns,
        )
    widths = [
        max(len(header) + _HEADER_PADDING, max(map(len, column)))
        for header, column in zip(headers, columns, strict=True)
    ]
    # One %-format a row: each cell padded to its column's width, left ("%-Ns") or right.
    pads = [f"%{'' if align == 'right' else '-'}{width}s" for align, width in zip(aligns, widths)]
    if markdown:
        row = "| " + " | ".join(pads) + " |"
        rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
        lines = [row % tuple(headers), rule, *(row % cells for cells in rows)]
    else:
        row = "  ".join(pads)
        rule = "  ".join("-" * width for width in widths)
        lines = [(row % tuple(headers)).rstrip(), rule, *((row % cells).rstrip() for cells in rows)]
    return "\n".join(lines)


def _lengths_are_widths(headers: Sequence[str], columns: Sequence[Sequence[str]]) -> bool:
    """Whether tabulate would measure every cell by its length: printable text, and
    ASCII unless tabulate has no `wcwidth` to measure wide characters with."""
    text = "".join(headers) + "".join("".join(column) for column in columns)
    return text.isprintable() and (text.isascii() or find_spec("wcwidth") is None)
