"""What reports read from a book: each case's files as plain data (the fast loader)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from safecli.store import fastload
from safecli.store.book import Book, check_case_folder


def adults(book: Book, case_ids: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
    """Case id → adult.yaml data, for every case of the book (or those named)."""
    found = {}
    for case_id in case_ids if case_ids is not None else book.case_ids():
        folder = book.case_dir(case_id)
        data = fastload.load(folder / "adult.yaml", dict)
        check_case_folder(folder, case_id, data)
        found[case_id] = data
    return found


def case_files(book: Book, case_id: str) -> dict[str, Any]:
    """The four files of a case as plain data (kind → data)."""
    folder = book.case_dir(case_id)
    docs: dict[str, Any] = {}
    for kind, expect in (
        ("adult", dict),
        ("agencies", list),
        ("meetings", list),
        ("actions", list),
    ):
        docs[kind] = fastload.load(folder / f"{kind}.yaml", expect)
    check_case_folder(folder, case_id, docs["adult"])
    return docs
