"""The one CSV writer: formula cells neutralised, Excel's byte-order mark and CRLF."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecli.output.csvfile import csv_text, neutral


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("http://evil.example","x")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\n=1+1",
        "- call the bank",
    ],
)
def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(cell: str) -> None:
    assert neutral(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "SG-2026-0001", "-3", "+4", "12.5", "Sam Patel", "a=b"])
def test_other_cells_are_left_alone(cell: str) -> None:
    assert neutral(cell) == cell


def test_a_carriage_return_in_a_cell_does_not_start_a_row() -> None:
    assert csv_text(["a"], [["x\ry"]]) == 'a\n"x\ny"\n'


def test_excel_gets_a_byte_order_mark_and_crlf() -> None:
    assert csv_text(["a", "b"], [["1", "x y"]], excel=True) == "\ufeffa,b\r\n1,x y\r\n"
    assert csv_text(["a", "b"], [["1", "x y"]]) == "a,b\n1,x y\n"


@given(st.lists(st.lists(st.text(), min_size=2, max_size=2), max_size=5))
def test_every_cell_reads_back_and_none_starts_a_formula(rows: list[list[str]]) -> None:
    text = csv_text(["a", "b"], rows)
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert len(back) == len(rows) + 1
    for written, given_row in zip(back[1:], rows, strict=True):
        for cell, typed in zip(written, given_row, strict=True):
            original = typed.replace("\r\n", "\n").replace("\r", "\n")
            assert cell in (original, "'" + original)
            runs = cell.startswith(("=", "+", "-", "@", "\t", "\n"))
            assert not runs or re.fullmatch(r"[+-]?\d+(?:\.\d+)?", cell), cell


def test_no_other_module_writes_csv() -> None:
    source = Path(__file__).resolve().parents[2] / "src" / "safecli"
    writers = [
        str(module.relative_to(source))
        for module in sorted(source.rglob("*.py"))
        if re.search(r"^\s*(import csv\b|from csv import)", module.read_text(), re.MULTILINE)
    ]
    assert writers == ["output/csvfile.py"]
