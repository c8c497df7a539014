"""The minutes of a held meeting: what they hold, the checks they pass, how they are written.

`record_minutes` is the one way minutes get into meetings.yaml, whether they came
from command-line flags or from the $EDITOR form (`safecli.casework.minutes_form`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from safecli import shape
from safecli.casework.meetings import carried_forward, find_meeting
from safecli.casework.minutes_parts import Feedback, Minutes, OthersAtRisk, Risk, Wishes
from safecli.casework.people import agency_of, resolve
from safecli.casework.shared import edit_meeting, mirror, not_a_part, other_cases, subjects_of
from safecli.errors import InvalidInput
from safecli.model import CAPACITY_OUTCOMES, Person, check_choice
from safecli.store import roundtrip, typed
from safecli.store.book import Book, Case, checked_cases, load_case


@dataclass(frozen=True)
class AdultMinutes:
    """What a meeting about several adults recorded for one of the other adults: written
    to her part of the meeting, in her own case."""

    case_id: str
    engage_lead: str | None = None
    wishes: Wishes | None = None
    risks: tuple[Risk, ...] = ()
    others_at_risk: OthersAtRisk = field(default_factory=OthersAtRisk)
    feedback: Feedback[Person] | None = None


@dataclass(frozen=True)
class Recorded:
    """Minutes just written: the case, the earlier actions the meeting reviews, and the
    other adults' cases written with it (a meeting about several adults)."""

    case: Case
    carried: tuple[str, ...]
    others: tuple[Case, ...] = ()


def record_minutes(
    book: Book,
    case_id: str,
    meeting_id: str,
    minutes: Minutes[Person],
    *,
    today: date,
    adults: tuple[AdultMinutes, ...] = (),
) -> Recorded:
    """Mark a planned meeting held and write its minutes, and for a meeting about several
    adults what it recorded for each other adult (`adults`), after checking every
    reference (the standards are the rulebook's, checked as the case is saved)."""
    with edit_meeting(book, case_id, meeting_id) as (case, others):
        _hold(case, meeting_id, minutes, today)
        _adults(case, others, meeting_id, adults)
        carried = tuple(str(a.get("id")) for a in carried_forward(case, meeting_id))
    return Recorded(case, carried, tuple(others.values()))


def check_record(
    book: Book,
    case_id: str,
    meeting_id: str,
    minutes: Minutes[Person],
    *,
    today: date,
    adults: tuple[AdultMinutes, ...] = (),
) -> None:
    """Refuse these minutes (and what they record for each other adult) as record_minutes
    would, writing nothing (for the minutes form)."""
    case = load_case(book, case_id)
    meeting = find_meeting(case, meeting_id)
    others = {other: load_case(book, other) for other in other_cases(book, meeting, case_id)}
    _hold(case, meeting_id, minutes, today)
    _adults(case, others, meeting_id, adults)
    for other in others.values():
        mirror(other, case_id, meeting)
    checked_cases([case, *others.values()], book.guard)


def _hold(case: Case, meeting_id: str, minutes: Minutes[Person], today: date) -> None:
    meeting = find_meeting(case, meeting_id)
    not_a_part(case, meeting)
    status = meeting.get("status")
    if status != "planned":
        raise InvalidInput(
            f"{meeting_id} is {status}; only a planned meeting can be recorded as held"
            + (
                f" (to correct its minutes: safecli edit {case.case_id} meetings)"
                if status == "held"
                else ""
            )
        )
    check_minutes(case, minutes, today=today)
    meeting["status"] = "held"
    meeting["minutes"] = minutes_record(minutes)


def _adults(
    case: Case, others: dict[str, Case], meeting_id: str, adults: tuple[AdultMinutes, ...]
) -> None:
    """Write what was recorded for each other adult into her part of the meeting."""
    meeting = find_meeting(case, meeting_id)
    subjects = subjects_of(meeting, case.case_id)
    for adult in adults:
        if adult.case_id not in subjects or adult.case_id not in others:
            raise InvalidInput(
                f"{meeting_id} is not about the adult of {adult.case_id} (its other adults: "
                f"{', '.join(subjects) or 'none'})"
            )
        theirs = others[adult.case_id]
        by = adult.feedback.by if adult.feedback else None
        _check_people(theirs, [by] if by else [], adult.risks)
        if adult.engage_lead is not None:
            agency_of(theirs, adult.engage_lead)
        part = mirror(theirs, case.case_id, meeting)
        written = minutes_record(
            Minutes(
                held_on=meeting["minutes"]["held_on"],
                attendees=(),
                engage_lead=adult.engage_lead,
                wishes=adult.wishes,
                risks=adult.risks,
                others_at_risk=adult.others_at_risk,
                feedback=adult.feedback,
            )
        )
        for key in ("engage_lead", "wishes", "risks", "others_at_risk", "feedback"):
            if written.get(key):
                roundtrip.put(part["minutes"], shape.MINUTES.keys, key, written[key])


def check_minutes(case: Case, minutes: Minutes[Person], *, today: date) -> None:
    """Refuse minutes with unknown people, agencies or actions."""
    if minutes.held_on > today:
        raise InvalidInput(f"held on {minutes.held_on} is in the future (today is {today})")
    if not minutes.attendees:
        raise InvalidInput("name at least one attendee (agency:Name)")
    people = [
        *minutes.attendees,
        *minutes.apologies,
        *minutes.written_updates,
        *(d.raised_by for d in minutes.disagreements if d.raised_by is not None),
    ]
    if minutes.feedback is not None and minutes.feedback.by is not None:
        people.append(minutes.feedback.by)
    if minutes.capacity is not None and minutes.capacity.assessed_by is not None:
        people.append(minutes.capacity.assessed_by)
    _check_people(case, people, minutes.risks)
    if minutes.engage_lead is not None:
        agency_of(case, minutes.engage_lead)
    if minutes.review.date is not None and minutes.review.not_required:
        raise InvalidInput("give a review date or why no review is needed, not both")
    if minutes.capacity is not None and minutes.capacity.outcome is not None:
        check_choice(minutes.capacity.outcome, CAPACITY_OUTCOMES, "capacity outcome")


def _check_people(case: Case, people: list[Person], risks: tuple[Risk, ...]) -> None:
    """Refuse people, or risks' actions, that the case does not have."""
    for person in people:
        resolve(case, person)
    known = {str(a.get("id")) for a in case.read("actions") if isinstance(a, Mapping)}
    for number, risk in enumerate(risks, 1):
        if not risk.risk.strip():
            raise InvalidInput(f"risks: risk {number} needs a description of the risk")
        missing = [a for a in risk.actions if a not in known]
        if missing:
            raise InvalidInput(
                f"risks: risk {number} names unknown actions {', '.join(missing)} "
                f"(actions: {', '.join(sorted(known)) or 'none yet'}); add the actions "
                "afterwards with: safecli action add ... --risk N"
            )


def minutes_record(m: Minutes[Person]) -> Any:
    """The `minutes:` mapping as written in meetings.yaml."""
    written = typed.stored(shape.MINUTES, m)
    # The day the adult was told is written when she is told (`meeting feedback --given-on`).
    feedback = written.get("feedback")
    if feedback is not None and feedback.get("given_on") is None:
        del feedback["given_on"]
    return written
