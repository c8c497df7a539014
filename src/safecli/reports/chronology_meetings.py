"""The chronology entries of one meeting: called, cancelled, held, and what its minutes
record (decisions, disagreements, capacity, referral, sharing, feedback to the adult)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from safecli import raw, shape
from safecli.casework.minutes_parts import Minutes
from safecli.model import Person
from safecli.render.i18n import N_
from safecli.reports.chronology_facts import REASON, RECORDED, Fact, agency, fact, shown, who
from safecli.reports.chronology_words import NONE, Said, capacity_outcome, label, say
from safecli.shape import MEETING


def meeting_events(
    meeting: Mapping[str, Any], minutes: Minutes[Person] | None, lead: str
) -> Iterator[Fact]:
    """A meeting's entries; those of its minutes only once it is held."""
    mid = str(shown(meeting, MEETING, "id"))
    kind = label(shown(meeting, MEETING, "type") or "", {"": N_("meeting")})
    where, chair = who(meeting.get("chair"), lead)
    yield from _called(meeting, mid, kind, where, chair)
    if meeting.get("status") != "held" or minutes is None:
        return
    yield from _held(minutes, mid, kind, where, chair)
    yield from _recorded(minutes, mid, where)


def _called(
    meeting: Mapping[str, Any], mid: str, kind: Said, where: str, chair: Person | None
) -> Iterator[Fact]:
    invited = raw.day(meeting.get("invited_on"))
    if invited:
        planned = raw.time_day(meeting.get("when"))
        yield fact(
            invited,
            where,
            say(N_("%(meeting)s %(kind)s called for %(day)s"), meeting=mid, kind=kind, day=planned)
            if planned
            else say(N_("%(meeting)s %(kind)s called"), meeting=mid, kind=kind),
            say(
                N_("%(count)s invitation(s) sent"), count=len(raw.records(meeting.get("invitees")))
            ),
            chair,
            raw.text(meeting.get("purpose")),
        )
    if meeting.get("status") == "cancelled":
        planned = raw.time_day(meeting.get("when"))
        if planned:
            yield fact(
                planned,
                where,
                say(
                    N_("%(meeting)s %(kind)s planned for this day: cancelled"),
                    meeting=mid,
                    kind=kind,
                ),
                REASON if raw.text(meeting.get("cancel_reason")) else NONE,
                chair,
                raw.text(meeting.get("cancel_reason")),
            )


def _held(
    minutes: Minutes[Person], mid: str, kind: Said, where: str, chair: Person | None
) -> Iterator[Fact]:
    held = minutes.held_on
    attendees = {agency(p.agency) for p in minutes.attendees}
    review = minutes.review
    follow = (
        say(N_("review on %(day)s"), day=review.date)
        if review.date
        else say(N_("no review needed"))
        if review.not_required
        else say(N_("no review date set"))
    )
    yield fact(
        held,
        where,
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
        yield fact(
            held,
            where,
            say(N_("%(meeting)s decision %(number)s"), meeting=mid, number=number),
            RECORDED,
            detail=decision,
        )
    for item in minutes.disagreements:
        by_agency, by = who(item.raised_by, where)
        escalated = say(N_("escalated") if item.escalated else N_("not escalated"))
        yield fact(
            held,
            by_agency,
            say(N_("%(meeting)s disagreement recorded"), meeting=mid),
            escalated,
            by,
            item.about,
        )


def _recorded(minutes: Minutes[Person], mid: str, where: str) -> Iterator[Fact]:
    capacity = minutes.capacity
    if capacity is not None and capacity.assessed_on:
        by_agency, by = who(capacity.assessed_by, where)
        outcome = raw.text(shape.shown(capacity.outcome, shape.MINUTES_CAPACITY, "outcome"))
        yield fact(
            capacity.assessed_on,
            by_agency,
            say(N_("%(meeting)s mental capacity assessed"), meeting=mid),
            capacity_outcome(outcome),
            by,
            capacity.decision,
        )
    referral = minutes.others_at_risk.referral_made
    if referral:
        yield fact(
            referral,
            where,
            say(N_("%(meeting)s referral made for others at risk"), meeting=mid),
            say(N_("referral made")),
        )
    for share in minutes.shared:
        to = raw.text(shape.shown(share.agency, shape.SHARED, "agency")) or ""
        yield fact(
            share.shared_on,
            to,
            say(N_("%(meeting)s minutes shared"), meeting=mid),
            say(N_("minutes sent")),
        )
    feedback = minutes.feedback
    if feedback is not None and feedback.due:
        by_agency, by = who(feedback.by, where)
        yield fact(
            feedback.due,
            by_agency,
            say(N_("%(meeting)s feedback to the adult due"), meeting=mid),
            say(N_("feedback planned")),
            by,
            feedback.how,
        )
