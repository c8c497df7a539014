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
- `minutes-not-recorded`: a planned meeting with no minutes N days after its time
  (`digest.minutes_record_days`).
- `feedback-not-given`: a held meeting's feedback to the adult not recorded as given
  by its due date (or `digest.feedback_days` after the meeting, for the types that
  owe feedback: the ones EMP003 checks).
- `no-meeting`: an open case with a concern and no meeting held or called, N days
  after the concern was raised (`digest.first_meeting_days`, per risk level).
- `meeting-called`: the same with the first meeting called and not yet held.
- `repeated-episodes`: `digest.episodes` events of `digest.episode_kinds` within
  `digest.episode_days` days, after the case's latest meeting.
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
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from safecli.digest.clocks import NO_CLOCKS, Clocks
from safecli.digest.due import Due, owing_by_default, owing_feedback
from safecli.digest.item import FIELDS, CaseRead, Item, with_extras
from safecli.store.digest_settings import DigestSettings

__all__ = [
    "FIELDS",
    "GROUPINGS",
    "KINDS",
    "CaseRead",
    "Item",
    "compute",
    "counts",
    "group_key",
    "grouped",
    "owing_feedback",
    "select",
    "sort",
    "with_extras",
]

KINDS = (
    "unreadable",
    "action-overdue",
    "action-due-soon",
    "review-passed",
    "minutes-not-recorded",
    "minutes-not-shared",
    "feedback-not-given",
    "no-meeting",
    "meeting-called",
    "repeated-episodes",
    "enquiry-overdue",
    "plan-review-overdue",
)
GROUPINGS = ("agency", "case", "lead")
_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}
_NUMBER = re.compile(r"(\d+)")

DEFAULT_SETTINGS = DigestSettings()


def compute(
    cases: Iterable[CaseRead],
    today: date,
    until: date,
    settings: DigestSettings = DEFAULT_SETTINGS,
    clocks: Clocks = NO_CLOCKS,
    owing: Collection[str] | None = None,
) -> list[Item]:
    """Every digest item of the cases as of today (due-soon up to `until`), most overdue first;
    the statutory clocks only where `clocks` sets them. `owing`: the meeting types that owe
    the adult feedback (default: the built-in pack's)."""
    owes = frozenset(owing) if owing is not None else owing_by_default()
    due = Due(today.toordinal(), until.toordinal(), settings, clocks, owes)
    items: list[Item] = []
    for read in cases:
        if read.facts is None:
            items.extend(Item("unreadable", read.case_id, detail=p) for p in read.problems)
            continue
        items.extend(due.items(read))
    return sort(items)


_NATURAL: dict[str | None, tuple[Any, ...]] = {None: ()}


def _natural(value: str | None) -> tuple[Any, ...]:
    """Sort key putting A2 before A10 (each id's worked out once)."""
    try:
        return _NATURAL[value]
    except KeyError:
        assert value is not None
        key = _NATURAL[value] = tuple(
            int(part) if part.isdigit() else part for part in _NUMBER.split(value)
        )
        return key


def sort(items: Iterable[Item]) -> list[Item]:
    """Unreadable cases first, then most overdue first (ties: case, kind, meeting, action)."""
    natural, order = _NATURAL, _KIND_ORDER
    keyed = [
        (
            item.kind != "unreadable",
            -(item.days_overdue or 0),
            item.case,
            order[item.kind],
            natural[m] if (m := item.meeting) in natural else _natural(m),
            natural[a] if (a := item.action) in natural else _natural(a),
            item.detail or "",
            index,
            item,
        )
        for index, item in enumerate(items)
    ]
    keyed.sort()
    return [row[-1] for row in keyed]


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
    if not (cases or agencies or leads or risks or kinds):
        return list(items)
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
    for kind, number in Counter(map(attrgetter("kind"), items)).items():
        result[kind] += number
    result["total"] = sum(result.values())
    return result
