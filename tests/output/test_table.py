"""Table cells and text: the same as one cell at a time, and as tabulate writes them."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from tabulate import tabulate

from safecli.output.table import cell, column_cells, table_text

# Cells as `cell` makes them: no space at either end, none doubled; some are numbers,
# truth values, empty, wide (CJK), combining, or control characters.
_WORDS = st.one_of(
    st.sampled_from(["", "7", "007", "-3", "1.5", "True", "False", "None", "x|y", "\\*"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
    st.text("abcdéß漢字\u0301\x1b[0m\x01-", max_size=6),
)
_CELLS = st.lists(_WORDS, max_size=3).map(lambda words: " ".join(" ".join(words).split()))
# Values as rows hold them: text with any white space, None, numbers, truth values, lists.
_TEXT = st.text(st.sampled_from(list("ab |*\x00\t\n\r\x0b\x1c\xa0\u2003\u3000é")), max_size=8)
_VALUES = st.one_of(
    _TEXT,
    st.none(),
    st.integers(-20, 20),
    st.booleans(),
    st.floats(allow_nan=False),
    st.lists(_TEXT, max_size=3),
    st.tuples(st.integers(), _TEXT),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    width = draw(st.integers(1, 5))
    words = st.from_regex(r"[a-z_]{1,9}", fullmatch=True)
    headers = draw(st.lists(words, min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(_CELLS, min_size=width, max_size=width), max_size=6))
    return headers, rows


@given(tables(), st.booleans())
def test_same_text_as_tabulate(table: tuple[list[str], list[list[str]]], markdown: bool) -> None:
    headers, rows = table
    columns = [[row[n] for row in rows] for n in range(len(headers))]
    # The rule the views always had: a column of whole numbers (empty cells aside) right.
    aligns = [
        "right" if [c for c in column if c] and all(c.isdigit() for c in column if c) else "left"
        for column in columns
    ]
    expected = tabulate(
        rows,
        headers=headers,
        tablefmt="github" if markdown else "simple",
        disable_numparse=True,
        colalign=aligns,
    )
    assert table_text(headers, columns, markdown=markdown) == expected


@given(st.lists(_VALUES, max_size=8), st.booleans())
def test_a_column_is_its_cells(values: list[Any], markdown: bool) -> None:
    assert column_cells(values, markdown=markdown) == [cell(v, markdown=markdown) for v in values]


def test_cells() -> None:
    assert column_cells([None, " a \t b ", ["x", 2], True, 3]) == ["", "a b", "x, 2", "True", "3"]
    assert column_cells(["[link](x)", "a  b"], markdown=True) == ["\\[link\\](x)", "a b"]


def test_a_terminal_table() -> None:
    columns = [["SG-1", "SG-22", "SG-3"], ["open", "closed", ""], ["3", "", "12"]]
    assert table_text(["case", "status", "n"], columns, markdown=False) == (
        "case    status      n\n"
        "------  --------  ---\n"
        "SG-1    open        3\n"
        "SG-22   closed\n"
        "SG-3               12"
    )


def test_a_markdown_table() -> None:
    columns = [["SG-1", "SG-22"], ["a \\| b", ""]]
    assert table_text(["case", "what"], columns, markdown=True) == (
        "| case   | what   |\n|--------|--------|\n| SG-1   | a \\| b |\n| SG-22  |        |"
    )
