"""The numbers on the book's page, each with the case ids behind it.

Every count is a `Tally`: a label, the rows it counts (case id first) and the
slug of the list page that shows them. The digest's kinds (overdue and due-soon
actions, reviews passed, minutes not shared, no meeting, unreadable) come from
`digest.items.compute` on the digest's own facts, so they equal what
`safecli overdue --format json` says for the same book and date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from safecli.digest.items import Item
from safecli.model import HANDLE, RISK_LEVELS
from safecli.reports.overview.read import CaseRecord

UNKNOWN = "not set"
# (label, first day, last day) of time open; None: no upper bound
AGE_BANDS = (
    ("up to 30 days", 0, 30),
    ("31 to 90 days", 31, 90),
    ("91 to 180 days", 91, 180),
    ("181 to 365 days", 181, 365),
    ("over a year", 366, None),
)
MEETINGS_AHEAD_DAYS = AHEAD = 14
ITEM_TITLES = {
    "unreadable": "Cases that could not be read",
    "action-overdue": "Actions overdue",
    "action-due-soon": "Actions due this week",
    "review-passed": "Reviews passed",
    "minutes-not-recorded": "Meetings past with no minutes recorded",
    "minutes-not-shared": "Minutes not shared",
    "feedback-not-given": "Feedback to the adult not given",
    "no-meeting": "Cases with no meeting called",
    "meeting-called": "First meetings called, not yet held",
    "repeated-episodes": "Repeated episodes, no meeting called",
    "enquiry-overdue": "Enquiries past their timescale",
    "plan-review-overdue": "Protection plans past their review interval",
}
ITEM_COLUMNS = (
    "case",
    "risk",
    "meeting",
    "type",
    "action",
    "agency",
    "lead",
    "due",
    "days overdue",
)


@dataclass(frozen=True)
class Tally:
    """A count on a page and the rows behind it (the first cell of each row is a case id)."""

    slug: str
    label: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def case_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row[0] for row in self.rows))


@dataclass(frozen=True)
class Group:
    """A titled set of tallies (a table on the page, and a chart of it)."""

    title: str
    tallies: tuple[Tally, ...]

    @property
    def total(self) -> int:
        return sum(t.count for t in self.tallies)


@dataclass(frozen=True)
class BookFigures:
    """The book's page: open cases, the digest's items, meetings ahead."""

    by_risk: Group
    by_age: Group
    items: tuple[Tally, ...]
    overdue_by_agency: Group
    due_by_agency: Group
    meetings_ahead: Tally
    open_cases: int
    all_cases: int


def item_row(item: Item) -> tuple[str, ...]:
    """A digest item as a row of text cells (case id first)."""
    if item.kind == "unreadable":
        return (item.case, "", "", "", "", "", "", "", "")
    return (
        item.case,
        item.risk or "",
        item.meeting or "",
        item.meeting_type or "",
        item.action or "",
        item.agency or "",
        item.lead or "",
        item.due.isoformat() if item.due else "",
        str(item.days_overdue) if item.days_overdue is not None else "",
    )


def item_tallies(items: Sequence[Item], prefix: str = "") -> tuple[Tally, ...]:
    """One tally per digest kind, in the digest's order (empty kinds included)."""
    rows: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in ITEM_TITLES}
    for item in items:
        rows[item.kind].append(item_row(item))
    return tuple(
        Tally(f"{prefix}{kind}", title, ITEM_COLUMNS, tuple(rows[kind]))
        for kind, title in ITEM_TITLES.items()
    )


def book_figures(records: Sequence[CaseRecord], items: Sequence[Item], today: date) -> BookFigures:
    """The book page's numbers as of today, from the cases and the digest's items."""
    now = today.toordinal()
    open_rows: dict[str, list[tuple[str, ...]]] = {r: [] for r in (*RISK_LEVELS, UNKNOWN)}
    age_rows: list[list[tuple[str, ...]]] = [[] for _ in AGE_BANDS]
    ahead: list[tuple[str, ...]] = []
    for record in records:
        s = record.summary
        if s is None:
            continue
        if s.is_open:
            risk = s.risk if s.risk in RISK_LEVELS else UNKNOWN
            days = now - s.opened if s.opened is not None else None
            opened = date.fromordinal(s.opened).isoformat() if s.opened else ""
            row = (record.case_id, risk, opened, "" if days is None else str(days))
            open_rows[risk].append(row)
            if days is not None:
                age_rows[_band(days)].append(row)
        for m in s.meetings:
            if m.status == "planned" and m.day is not None and 0 <= m.day - now <= AHEAD:
                when = (m.when or "").replace("T", " ")
                ahead.append((record.case_id, m.id, m.type or "", when, m.chair or ""))
    ahead.sort(key=lambda row: (row[3], row[0], row[1]))
    open_columns = ("case", "risk", "opened", "days open")
    by_risk = Group(
        "Open cases by risk level",
        tuple(
            Tally(f"open-{level.replace(' ', '-')}", level, open_columns, tuple(rows))
            for level, rows in open_rows.items()
            if rows or level != UNKNOWN
        ),
    )
    by_age = Group(
        "Open cases by time open",
        tuple(
            Tally(f"open-age-{index}", band[0], open_columns, tuple(rows))
            for index, (band, rows) in enumerate(zip(AGE_BANDS, age_rows, strict=True))
        ),
    )
    return BookFigures(
        by_risk=by_risk,
        by_age=by_age,
        items=item_tallies(items),
        overdue_by_agency=by_agency(items, "action-overdue", "Actions overdue by agency"),
        due_by_agency=by_agency(items, "action-due-soon", "Actions due this week by agency"),
        meetings_ahead=Tally(
            "meetings-ahead",
            f"Meetings in the next {MEETINGS_AHEAD_DAYS} days",
            ("case", "meeting", "type", "when", "chair's agency"),
            tuple(ahead),
        ),
        open_cases=sum(len(rows) for rows in open_rows.values()),
        all_cases=len(records),
    )


def by_agency(items: Iterable[Item], kind: str, title: str) -> Group:
    """Items of one kind grouped by the lead's agency (sorted by handle; none last)."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for item in items:
        if item.kind == kind:
            groups.setdefault(item.agency or "-", []).append(item_row(item))
    return Group(
        title,
        tuple(
            Tally(f"{kind}-by-{slug(handle, index)}", handle, ITEM_COLUMNS, tuple(groups[handle]))
            for index, handle in enumerate(sorted(groups, key=lambda h: (h == "-", h)))
        ),
    )


def slug(handle: str, index: int) -> str:
    """A file-name-safe slug for an agency handle (its position, if the handle is not one)."""
    return handle if HANDLE.match(handle) else f"_{index}"


def _band(days: int) -> int:
    for index, (_, low, high) in enumerate(AGE_BANDS):
        if days >= low and (high is None or days <= high):
            return index
    return 0
