"""What reports read from a book: each case's files as plain data (the fast loader)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from safecli.errors import FileFormatError
from safecli.store import fastload
from safecli.store.book import Book


def adults(book: Book, case_ids: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
    """Case id → adult.yaml data, for every case of the book (or those named)."""
    found = {}
    for case_id in case_ids if case_ids is not None else book.case_ids():
        path = book.case_dir(case_id) / "adult.yaml"
        data = fastload.load(path, dict)
        if data.get("case") != case_id:
            raise FileFormatError(
                f"case: {data.get('case')!r} does not match the folder name {case_id!r}", path=path
            )
        found[case_id] = data
    return found
