"""The case list's rows and its status filter, on the example book."""

from __future__ import annotations

from pathlib import Path

import pytest

from safecli.casework.listing import case_rows
from safecli.store.book import find_book


@pytest.mark.parametrize("status", ["open", "closed"])
def test_rows_are_filtered_by_status(example_book: Path, status: str) -> None:
    book = find_book(example_book)
    every = case_rows(book, "all")
    rows = case_rows(book, status)
    assert rows == [row for row in every if row["status"] == status]
    assert len(every) == len(book.case_ids())
