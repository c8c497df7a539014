"""Read every case of a book for the overview, through the digest's stat-checked cache.

The report keeps its own cache file, `.safecli/report.cache`, beside the
digest's, under the same rules (see `digest.cache`): each case's entry holds
the digest's facts and the overview's summary, both taken from one reading of
its four files, so a warm report reads no case file at all and its digest
numbers are the digest's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from safecli.digest import cache as digestcache
from safecli.digest.items import CaseRead
from safecli.reports.overview.facts import CaseSummary, both
from safecli.store.book import Book

CACHE_NAME = "report.cache"


@dataclass(frozen=True)
class CaseRecord:
    """One case as the report read it: the digest's view and the overview's summary."""

    read: CaseRead
    summary: CaseSummary | None

    @property
    def case_id(self) -> str:
        return self.read.case_id


def collect(book: Book, *, now_ns: int, use_cache: bool = True) -> list[CaseRecord]:
    """Every case of the book, sorted by id; only changed cases are read again."""
    entries = digestcache.collect_with(
        book, None, now_ns=now_ns, use_cache=use_cache, name=CACHE_NAME, extract=both
    )
    return records(entries)


def records(entries: Iterable[tuple[str, tuple[str, ...], Any]]) -> list[CaseRecord]:
    """CaseRecords from (case id, problems, facts of `both` or None)."""
    result = []
    for case_id, problems, facts in entries:
        if facts is None:
            result.append(CaseRecord(CaseRead(case_id, None, problems), None))
        else:
            digest_facts, summary = facts
            result.append(
                CaseRecord(CaseRead(case_id, digest_facts), CaseSummary.from_tuple(summary))
            )
    return result
