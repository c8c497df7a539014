"""The overdue digest: what needs chasing in a book as of a date.

Pure functions over the candidates of each case (`facts` works out what
a case could owe, whatever the date) and a `today`; no clock, no files. Item
kinds, in the order they are told apart:

- `unreadable`: a case file could not be read; the case's other items are unknown.
- `action-overdue`: an open action due before today.
- `action-due-soon`: an open action due today or within the period asked for.
- `review-passed`: the review date set at the case's latest held meeting is
  before today, and no meeting has been held since.
- `minutes-not-shared`: a held meeting whose minutes, N days after it was held
  (`digest.minutes_share_days`), are not recorded as shared with every agency that
  attended or was invited (the chair's own agency wrote them, so it is not counted).
- `no-meeting`: an open case with a concern and no meeting held, N days after it
  was opened (`digest.first_meeting_days`).
- `enquiry-overdue`: an open case's enquiry, not concluded when its timescale
  (`clocks.<jurisdiction>.enquiry_working_days` working days from its start) ran out.
- `plan-review-overdue`: an open case with open actions (a protection plan) and
  no meeting held within `clocks.<jurisdiction>.plan_review_working_days` working
  days of the latest one.

Every item has a `due` date (when the thing should have happened) and
`days_overdue` (today minus due: 0 means due today, negative means not yet due).
Case-level items (`review-passed`, `minutes-not-shared`, `no-meeting`) come from
open cases only; open actions are listed whatever the case's status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from safecli.digest.clocks import NO_CLOCKS, SETTINGS, Clocks
from safecli.digest.facts import CaseFacts
from safecli.store.config import DigestSettings

KINDS = (
    "unreadable",
    "action-overdue",
    "action-due-soon",
    "review-passed",
    "minutes-not-shared",
    "no-meeting",
    "enquiry-overdue",
    "plan-review-overdue",
)
GROUPINGS = ("agency", "case", "lead")
# The fields of an item, in output order; a stable contract (docs/digest.md).
FIELDS = (
    "kind",
    "case",
    "risk",
    "meeting",
    "meeting_type",
    "action",
    "agency",
    "lead",
    "due",
    "days_overdue",
    "missing",
    "detail",
)
_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}
_NUMBER = re.compile(r"(\d+)")

DEFAULT_SETTINGS = DigestSettings()


@dataclass(frozen=True)
class CaseRead:
    """One case as the digest read it: its facts, or the problems that stopped it."""

    case_id: str
    facts: CaseFacts | None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One line of the digest."""

    kind: str
    case: str
    risk: str | None = None
    meeting: str | None = None
    meeting_type: str | None = None
    action: str | None = None
    agency: str | None = None
    lead: str | None = None
    due: date | None = None
    days_overdue: int | None = None
    missing: tuple[str, ...] | None = None
    detail: str | None = None
    involved: tuple[str, ...] = field(default=(), compare=False)
    name: str | None = None
    description: str | None = None

    def as_dict(self, *, names: bool = False, descriptions: bool = False) -> dict[str, Any]:
        """The item as JSON-ready data: FIELDS, plus name/description when asked for."""
        data: dict[str, Any] = {key: getattr(self, key) for key in FIELDS}
        data["due"] = self.due.isoformat() if self.due else None
        data["missing"] = list(self.missing) if self.missing is not None else None
        if names:
            data["name"] = self.name
        if descriptions:
            data["description"] = self.description
        return data


def compute(
    cases: Iterable[CaseRead],
    today: date,
    until: date,
    settings: DigestSettings = DEFAULT_SETTINGS,
    clocks: Clocks = NO_CLOCKS,
) -> list[Item]:
    """Every digest item of the cases as of today (due-soon up to `until`), most overdue first;
    the statutory clocks only where `clocks` sets them."""
    now = today.toordinal()
    soon = until.toordinal()
    shift = {
        "action": 0,
        "review": 0,
        "minutes": settings.minutes_share_days,
        "no-meeting": settings.first_meeting_days,
    }
    items: list[Item] = []
    for read in cases:
        if read.facts is None:
            items.extend(Item("unreadable", read.case_id, detail=p) for p in read.problems)
            continue
        risk, involved, candidates, jurisdiction = read.facts
        for kind, start, meeting, meeting_type, action, agency, lead, missing in candidates:
            if kind in SETTINGS:
                clock = clocks.due(kind, start, jurisdiction)
                if clock is None:
                    continue
                due = clock
            else:
                due = start + shift[kind]
            if due >= now and (kind != "action" or due > soon):
                continue
            items.append(
                Item(
                    _KIND_NAMES[kind] if due < now else "action-due-soon",
                    read.case_id,
                    risk,
                    meeting,
                    meeting_type,
                    action,
                    agency,
                    lead,
                    date.fromordinal(due),
                    now - due,
                    missing,
                    None,
                    involved,
                )
            )
    return sort(items)


_KIND_NAMES = {
    "action": "action-overdue",
    "review": "review-passed",
    "minutes": "minutes-not-shared",
    "no-meeting": "no-meeting",
    "enquiry": "enquiry-overdue",
    "plan": "plan-review-overdue",
}


@lru_cache(maxsize=4096)
def _natural(value: str | None) -> tuple[Any, ...]:
    """Sort key putting A2 before A10."""
    if value is None:
        return ()
    return tuple(int(part) if part.isdigit() else part for part in _NUMBER.split(value))


def _key(item: Item) -> tuple[Any, ...]:
    return (
        item.kind != "unreadable",
        -(item.days_overdue or 0),
        item.case,
        _KIND_ORDER[item.kind],
        _natural(item.meeting),
        _natural(item.action),
        item.detail or "",
    )


def sort(items: Iterable[Item]) -> list[Item]:
    """Unreadable cases first, then most overdue first (ties: case, kind, meeting, action)."""
    return sorted(items, key=_key)


def select(
    items: Iterable[Item],
    *,
    agencies: Sequence[str] = (),
    leads: Sequence[tuple[str, str]] = (),
    cases: Sequence[str] = (),
    risks: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> list[Item]:
    """The items each filter allows (an empty filter allows everything).

    Need to know: an agency gets the actions it leads, the minutes its chair owes
    or that it is still waiting for, and the case-level nudges (review passed, no
    meeting) of cases it is involved in (listed in agencies.yaml). Unreadable
    files are shown under every filter but --case: the digest is incomplete
    for everyone until they are fixed.
    """
    chosen = []
    for item in items:
        if cases and item.case not in cases:
            continue
        if item.kind != "unreadable":
            if agencies and not any(_concerns(item, agency) for agency in agencies):
                continue
            if leads and (item.agency, item.lead) not in leads:
                continue
            if risks and item.risk not in risks:
                continue
            if kinds and item.kind not in kinds:
                continue
        chosen.append(item)
    return chosen


def _concerns(item: Item, agency: str) -> bool:
    if item.kind in ("action-overdue", "action-due-soon"):
        return item.agency == agency
    if item.kind == "minutes-not-shared":
        return item.agency == agency or agency in (item.missing or ())
    return item.agency == agency or agency in item.involved


def group_key(item: Item, by: str) -> str:
    """The group an item falls in for --by agency|case|lead ("-" when it has none)."""
    if by == "case":
        return item.case
    if by == "agency":
        return item.agency or "-"
    return f"{item.agency}:{item.lead}" if item.agency and item.lead else "-"


def grouped(items: Sequence[Item], by: str | None) -> list[tuple[str | None, list[Item]]]:
    """Items in groups sorted by key (each group most overdue first); one group if by is None."""
    if by is None:
        return [(None, list(items))]
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(group_key(item, by), []).append(item)
    return [(key, groups[key]) for key in sorted(groups, key=lambda k: (k == "-", k))]


def counts(items: Iterable[Item]) -> dict[str, int]:
    """How many items of each kind (every kind present), and the total."""
    result = dict.fromkeys(KINDS, 0)
    for item in items:
        result[item.kind] += 1
    result["total"] = sum(result.values())
    return result


def with_extras(item: Item, *, name: str | None = None, description: str | None = None) -> Item:
    """The item carrying the adult's name and/or a description (opt-in output only)."""
    return replace(item, name=name, description=description)
