"""The dated facts of one case, file by file, as chronology entries (without the case id).

Each entry's event and action are catalogue phrases with their values
(`chronology_words.Said`), written out in the chronology's languages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from safecli import raw, shape
from safecli.casework.minutes_parts import Minutes
from safecli.casework.minutes_reader import read_minutes
from safecli.model import Person
from safecli.render.i18n import N_
from safecli.reports.chronology_words import (
    NONE,
    Said,
    achieved,
    capacity_outcome,
    event_kind,
    label,
    lead_agency,
    say,
)
from safecli.shape import ACTION, ADULT, AGENCY, CAPACITY, CLOSURE, CONCERN, ENQUIRY, EVENT, MEETING

Fact = dict[str, Any]
RECORDED = say(N_("decision recorded"))
REASON = say(N_("reason recorded"))
BOTH = "%(told)s; %(risk)s"  # two phrases, each translated: not a phrase of its own


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
            say(N_("case closed")),
            _outcomes(closure),
            detail=raw.text(closure.get("reason")),
        )


def _outcomes(closure: Any) -> Said:
    """What the closure says of the adult's outcomes (Making Safeguarding Personal)."""
    reached = _shown(closure, CLOSURE, "outcomes_achieved")
    if reached:
        return achieved(reached)
    if closure.get("outcomes_asked") is False:
        return say(N_("adult not asked about outcomes"))
    if closure.get("outcomes_asked") is True and closure.get("outcomes_expressed") is False:
        return say(N_("adult expressed no desired outcomes"))
    return NONE


def _fact(
    day: Any,
    agency: str,
    event: Said,
    action: Said = NONE,
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
        yield _fact(opened, lead, say(N_("case opened")), lead_agency(lead))
    enquiry = raw.mapping(adult.get("enquiry"))
    decided = raw.day(enquiry.get("decided_on"))
    for concern in raw.records(adult.get("concerns")):
        raised = raw.day(concern.get("raised_on"))
        if raised:
            agency, person = _who(concern.get("raised_by"), "")
            response = (
                say(
                    N_("%(kind)s enquiry decided on %(day)s"),
                    kind=_shown(enquiry, ENQUIRY, "kind"),
                    day=decided,
                )
                if decided and decided >= raised and enquiry.get("kind") not in (None, "none")
                else NONE
            )
            kind = _shown(concern, CONCERN, "type")
            yield _fact(
                raised,
                agency,
                say(N_("concern raised: %(type)s"), type=label(kind, {}))
                if kind
                else say(N_("concern raised: type not recorded")),
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
                say(N_("mental capacity assessed")),
                capacity_outcome(outcome),
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
                event_kind(_shown(event, EVENT, "kind")),
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
            say(N_("the adult asked what outcomes they want")),
            say(N_("%(count)s desired outcome(s) recorded"), count=count) if count else NONE,
            detail="; ".join(raw.texts(wishes.get("outcomes"))) or None,
        )
    others = raw.mapping(adult.get("others_at_risk"))
    referral = raw.day(others.get("referral_made"))
    if referral:
        yield _fact(
            referral, lead, say(N_("referral made for others at risk")), say(N_("referral made"))
        )
    died = raw.day(raw.mapping(adult.get("demographics")).get("died_on"))
    if died:
        yield _fact(died, lead, say(N_("the adult died")))


def _enquiry(enquiry: Mapping[str, Any], lead: str) -> Iterator[Fact]:
    kind = _shown(enquiry, ENQUIRY, "kind")
    if not kind:
        return
    name = say(N_("no enquiry")) if kind == "none" else say(N_("%(kind)s enquiry"), kind=kind)
    decided = raw.day(enquiry.get("decided_on"))
    if decided:
        yield _fact(decided, lead, say(N_("decision: %(name)s"), name=name), RECORDED)
    started = raw.day(enquiry.get("started_on"))
    if started:
        yield _fact(started, lead, say(N_("%(name)s started"), name=name), lead_agency(lead))
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
            say(N_("%(name)s concluded"), name=name),
            say(N_("result: %(results)s"), results=", ".join(results)) if results else NONE,
        )


def _meeting(
    meeting: Mapping[str, Any], minutes: Minutes[Person] | None, lead: str
) -> Iterator[Fact]:
    mid = str(_shown(meeting, MEETING, "id"))
    kind = label(_shown(meeting, MEETING, "type") or "", {"": N_("meeting")})
    agency, chair = _who(meeting.get("chair"), lead)
    invited = raw.day(meeting.get("invited_on"))
    invitees = raw.records(meeting.get("invitees"))
    if invited:
        planned = raw.time_day(meeting.get("when"))
        yield _fact(
            invited,
            agency,
            say(N_("%(meeting)s %(kind)s called for %(day)s"), meeting=mid, kind=kind, day=planned)
            if planned
            else say(N_("%(meeting)s %(kind)s called"), meeting=mid, kind=kind),
            say(N_("%(count)s invitation(s) sent"), count=len(invitees)),
            chair,
            raw.text(meeting.get("purpose")),
        )
    if meeting.get("status") == "cancelled":
        planned = raw.time_day(meeting.get("when"))
        if planned:
            yield _fact(
                planned,
                agency,
                say(
                    N_("%(meeting)s %(kind)s planned for this day: cancelled"),
                    meeting=mid,
                    kind=kind,
                ),
                REASON if raw.text(meeting.get("cancel_reason")) else NONE,
                chair,
                raw.text(meeting.get("cancel_reason")),
            )
    if meeting.get("status") != "held" or minutes is None:
        return
    held = minutes.held_on
    attendees = {_agency(p.agency) for p in minutes.attendees}
    review = minutes.review
    follow = (
        say(N_("review on %(day)s"), day=review.date)
        if review.date
        else say(N_("no review needed"))
        if review.not_required
        else say(N_("no review date set"))
    )
    yield _fact(
        held,
        agency,
        say(
            N_("%(meeting)s %(kind)s held (%(agencies)s)"),
            meeting=mid,
            kind=kind,
            agencies=", ".join(sorted(attendees)),
        )
        if attendees
        else say(N_("%(meeting)s %(kind)s held (attendance not recorded)"), meeting=mid, kind=kind),
        follow,
        chair,
        minutes.wishes.views if minutes.wishes else None,
    )
    for number, decision in enumerate(minutes.decisions, start=1):
        yield _fact(
            held,
            agency,
            say(N_("%(meeting)s decision %(number)s"), meeting=mid, number=number),
            RECORDED,
            detail=decision,
        )
    for item in minutes.disagreements:
        who_agency, who = _who(item.raised_by, agency)
        escalated = say(N_("escalated") if item.escalated else N_("not escalated"))
        yield _fact(
            held,
            who_agency,
            say(N_("%(meeting)s disagreement recorded"), meeting=mid),
            escalated,
            who,
            item.about,
        )
    capacity = minutes.capacity
    if capacity is not None and capacity.assessed_on:
        who_agency, who = _who(capacity.assessed_by, agency)
        outcome = raw.text(shape.shown(capacity.outcome, shape.MINUTES_CAPACITY, "outcome"))
        yield _fact(
            capacity.assessed_on,
            who_agency,
            say(N_("%(meeting)s mental capacity assessed"), meeting=mid),
            capacity_outcome(outcome),
            who,
            capacity.decision,
        )
    referral = minutes.others_at_risk.referral_made
    if referral:
        yield _fact(
            referral,
            agency,
            say(N_("%(meeting)s referral made for others at risk"), meeting=mid),
            say(N_("referral made")),
        )
    for share in minutes.shared:
        to = raw.text(shape.shown(share.agency, shape.SHARED, "agency")) or ""
        yield _fact(
            share.shared_on,
            to,
            say(N_("%(meeting)s minutes shared"), meeting=mid),
            say(N_("minutes sent")),
        )
    feedback = minutes.feedback
    if feedback is not None and feedback.due:
        by_agency, by = _who(feedback.by, agency)
        yield _fact(
            feedback.due,
            by_agency,
            say(N_("%(meeting)s feedback to the adult due"), meeting=mid),
            say(N_("feedback planned")),
            by,
            feedback.how,
        )


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
            say(
                N_("%(action)s agreed at %(meeting)s, since cancelled")
                if cancelled
                else N_("%(action)s agreed at %(meeting)s"),
                action=aid,
                meeting=meeting,
            ),
            say(N_("due %(day)s"), day=due) if due else say(N_("no due date")),
            lead,
            raw.text(action.get("description")),
        )
    for move in raw.records(action.get("moves")):
        moved = raw.day(move.get("moved_on"))
        if moved:
            told = (
                N_("lead told")
                if move.get("lead_informed") is True
                else N_("lead not recorded as told")
            )
            risk = (
                N_("risk re-assessed")
                if move.get("risk_reassessed") is True
                else N_("risk not recorded as re-assessed")
            )
            yield _fact(
                moved,
                agency,
                say(
                    N_("%(action)s due date moved from %(old)s to %(new)s"),
                    action=aid,
                    old=raw.day(move.get("from")),
                    new=raw.day(move.get("to")),
                ),
                say(BOTH, told=say(told), risk=say(risk)),
                lead,
                raw.text(move.get("reason")),
            )
    cancelled_on = raw.day(action.get("cancelled_on"))
    if cancelled and cancelled_on:
        reason = raw.text(action.get("cancel_reason"))
        yield _fact(
            cancelled_on,
            agency,
            say(N_("%(action)s cancelled"), action=aid),
            REASON if reason else NONE,
            lead,
            reason,
        )
    done = raw.day(action.get("done_on"))
    if done:
        yield _fact(
            done,
            agency,
            say(N_("%(action)s done"), action=aid),
            say(N_("action completed")),
            lead,
            raw.text(action.get("note")),
        )
