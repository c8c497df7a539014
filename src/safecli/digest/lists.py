"""`case list` and `action list` of a whole book through the digest's stat-checked cache.

The rows are the ones `casework.listing.case_rows` and `casework.actions.list_actions`
make, read from `.safecli/lists.cache` (kept by `cache.collect_with`, beside the
digest's own, under the same rules): a case whose four files are unchanged is not
read again. Like the digest's, the cache holds no adult's name and no free text:
a view that shows names or descriptions reads the files. A case the cache cannot
answer for (a file it cannot read, a value other than text, a number, a truth
value or a date) is read as the uncached commands read it, so that its row, or
its refusal, is theirs.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from safecli.casework import listing
from safecli.casework.actions import action_rows, list_actions
from safecli.digest.cache import collect_with
from safecli.errors import SafecliError
from safecli.shape import ADULT, shown
from safecli.store.book import Book

CACHE_NAME = "lists.cache"
CASE_KEYS = ("status", "opened", "risk", "lead_agency", "open_actions")
ACTION_KEYS = ("id", "meeting", "agency", "lead", "due", "status", "done_on", "moves")
_STATUS = ACTION_KEYS.index("status")
_AGENCY = ACTION_KEYS.index("agency")
_PLAIN = (int, float, bool, type(None))


class _NotCached(Exception):
    """A value the cache does not keep as it is."""


def case_rows(book: Book, status: str, *, now_ns: int) -> list[dict[str, Any]]:
    """`listing.case_rows(book, status)`, without the adults' names."""
    rows = []
    for case_id, facts in _facts(book, now_ns):
        if facts is None:
            rows.extend(_case_row(book, case_id))
        else:
            rows.append({"case": case_id, **dict(zip(CASE_KEYS, facts[0], strict=True))})
    return [
        row
        for row in rows
        if status in ("all", row["status"]) or row["status"] == listing.UNREADABLE
    ]


def book_actions(
    book: Book, *, open_only: bool, agency: str | None, now_ns: int
) -> list[dict[str, Any]]:
    """`list_actions` of every case of the book, without the actions' descriptions."""
    rows: list[dict[str, Any]] = []
    keys = ("case", *ACTION_KEYS)
    for case_id, facts in _facts(book, now_ns):
        if facts is None:
            rows.extend(list_actions(book, [case_id], open_only=open_only, agency=agency))
            continue
        # A row is made only for the actions listed: a filter is applied to the values.
        rows.extend(
            dict(zip(keys, (case_id, *values), strict=True))
            for values in facts[1]
            if (not open_only or values[_STATUS] == "open")
            and (agency is None or values[_AGENCY] == agency)
        )
    return rows


def _case_row(book: Book, case_id: str) -> list[dict[str, Any]]:
    """The uncached row of one case (its `unreadable` row when it cannot be read)."""
    try:
        return [listing.case_summary(book, case_id)]
    except SafecliError as exc:
        blank = dict.fromkeys(("opened", "risk", "lead_agency", "open_actions", "name"))
        return [{"case": case_id, "status": listing.UNREADABLE, **blank, "problem": str(exc)}]


def _facts(book: Book, now_ns: int) -> list[tuple[str, Any]]:
    """(case id, cached facts or None) of every case of the book, by id."""
    read = collect_with(
        book,
        None,
        now_ns=now_ns,
        use_cache=True,
        name=CACHE_NAME,
        extract=list_facts,
        kinds=("adult", "actions"),
    )
    return [(case_id, None if problems else facts) for case_id, problems, facts in read]


def list_facts(
    adult: dict[str, Any], _agencies: list[Any], _meetings: list[Any], actions: list[Any]
) -> Any:
    """What the lists keep of a case: its row's values and its actions' rows' values, in
    the order of CASE_KEYS and ACTION_KEYS; None when a value is not kept as it is."""
    open_actions = sum(1 for a in actions if isinstance(a, dict) and a.get("status") == "open")
    case = (
        *(shown(adult.get(key), ADULT, key) for key in ("status", "opened", "risk_level")),
        shown(adult.get("lead_agency"), ADULT, "lead_agency"),
        open_actions,
    )
    try:
        return (
            _kept(case),
            tuple(_kept(tuple(row[k] for k in ACTION_KEYS)) for row in action_rows("", actions)),
        )
    except _NotCached:
        return None


def _kept(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """Values as the cache keeps them: a date as the text every view prints for it."""
    return tuple(_value(v) for v in values)


def _value(value: Any) -> Any:
    if type(value) is str:
        # One copy of each text in the cache file (marshal writes a repeated object once):
        # a smaller file, read faster.
        return sys.intern(value)
    if type(value) in _PLAIN:
        return value
    if type(value) is dt.date:
        return value.isoformat()
    raise _NotCached
