"""The dated facts of one case, file by file, as chronology entries (without the case id)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from safecli import raw, shape
from safecli.casework.minutes_parts import Minutes
from safecli.casework.minutes_reader import read_minutes
from safecli.model import Person
from safecli.shape import ACTION, ADULT, AGENCY, CAPACITY, CLOSURE, CONCERN, ENQUIRY, EVENT, MEETING

Fact = dict[str, Any]
NONE = "none recorded"


def case_events(case_id: str, docs: Mapping[str, Any]) -> Iterator[Fact]:
    """Every dated fact of a case's four files."""
    adult = raw.mapping(docs.get("adult"))
    lead = _shown(adult, ADULT, "lead_agency") or ""
    yield from _adult(adult, lead)
    yield from _enquiry(raw.mapping(adult.get("enquiry")), lead)
    held: dict[str, Any] = {}
    for meeting in raw.records(docs.get("meetings")):
        minutes = read_minutes(meeting.get("minutes"), Person.from_raw)
        if meeting.get("status") == "held" and minutes is not None:
            held[str(meeting.get("id"))] = minutes.held_on
        yield from _meeting(meeting, minutes, lead)
    for action in raw.records(docs.get("actions")):
        yield from _action(action, held)
    closed = raw.day(adult.get("closed"))
    if closed:
        closure = raw.mapping(adult.get("closure"))
        yield _fact(
            closed,
            lead,
            "case closed",
            _outcomes(closure),
            detail=raw.text(closure.get("reason")),
        )


def _outcomes(closure: Any) -> str:
    """What the closure says of the adult's outcomes (Making Safeguarding Personal)."""
    achieved = _shown(closure, CLOSURE, "outcomes_achieved")
    if achieved:
        return f"outcomes achieved: {achieved}"
    if closure.get("outcomes_asked") is False:
        return "adult not asked about outcomes"
    if closure.get("outcomes_asked") is True and closure.get("outcomes_expressed") is False:
        return "adult expressed no desired outcomes"
    return NONE


def _fact(
    day: Any,
    agency: str,
    event: str,
    action: str = NONE,
    person: Person | None = None,
    detail: str | None = None,
) -> Fact:
    return {
        "day": day,
        "agency": agency,
        "event": event,
        "action": action,
        "person": person.name if person else None,
        "detail": detail,
    }


def _shown(stored: Mapping[str, Any], record: shape.Record, key: str) -> str | None:
    """An enumerated value as text the chronology may print (`shape.shown`: "invalid" for a
    hand-edited one); free text (summaries, reasons) is the chronology's detail column."""
    return raw.text(shape.shown(stored.get(key), record, key))


def _agency(handle: Any) -> str:
    return str(shape.shown(handle, AGENCY, "handle"))


def _who(value: Any, fallback: str) -> tuple[str, Person | None]:
    """A person (as stored, or read already) and her agency; else the fallback agency."""
    person = value if isinstance(value, Person) else Person.from_raw(value)
    return (_agency(person.agency), person) if person else (fallback, None)


def _adult(adult: Mapping[str, Any], lead: str) -> Iterator[Fact]:
    opened = raw.day(adult.get("opened"))
    if opened:
        yield _fact(opened, lead, "case opened", f"lead agency {lead}" if lead else NONE)
    enquiry = raw.mapping(adult.get("enquiry"))
    decided = raw.day(enquiry.get("decided_on"))
    for concern in raw.records(adult.get("concerns")):
        raised = raw.day(concern.get("raised_on"))
        if raised:
            agency, person = _who(concern.get("raised_by"), "")
            response = (
                f"{_shown(enquiry, ENQUIRY, 'kind')} enquiry decided on {decided}"
                if decided and decided >= raised and enquiry.get("kind") not in (None, "none")
                else NONE
            )
            yield _fact(
                raised,
                agency,
                f"concern raised: {_shown(concern, CONCERN, 'type') or 'type not recorded'}",
                response,
                person,
                raw.text(concern.get("summary")),
            )
    for assessment in raw.records(adult.get("capacity")):
        assessed = raw.day(assessment.get("assessed_on"))
        if assessed:
            agency, person = _who(assessment.get("by"), lead)
            outcome = _shown(assessment, CAPACITY, "outcome")
            yield _fact(
                assessed,
                agency,
                "mental capacity assessed",
                f"outcome: {outcome} capacity" if outcome else NONE,
                person,
                raw.text(assessment.get("decision")),
            )
    for event in raw.records(adult.get("events")):
        happened = raw.day(event.get("happened_on"))
        if happened:
            person = Person.from_raw(event.get("by"))
            yield _fact(
                happened,
                _shown(event, EVENT, "agency") or (_agency(person.agency) if person else ""),
                f"event: {_shown(event, EVENT, 'kind') or 'kind not recorded'}",
                NONE,
                person,
                raw.text(event.get("summary")),
            )
    wishes = raw.mapping(adult.get("wishes"))
    asked = raw.day(wishes.get("asked_on"))
    if asked:
        count = len(raw.texts(wishes.get("outcomes")))
        yield _fact(
            asked,
            lead,
            "the adult asked what outcomes they want",
            f"{count} desired outcome(s) recorded" if count else NONE,
            detail="; ".join(raw.texts(wishes.get("outcomes"))) or None,
        )
    others = raw.mapping(adult.get("others_at_risk"))
    referral = raw.day(others.get("referral_made"))
    if referral:
        yield _fact(referral, lead, "referral made for others at risk", "referral made")
    died = raw.day(raw.mapping(adult.get("demographics")).get("died_on"))
    if died:
        yield _fact(died, lead, "the adult died")


def _enquiry(enquiry: Mapping[str, Any], lead: str) -> Iterator[Fact]:
    kind = _shown(enquiry, ENQUIRY, "kind")
    if not kind:
        return
    name = "no enquiry" if kind == "none" else f"{kind} enquiry"
    decided = raw.day(enquiry.get("decided_on"))
    if decided:
        yield _fact(decided, lead, f"decision: {name}", "decision recorded")
    started = raw.day(enquiry.get("started_on"))
    if started:
        yield _fact(started, lead, f"{name} started", f"lead agency {lead}" if lead else NONE)
    concluded = raw.day(enquiry.get("concluded_on"))
    if concluded:
        results = sorted(
            {
                str(_shown(a, shape.ALLEGATION, "action"))
                for a in raw.records(enquiry.get("allegations"))
                if a.get("action")
            }
        )
        yield _fact(
            concluded,
            lead,
            f"{name} concluded",
            f"result: {', '.join(results)}" if results else NONE,
        )


def _meeting(
    meeting: Mapping[str, Any], minutes: Minutes[Person] | None, lead: str
) -> Iterator[Fact]:
    mid, kind = str(_shown(meeting, MEETING, "id")), _shown(meeting, MEETING, "type") or "meeting"
    agency, chair = _who(meeting.get("chair"), lead)
    invited = raw.day(meeting.get("invited_on"))
    invitees = raw.records(meeting.get("invitees"))
    if invited:
        planned = raw.time_day(meeting.get("when"))
        yield _fact(
            invited,
            agency,
            f"{mid} {kind} called" + (f" for {planned}" if planned else ""),
            f"{len(invitees)} invitation(s) sent",
            chair,
            raw.text(meeting.get("purpose")),
        )
    if meeting.get("status") == "cancelled":
        planned = raw.time_day(meeting.get("when"))
        if planned:
            yield _fact(
                planned,
                agency,
                f"{mid} {kind} planned for this day: cancelled",
                "reason recorded" if raw.text(meeting.get("cancel_reason")) else NONE,
                chair,
                raw.text(meeting.get("cancel_reason")),
            )
    if meeting.get("status") != "held" or minutes is None:
        return
    held = minutes.held_on
    attendees = {_agency(p.agency) for p in minutes.attendees}
    review = minutes.review
    follow = (
        f"review on {review.date}"
        if review.date
        else ("no review needed" if review.not_required else "no review date set")
    )
    yield _fact(
        held,
        agency,
        f"{mid} {kind} held ({', '.join(sorted(attendees)) or 'attendance not recorded'})",
        follow,
        chair,
        minutes.wishes.views if minutes.wishes else None,
    )
    for number, decision in enumerate(minutes.decisions, start=1):
        yield _fact(held, agency, f"{mid} decision {number}", "decision recorded", detail=decision)
    for item in minutes.disagreements:
        who_agency, who = _who(item.raised_by, agency)
        escalated = "escalated" if item.escalated else "not escalated"
        yield _fact(held, who_agency, f"{mid} disagreement recorded", escalated, who, item.about)
    capacity = minutes.capacity
    if capacity is not None and capacity.assessed_on:
        who_agency, who = _who(capacity.assessed_by, agency)
        outcome = raw.text(shape.shown(capacity.outcome, shape.MINUTES_CAPACITY, "outcome"))
        yield _fact(
            capacity.assessed_on,
            who_agency,
            f"{mid} mental capacity assessed",
            f"outcome: {outcome} capacity" if outcome else NONE,
            who,
            capacity.decision,
        )
    referral = minutes.others_at_risk.referral_made
    if referral:
        yield _fact(referral, agency, f"{mid} referral made for others at risk", "referral made")
    for share in minutes.shared:
        to = raw.text(shape.shown(share.agency, shape.SHARED, "agency")) or ""
        yield _fact(share.shared_on, to, f"{mid} minutes shared", "minutes sent")
    feedback = minutes.feedback
    if feedback is not None and feedback.due:
        by_agency, by = _who(feedback.by, agency)
        yield _fact(
            feedback.due, by_agency, f"{mid} feedback to the adult due", "feedback planned", by,
            feedback.how,
        )  # fmt: skip


def _action(action: Mapping[str, Any], held: Mapping[str, Any]) -> Iterator[Fact]:
    aid, meeting = str(_shown(action, ACTION, "id")), _shown(action, ACTION, "meeting")
    agency, lead = _who(action.get("lead"), "")
    due = raw.day(action.get("due"))
    agreed = held.get(meeting or "")
    cancelled = action.get("status") == "cancelled"
    if agreed:
        yield _fact(
            agreed,
            agency,
            f"{aid} agreed at {meeting}" + (", since cancelled" if cancelled else ""),
            f"due {due}" if due else "no due date",
            lead,
            raw.text(action.get("description")),
        )
    for move in raw.records(action.get("moves")):
        moved = raw.day(move.get("moved_on"))
        if moved:
            told = "lead told" if move.get("lead_informed") is True else "lead not recorded as told"
            risk = (
                "risk re-assessed"
                if move.get("risk_reassessed") is True
                else "risk not recorded as re-assessed"
            )
            yield _fact(
                moved,
                agency,
                f"{aid} due date moved from {raw.day(move.get('from'))} to {raw.day(move.get('to'))}",
                f"{told}; {risk}",
                lead,
                raw.text(move.get("reason")),
            )
    cancelled_on = raw.day(action.get("cancelled_on"))
    if cancelled and cancelled_on:
        reason = raw.text(action.get("cancel_reason"))
        yield _fact(
            cancelled_on,
            agency,
            f"{aid} cancelled",
            "reason recorded" if reason else NONE,
            lead,
            reason,
        )
    done = raw.day(action.get("done_on"))
    if done:
        yield _fact(
            done, agency, f"{aid} done", "action completed", lead, raw.text(action.get("note"))
        )
