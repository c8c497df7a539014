"""Adults' names for the case pages, read fresh and only when asked (--show-names).

Neither cache holds a name: like the digest's details, they come from the
case's adult.yaml at the moment the report is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from safecli.errors import FileFormatError
from safecli.store import fastload
from safecli.store.book import Book


def adult_names(book: Book, case_ids: Iterable[str]) -> dict[str, str]:
    """Each case's adult's name (with the preferred name), for cases whose file reads."""
    names: dict[str, str] = {}
    for case_id in case_ids:
        try:
            adult = fastload.load(book.cases_dir / case_id / "adult.yaml", dict)
        except FileFormatError:
            continue
        name, preferred = adult.get("name"), adult.get("preferred_name")
        if isinstance(name, str) and name:
            names[case_id] = f"{name} ({preferred})" if isinstance(preferred, str) else name
    return names
