"""When a meeting is due and no one called it, or one was called and not recorded: the
digest's candidates for an open case's meetings, feedback and repeated episodes.

The reviews behind the seeds found harm where no one called a meeting (no formal
planning meeting; repeated hospital admissions, each a missed chance). So an open
case with a concern gives:

- ("no-meeting", raised, ...) when no meeting is held or planned (a cancelled one
  does not count), dated from the earliest concern raised (else the day it opened);
- ("called", raised, meeting, type, ..., when) instead, when the first meeting is
  planned and not yet held: the digest says it is called, not that there is none;
- ("unrecorded", day, meeting, type, chair..., when) for each planned meeting,
  dated by its time: once that has passed it should have minutes;
- ("feedback", due, meeting, ...) for a held meeting whose `minutes.feedback.due`
  is recorded and `given_on` is not; ("feedback-held", held on, meeting, ...) when
  no due date is recorded (`digest.items.compute` applies it to the meeting types
  that owe the adult feedback, the same ones EMP003 checks);
- ("episode", day, ..., kind) for each event in adult.yaml after the day of the
  case's latest meeting held or planned (`compute` counts them within a window).

All candidates are independent of the date and of the book's settings (they are
cached); `compute` applies both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from safecli import shape
from safecli.digest.values import (
    Shown,
    day_of,
    held_day,
    lead_agency_of,
    meeting_id_of,
    meeting_type_of,
    meeting_when_of,
    person_of,
    when_day,
)
from safecli.raw import mapping, records

if TYPE_CHECKING:
    from safecli.digest.facts import Candidate

_event_kind = Shown(shape.EVENT, "kind")


def nudge_candidates(adult: dict[str, Any], known: list[dict[str, Any]]) -> list[Candidate]:
    """The candidates above, for an open case whose meetings (with ids) are `known`."""
    agency, lead = person_of(adult.get("coordinator"))
    owner = agency or lead_agency_of(adult)
    held = [m for m in known if m.get("status") == "held"]
    planned = [m for m in known if m.get("status") == "planned"]
    result: list[Candidate] = []
    concerns = adult.get("concerns")
    start = _start(adult)
    if isinstance(concerns, list) and concerns and start is not None and not held:
        dated = sorted(
            (m for m in planned if when_day(m.get("when")) is not None),
            key=lambda m: str(m.get("when")),
        )
        if dated:
            first = dated[0]
            called, kind = meeting_id_of(first), meeting_type_of(first)
            when = meeting_when_of(first)
            result.append(("called", start, called, kind, None, owner, lead, None, when))
        else:
            result.append(("no-meeting", start, None, None, None, owner, lead, None, None))
    for meeting in planned:
        on = when_day(meeting.get("when"))
        if on is None:
            continue
        chair_agency, chair = person_of(meeting.get("chair"))
        result.append(
            (
                "unrecorded",
                on,
                meeting_id_of(meeting),
                meeting_type_of(meeting),
                None,
                chair_agency or owner,
                chair if chair_agency else lead,
                None,
                meeting_when_of(meeting),
            )
        )
    result.extend(_feedback(held, owner, lead))
    result.extend(_episodes(adult, [*held, *planned], owner, lead))
    return result


def _start(adult: dict[str, Any]) -> int | None:
    """The day the earliest concern was raised, else the day the case opened."""
    raised = [d for c in records(adult.get("concerns")) if (d := day_of(c.get("raised_on")))]
    return min(raised) if raised else day_of(adult.get("opened"))


def _feedback(held: list[dict[str, Any]], owner: str | None, lead: str | None) -> list[Candidate]:
    result: list[Candidate] = []
    for meeting in held:
        feedback = mapping(mapping(meeting.get("minutes")).get("feedback"))
        on = held_day(meeting)
        if feedback.get("given_on") is not None or on is None:
            continue
        by_agency, by = person_of(feedback.get("by"))
        if by_agency is None:
            by_agency, by = person_of(meeting.get("chair"))
        due = day_of(feedback.get("due"))
        result.append(
            (
                "feedback" if due is not None else "feedback-held",
                due if due is not None else on,
                meeting_id_of(meeting),
                meeting_type_of(meeting),
                None,
                by_agency or owner,
                by if by_agency else lead,
                None,
                None,
            )
        )
    return result


def _episodes(
    adult: dict[str, Any], meetings: list[dict[str, Any]], owner: str | None, lead: str | None
) -> list[Candidate]:
    days = [held_day(m) if m.get("status") == "held" else when_day(m.get("when")) for m in meetings]
    latest = max((d for d in days if d is not None), default=None)
    result: list[Candidate] = []
    for event in records(adult.get("events")):
        on = day_of(event.get("happened_on"))
        kind = _event_kind(event.get("kind"))
        if on is None or kind is None or (latest is not None and on <= latest):
            continue
        result.append(("episode", on, None, None, None, owner, lead, None, kind))
    return result
