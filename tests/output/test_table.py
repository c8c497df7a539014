"""The table writer writes exactly what tabulate writes, for any table of text cells."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from tabulate import tabulate

from safecli.output.table import table_text

# Cells as `cli.common.cell` makes them: no space at either end, none doubled; some
# are numbers, truth values, empty, wide (CJK), combining, or control characters.
_WORDS = st.one_of(
    st.sampled_from(["", "7", "007", "-3", "1.5", "True", "False", "None", "x|y", "\\*"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
    st.text("abcdéß漢字\u0301\x1b[0m\x01-", max_size=6),
)
_CELLS = st.lists(_WORDS, max_size=3).map(lambda words: " ".join(" ".join(words).split()))


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]], list[str]]:
    width = draw(st.integers(1, 5))
    headers = draw(
        st.lists(st.from_regex(r"[a-z_]{1,9}", fullmatch=True), min_size=width, max_size=width)
    )
    rows = draw(st.lists(st.lists(_CELLS, min_size=width, max_size=width), max_size=6))
    aligns = draw(st.lists(st.sampled_from(["left", "right"]), min_size=width, max_size=width))
    return headers, rows, aligns


@given(tables(), st.booleans())
def test_same_text_as_tabulate(
    table: tuple[list[str], list[list[str]], list[str]], markdown: bool
) -> None:
    headers, rows, aligns = table
    expected = tabulate(
        rows,
        headers=headers,
        tablefmt="github" if markdown else "simple",
        disable_numparse=True,
        colalign=aligns,
    )
    assert table_text(headers, rows, aligns, markdown=markdown) == expected


def test_a_terminal_table() -> None:
    rows = [["SG-1", "open", "3"], ["SG-22", "closed", ""], ["SG-3", "", "12"]]
    assert table_text(["case", "status", "n"], rows, ["left", "left", "right"], markdown=False) == (
        "case    status      n\n"
        "------  --------  ---\n"
        "SG-1    open        3\n"
        "SG-22   closed\n"
        "SG-3               12"
    )


def test_a_markdown_table() -> None:
    rows = [["SG-1", "a \\| b"], ["SG-22", ""]]
    assert table_text(["case", "what"], rows, ["left", "left"], markdown=True) == (
        "| case   | what   |\n|--------|--------|\n| SG-1   | a \\| b |\n| SG-22  |        |"
    )
