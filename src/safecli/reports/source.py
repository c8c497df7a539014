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
    if docs["adult"].get("case") != case_id:
        raise FileFormatError(
            f"case: {docs['adult'].get('case')!r} does not match the folder name {case_id!r}",
            path=folder / "adult.yaml",
        )
    return docs
