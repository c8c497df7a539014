"""The plain table view lays text out exactly as tabulate's "simple" format does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from safecli.output.table import simple_table

ASCII = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]], list[str]]:
    count = draw(st.integers(1, 5))
    headers = draw(st.lists(ASCII, min_size=count, max_size=count))
    rows = draw(st.lists(st.lists(ASCII, min_size=count, max_size=count), min_size=1))
    align = draw(st.lists(st.sampled_from(["left", "right"]), min_size=count, max_size=count))
    return headers, rows, align


def tabulated(headers: list[str], rows: list[list[str]], align: list[str]) -> str:
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True, colalign=align)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_the_layout_is_tabulate_s(table: tuple[list[str], list[list[str]], list[str]]) -> None:
    assert simple_table(*table) == tabulated(*table)


def test_a_listing_like_table() -> None:
    headers = ["case", "status", "open_actions", "name"]
    rows = [["SG-2026-0001", "open", "3", ""], ["SG-2026-0010", "closed", "12", ""]]
    align = ["left", "left", "right", "left"]
    assert simple_table(headers, rows, align) == tabulated(headers, rows, align)
    assert simple_table(headers, rows, align) == (
        "case          status      open_actions  name\n"
        "------------  --------  --------------  ------\n"
        "SG-2026-0001  open                   3\n"
        "SG-2026-0010  closed                12"
    )


def test_wide_characters_are_left_to_tabulate() -> None:
    assert simple_table(["name"], [["Zoë"]], ["left"]) is None
    assert simple_table(["名前"], [["x"]], ["left"]) is None
    assert simple_table(["name"], [["tab\there"]], ["left"]) is None
