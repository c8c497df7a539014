"""PRT003 capacity: a best-interests meeting rests on a capacity assessment, for someone 16 or over.

For meeting types that need a decision maker (the pack's `needs_decision_maker`:
best interests) the meeting names one (`decision_maker`). For held meetings of
types that must record capacity (`must_record` has `capacity`), the minutes'
`capacity` records the decision, when and by whom capacity was assessed
(before or on the day of the meeting), the outcome, which must be `lacks`
(a best-interests decision is made only for a person who lacks capacity for
that decision), and the best-interests decision. The adult is 16 or over on
the day of the meeting, so adult.yaml records the date of birth.

Severity: error.

Why: Protection (Mental Capacity Act 2005; LLR guide: a best-interests decision
follows a capacity assessment, for a person 16 or over; East Sussex briefing:
plans show how capacity is dealt with).

Passes:

    # meetings.yaml (minutes of a held best-interests meeting)
      capacity:
        decision: Where to live after discharge
        assessed_on: 2026-11-05
        assessed_by: {agency: health, name: Dr Ravi Menon}
        outcome: lacks
        best_interests_decision: Move to a care home for six weeks

Fails:

    # meetings.yaml (minutes of a held best-interests meeting)
      capacity:
        decision: Where to live after discharge
        assessed_on: null
        assessed_by: null
        outcome: has
        best_interests_decision: Move to a care home for six weeks
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from safecli.raw import day, filled, mapping
from safecli.validation.rules.base import ERROR, CaseView, Finding, Rule, record_id
from safecli.validation.rules.records import meeting_day, meetings, person

PARTS = {
    "decision": "the decision",
    "assessed_on": "when capacity was assessed",
    "assessed_by": "who assessed it",
    "outcome": "the outcome",
    "best_interests_decision": "the best-interests decision",
}


def check(view: CaseView) -> Iterator[Finding]:
    born = day(view.mapping("adult").get("date_of_birth"))
    for index, meeting in meetings(view):
        mt = view.meeting_type(meeting)
        if mt is None or not (mt.needs_decision_maker or "capacity" in mt.must_record):
            continue
        name = record_id(meeting)
        if mt.needs_decision_maker and person(meeting.get("decision_maker")) is None:
            yield view.finding(
                RULE,
                "meetings",
                (index, "decision_maker"),
                f"{name}: name the decision maker (decision_maker)",
            )
        minutes = mapping(meeting.get("minutes"))
        on = day(minutes.get("held_on")) or meeting_day(meeting)
        yield from _age(view, index, name, born, on)
        if meeting.get("status") == "held" and "capacity" in mt.must_record:
            yield from _assessment(view, index, name, mapping(minutes.get("capacity")), on)


def _age(
    view: CaseView, index: int, name: Any, born: date | None, on: date | None
) -> Iterator[Finding]:
    if view.data.get("adult") is None:
        return
    if born is None:
        yield view.finding(
            RULE,
            "adult",
            ("date_of_birth",),
            f"{name} is a best-interests "
            "meeting: record the date of birth to show the adult is 16 or over",
        )
    elif on is not None and _years(born, on) < 16:
        yield view.finding(
            RULE,
            "meetings",
            (index, "type"),
            f"{name}: the person is under 16 "
            "on the day of the meeting; the Mental Capacity Act applies from 16",
            at_value=True,
        )


def _assessment(
    view: CaseView, index: int, name: Any, capacity: dict[str, Any], on: date | None
) -> Iterator[Finding]:
    keys = (index, "minutes", "capacity")
    if not capacity:
        yield view.finding(
            RULE,
            "meetings",
            keys,
            f"{name}: the minutes do not record the "
            "capacity assessment and the decision (minutes.capacity)",
        )
        return
    gaps = [text for key, text in PARTS.items() if not filled(capacity.get(key))]
    if gaps:
        yield view.finding(
            RULE,
            "meetings",
            keys,
            f"{name}: the capacity assessment does not record {', '.join(gaps)}",
        )
    if filled(capacity.get("outcome")) and capacity.get("outcome") != "lacks":
        yield view.finding(
            RULE,
            "meetings",
            (*keys, "outcome"),
            f"{name}: a best-interests "
            "decision is made only when the person lacks capacity for it "
            "(outcome: lacks)",
            at_value=True,
        )
    assessed = day(capacity.get("assessed_on"))
    if assessed and on and assessed > on:
        yield view.finding(
            RULE,
            "meetings",
            (*keys, "assessed_on"),
            f"{name}: capacity was assessed on {assessed}, after the meeting ({on})",
            at_value=True,
        )


def _years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


RULE = Rule(
    code="PRT003",
    severity=ERROR,
    principle="protection",
    summary="best interests: capacity assessment and decision recorded; adult 16 or over",
    check=check,
    doc=__doc__ or "",
)
