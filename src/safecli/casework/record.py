"""Facts about the adult that the standards read, each set by a command (`case update`,
`case concern add`, `case wishes`, `case capacity add`, `case event add`,
`case others-at-risk`) and the
feedback to the adult after a meeting (`meeting feedback`).

Only checks of the input itself are made here (a known choice, a known person); whether
the case then meets the standards is the rulebook's to say as the case is saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from safecli import shape
from safecli.casework.meetings import find_meeting
from safecli.casework.people import resolve
from safecli.errors import InvalidInput
from safecli.model import (
    ABUSE_TYPES,
    CAPACITY_OUTCOMES,
    ENGAGEMENT,
    EVENT_KINDS,
    JURISDICTIONS,
    LANGUAGE_PREFERENCES,
    RISK_LEVELS,
    WALES_ABUSE_TYPES,
    Person,
    check_choice,
)
from safecli.store import roundtrip
from safecli.store.book import Book, Case, edit_case

# Where each part of adult.yaml keeps its keys, for a record made afresh.
PARTS = {
    "care_and_support": shape.CARE_AND_SUPPORT.keys,
    "communication": shape.COMMUNICATION.keys,
    "representative": shape.REPRESENTATIVE.keys,
    "wishes": shape.WISHES.keys,
    "others_at_risk": shape.OTHERS_AT_RISK.keys,
}
CHOICES = {
    ("risk_level",): (RISK_LEVELS, "risk level"),
    ("engagement",): (ENGAGEMENT, "engagement"),
    ("jurisdiction",): (JURISDICTIONS, "jurisdiction"),
    ("communication", "language"): (LANGUAGE_PREFERENCES, "language"),
}


def update_adult(book: Book, case_id: str, changes: Mapping[tuple[str, ...], Any]) -> Case:
    """Set fields of adult.yaml: a key (`risk_level`) or a part and key (`communication`,
    `interpreter`); a person field takes a Person. Other fields are kept."""
    if not changes:
        raise InvalidInput("nothing to record: give at least one field to change")
    for keys, value in changes.items():
        if keys in CHOICES and value is not None:
            check_choice(value, *CHOICES[keys])
    with edit_case(book, case_id) as case:
        for keys, value in changes.items():
            if isinstance(value, Person):
                resolve(case, value)
                value = roundtrip.person(value.agency, value.name)
            if len(keys) == 1:
                case.put("adult", shape.ADULT.keys, keys[0], value)
                continue
            part, key = keys
            _put(_part(case, part), PARTS[part], key, value)
    return case


def _part(case: Case, part: str) -> Any:
    """A part of adult.yaml (`wishes`, `communication`…) to change, made when missing."""
    record = case.part("adult", part)
    if not isinstance(record, dict):
        record = roundtrip.record(PARTS[part], dict.fromkeys(PARTS[part]))
        case.put("adult", shape.ADULT.keys, part, record)
    return record


def _put(record: Any, order: Sequence[str], key: str, value: Any) -> None:
    roundtrip.put(record, order, key, value)


@dataclass(frozen=True)
class Concern:
    """A concern raised about the adult."""

    type: str
    summary: str
    raised_on: date
    source: str | None = None
    location: str | None = None
    raised_by: Person | None = None
    offender_risk: bool = False


def add_concern(book: Book, case_id: str, concern: Concern) -> Case:
    """Add a concern to adult.yaml's `concerns`."""
    check_choice(concern.type, ABUSE_TYPES + WALES_ABUSE_TYPES, "concern type")
    if not concern.summary.strip():
        raise InvalidInput("summary: say what the concern is")
    with edit_case(book, case_id) as case:
        if concern.raised_by is not None:
            resolve(case, concern.raised_by)
        concerns = _list(case, "concerns")
        values = {
            "type": concern.type,
            "summary": concern.summary,
            "source": concern.source,
            "location": concern.location,
            "raised_on": concern.raised_on,
            "raised_by": _person(concern.raised_by),
            "offender_risk": concern.offender_risk,
        }
        roundtrip.append(concerns, roundtrip.record(shape.CONCERN.keys, values))
    return case


@dataclass(frozen=True)
class Assessment:
    """A capacity assessment for one decision."""

    decision: str
    outcome: str
    assessed_on: date
    by: Person | None = None


def add_capacity(book: Book, case_id: str, assessment: Assessment) -> Case:
    """Add a capacity assessment to adult.yaml's `capacity`."""
    check_choice(assessment.outcome, CAPACITY_OUTCOMES, "capacity outcome")
    if not assessment.decision.strip():
        raise InvalidInput("decision: name the decision capacity was assessed for")
    with edit_case(book, case_id) as case:
        if assessment.by is not None:
            resolve(case, assessment.by)
        values = {
            "decision": assessment.decision,
            "outcome": assessment.outcome,
            "assessed_on": assessment.assessed_on,
            "by": _person(assessment.by),
        }
        roundtrip.append(_list(case, "capacity"), roundtrip.record(shape.CAPACITY.keys, values))
    return case


@dataclass(frozen=True)
class Event:
    """A dated contact or episode in the adult's life (an admission, a call-out, a
    missed visit): the day, the kind, the agency and, when known, who."""

    happened_on: date
    kind: str
    agency: str
    name: str | None = None
    summary: str | None = None


def add_event(book: Book, case_id: str, event: Event) -> Case:
    """Add an event to adult.yaml's `events`. Whether the agency and person are of the
    case, and the day not in the future, is the rulebook's to say as it is saved."""
    check_choice(event.kind, EVENT_KINDS, "event kind")
    with edit_case(book, case_id) as case:
        values = {
            "happened_on": event.happened_on,
            "kind": event.kind,
            "agency": event.agency,
            "by": roundtrip.person(event.agency, event.name) if event.name else None,
            "summary": event.summary.strip() if event.summary else None,
        }
        present = {key: value for key, value in values.items() if value is not None}
        roundtrip.append(_list(case, "events"), roundtrip.record(shape.EVENT.keys, present))
    return case


def set_wishes(
    book: Book,
    case_id: str,
    *,
    asked_on: date | None,
    outcomes: Sequence[str],
    not_asked_reason: str | None,
) -> Case:
    """Record the adult's desired outcomes in their words (and when asked), or why they
    could not be asked; outcomes given are added to those recorded."""
    if not (asked_on or outcomes or not_asked_reason):
        raise InvalidInput(
            "nothing to record: give --asked-on and --outcome, or --not-asked-reason"
        )
    with edit_case(book, case_id) as case:
        wishes = _part(case, "wishes")
        if asked_on is not None:
            _put(wishes, shape.WISHES.keys, "asked_on", asked_on)
        if outcomes:
            listed = wishes.get("outcomes")
            if not isinstance(listed, list):
                _put(wishes, shape.WISHES.keys, "outcomes", [])
                listed = wishes["outcomes"]
            for outcome in outcomes:
                roundtrip.append(listed, outcome)
        if not_asked_reason is not None:
            _put(wishes, shape.WISHES.keys, "not_asked_reason", not_asked_reason)
    return case


def set_feedback(
    book: Book,
    case_id: str,
    meeting_id: str,
    *,
    how: str | None,
    by: Person | None,
    due: date | None,
    given_on: date | None = None,
) -> Case:
    """Record how and by whom the adult hears what a held meeting agreed, by when, and the
    day they were told."""
    if how is None and by is None and due is None and given_on is None:
        raise InvalidInput("nothing to record: give --how, --by, --due or --given-on")
    with edit_case(book, case_id) as case:
        meeting = find_meeting(case, meeting_id)
        minutes = meeting.get("minutes")
        if meeting.get("status") != "held" or not isinstance(minutes, dict):
            raise InvalidInput(
                f"{meeting_id} has no minutes yet; record it first: "
                f"safecli meeting record {case_id} {meeting_id}"
            )
        feedback = minutes.get("feedback")
        if not isinstance(feedback, dict):
            feedback = roundtrip.record(shape.FEEDBACK.keys, dict.fromkeys(shape.FEEDBACK.keys))
            roundtrip.put(minutes, shape.MINUTES.keys, "feedback", feedback)
        if by is not None:
            resolve(case, by)
        values = (("how", how), ("by", _person(by)), ("due", due), ("given_on", given_on))
        for key, value in values:
            if value is not None:
                _put(feedback, shape.FEEDBACK.keys, key, value)
    return case


def _list(case: Case, key: str) -> Any:
    """A list of adult.yaml (`concerns`, `events`…) to add to, made when missing."""
    if not isinstance(case.part("adult", key), list):
        case.put("adult", shape.ADULT.keys, key, [])
    return case.part("adult", key)


def _person(person: Person | None) -> Any:
    return roundtrip.person(person.agency, person.name) if person is not None else None
