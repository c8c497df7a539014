"""Wales: adult safeguarding activity for the Welsh Government, from the adults of a book.

Reports are the concerns raised in the year about adults at risk (one per
report). An enquiry (s126, or another enquiry) made after a report counts the
report as led to an enquiry. An enquiry is completed on its `concluded_on`; its
clock runs from the report that led to it (the latest concern raised on or
before the enquiry started, else the day it started), in working days.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from safecli import raw
from safecli.errors import Uncountable
from safecli.model import ABUSE_TYPES, WALES_ABUSE_TYPES
from safecli.reports.tables import Labels, Table, Tally, Year
from safecli.workdays import WorkingCalendar

NAMES = {
    "financial": "Financial or material",
    "neglect": "Neglect and acts of omission",
    "fgm": "Female genital mutilation",
    "position-of-trust": "Abuse by a person in a position of trust",
    "professional": "Abuse by a professional",
}
TYPE_LABELS: Labels = tuple(
    (key, NAMES.get(key, key.replace("-", " ").capitalize()))
    for key in ABUSE_TYPES + WALES_ABUSE_TYPES
)
ENQUIRY_KINDS = ("s126", "other")


def wales_measures(
    adults: Mapping[str, Mapping[str, Any]],
    year: Year,
    *,
    jurisdiction: str,
    calendar: WorkingCalendar,
    within: int,
) -> tuple[Table, ...]:
    """The Welsh measures over `adults` (case id → adult.yaml data), refusing what cannot be
    counted."""
    rows: Labels = (
        ("reports", "Reports of adults at risk"),
        ("adults", "Adults reported"),
        ("enquiries", "Reports that led to an enquiry (adults)"),
        ("completed", "Enquiries completed"),
        ("in-time", f"Enquiries completed within {within} working days of the report"),
    )
    activity = Tally("WG1", "Reports and enquiries", rows, (("count", "Count"),))
    categories = Tally(
        "WG2", "Reports by category of abuse", TYPE_LABELS, (("reports", "Reports"),)
    )
    problems: list[str] = []
    for case_id, adult in sorted(adults.items()):
        if (adult.get("jurisdiction") or jurisdiction) != "wales":
            continue
        found: list[str] = []
        reports = _reports(adult, found)
        enquiry = raw.mapping(adult.get("enquiry"))
        started, concluded = (
            raw.day(enquiry.get("started_on")),
            raw.day(enquiry.get("concluded_on")),
        )
        made = enquiry.get("kind") in ENQUIRY_KINDS
        if made and started is None:
            found.append("enquiry.started_on: not recorded")
        if made and started and concluded and concluded < started:
            found.append("enquiry.concluded_on: before enquiry.started_on")
        if found:
            problems.extend(f"{case_id}: {problem}" for problem in found)
            continue
        in_year = [(day, kind) for day, kind in reports if year.holds(day)]
        for _, kind in in_year:
            activity.add("reports", "count", case_id)
            categories.add(kind, "reports", case_id)
        if in_year:
            activity.add("adults", "count", case_id)
            if made:
                activity.add("enquiries", "count", case_id)
        if made and started and concluded and year.holds(concluded):
            activity.add("completed", "count", case_id)
            earlier = [day for day, _ in reports if day <= started]
            reported = max(earlier, default=started)
            if calendar.between(reported, concluded) <= within:
                activity.add("in-time", "count", case_id)
    if problems:
        raise Uncountable(f"the Welsh measures for {year.label}", problems)
    completed = len(activity.cells.get(("completed", "count"), []))
    in_time = len(activity.cells.get(("in-time", "count"), []))
    share = f"{100 * in_time / completed:.0f}%" if completed else "no enquiries completed"
    activity.notes.append(
        f"Share completed within {within} working days: {share} ({in_time} of {completed})"
    )
    return activity.table(), categories.table()


def _reports(adult: Mapping[str, Any], problems: list[str]) -> list[tuple[date, str]]:
    found = []
    for index, concern in enumerate(raw.items(adult.get("concerns"))):
        record = raw.mapping(concern)
        raised, kind = raw.day(record.get("raised_on")), record.get("type")
        if raised is None:
            problems.append(f"concerns[{index}].raised_on: not recorded")
        elif kind not in dict(TYPE_LABELS):
            problems.append(f"concerns[{index}].type is not a category of abuse")
        else:
            found.append((raised, str(kind)))
    return found
