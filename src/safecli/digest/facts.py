"""What a case could put in the digest, whatever the date: small plain tuples, cheap to cache.

Each case gives a few *candidates*, each with the date it is measured from;
`digest.compute` keeps those that are due as of a given day. Working this out
once per change of a case (not once per run) is what keeps a warm digest of a
big book cheap, and it keeps the cache small: only ids, dates, statuses, the
risk level, lead agencies and people, meeting types and agency handles. No
adult's name, address or free text is kept here.

Candidates (kind, date, meeting, meeting type, action, agency, lead, missing):

- ("action", due, ...): every open action with a due date (in open or closed cases);
- ("review", review date, ...): the review date set at the case's latest held
  meeting (by date held, then file order); a meeting held later answers it;
- ("minutes", held on, ...): a held meeting whose minutes are not recorded as
  shared with every agency that attended or was invited, other than the chair's;
- ("no-meeting", raised, ...): an open case with a concern and no meeting held or planned
  (dated from the earliest concern raised, else the day the case opened);
- ("called", raised, meeting, ...): the same case with a meeting planned, not yet held;
- ("unrecorded", meeting day, meeting, ...): a planned meeting, dated by its time;
- ("feedback", due, meeting, ...) and ("feedback-held", held on, meeting, ...): feedback
  to the adult after a held meeting not recorded as given, with and without a due date;
- ("episode", day, ...): an event (its kind last) after the case's latest meeting;
- ("enquiry", started on, None, enquiry kind, ...): an enquiry started and not
  concluded (its timescale, in working days, is applied by `compute`);
- ("plan", held on, meeting, type, ...): open actions (a protection plan) whose
  latest held meeting is the plan's last review (its interval, likewise).

The case's own jurisdiction (adult.yaml, or None: the book's) comes last in the
facts: the statutory clocks depend on it.

Only open cases give the case-level candidates. The last element of each is a
short word the digest's note needs (an event's kind, a meeting's time), or None. Dates are proleptic ordinals
(`date.toordinal()`); a candidate whose date is missing or not a date is left
out (the digest cannot date it; `safecli validate` reports it). The date of a
held meeting is `minutes.held_on`, else the date part of `when`: stored local
dates, so no time-zone arithmetic is involved.
"""

from __future__ import annotations

from typing import Any

from safecli.digest.nudges import nudge_candidates
from safecli.digest.values import (
    Shown,
    agency_handle,
    agency_of,
    held_day,
    lead_agency_of,
    when_day,
)
from safecli.digest.values import day_of as _day
from safecli.digest.values import meeting_id_of as _id
from safecli.digest.values import meeting_type_of as _type
from safecli.digest.values import person_of as _person
from safecli.digest.values import text_of as _text
from safecli.raw import items, mapping, records
from safecli.shape import ACTION, ADULT

# (kind, date, meeting, meeting type, action, agency, lead, agencies still missing, extra)
Candidate = tuple[
    str,
    int,
    str | None,
    str | None,
    str | None,
    str | None,
    str | None,
    tuple[str, ...] | None,
    str | None,
]
# (risk level, agencies of the case, candidates, the case's own jurisdiction)
CaseFacts = tuple[str | None, tuple[str, ...], tuple[Candidate, ...], str | None]

__all__ = ["Candidate", "CaseFacts", "case_facts", "held_day", "when_day"]

_risk_level = Shown(ADULT, "risk_level")
_action_meeting = Shown(ACTION, "meeting")
_action_id = Shown(ACTION, "id")


def case_facts(
    adult: dict[str, Any], agencies: list[Any], meetings: list[Any], actions: list[Any]
) -> CaseFacts:
    """The digest's candidates of one case, from the plain data of its four files."""
    risk = _risk_level(adult.get("risk_level"))
    involved = tuple(
        dict.fromkeys(
            str(agency_handle(a["handle"]))
            for a in agencies
            if isinstance(a, dict) and a.get("handle") is not None
        )
    )
    known = [m for m in records(meetings) if m.get("id") is not None]
    types = {str(m["id"]): _type(m) for m in known}
    candidates: list[Candidate] = []
    for action in actions:
        if not isinstance(action, dict) or action.get("status") != "open":
            continue
        due = _day(action.get("due"))
        if due is None or action.get("id") is None:
            continue
        meeting = _text(action.get("meeting"))
        agency, lead = _person(action.get("lead"))
        candidates.append(
            (
                "action",
                due,
                _action_meeting(meeting),
                types.get(meeting) if meeting else None,
                _action_id(action["id"]),
                agency,
                lead,
                None,
                None,
            )
        )
    if adult.get("status") != "closed":
        candidates.extend(_meeting_candidates(adult, known))
        candidates.extend(nudge_candidates(adult, known))
        has_plan = any(a.get("status") == "open" for a in records(actions))
        candidates.extend(_clock_candidates(adult, known, has_plan))
    return risk, involved, tuple(candidates), _text(adult.get("jurisdiction"))


def _clock_candidates(
    adult: dict[str, Any], known: list[dict[str, Any]], has_open: bool
) -> list[Candidate]:
    """The statutory clocks of an open case: its enquiry, and its protection plan's review."""
    coordinator = _person(adult.get("coordinator"))
    owner = coordinator[0] or lead_agency_of(adult)
    result: list[Candidate] = []
    enquiry = mapping(adult.get("enquiry"))
    started = _day(enquiry.get("started_on"))
    kind = _text(enquiry.get("kind"))
    if kind in ("s42", "s126", "other") and started is not None and not enquiry.get("concluded_on"):
        result.append(("enquiry", started, None, kind, None, owner, coordinator[1], None, None))
    held = [(held_day(m), m) for m in known if m.get("status") == "held"]
    dated = [(on, m) for on, m in held if on is not None]
    if has_open and dated:
        on, latest = max(dated, key=lambda h: h[0])
        meeting, meeting_type = _id(latest), _type(latest)
        result.append(("plan", on, meeting, meeting_type, None, owner, coordinator[1], None, None))
    return result


def _meeting_candidates(adult: dict[str, Any], known: list[dict[str, Any]]) -> list[Candidate]:
    coordinator = _person(adult.get("coordinator"))
    owner = coordinator[0] or lead_agency_of(adult)
    held = [(held_day(m), index, m) for index, m in enumerate(known) if m.get("status") == "held"]
    result: list[Candidate] = []
    if held:
        latest = max(held, key=lambda h: (h[0] if h[0] is not None else -1, h[1]))[2]
        review = mapping(latest.get("minutes")).get("review")
        review_day = _day(mapping(review).get("date"))
        if review_day is not None:
            result.append(
                (
                    "review",
                    review_day,
                    _id(latest),
                    _type(latest),
                    None,
                    owner,
                    coordinator[1],
                    None,
                    None,
                )
            )
    for held_on, _, meeting in held:
        if held_on is None:
            continue
        minutes = mapping(meeting.get("minutes"))
        chair = _person(meeting.get("chair"))
        audience = {agency_of(p) for p in items(minutes.get("attendees"))}
        audience |= {agency_of(i.get("person")) for i in records(meeting.get("invitees"))}
        shared = {_text(s.get("agency")) for s in records(minutes.get("shared"))}
        missing = tuple(sorted(a for a in audience - shared - {chair[0]} if a))
        if missing:
            result.append(
                (
                    "minutes",
                    held_on,
                    _id(meeting),
                    _type(meeting),
                    None,
                    chair[0] or owner,
                    chair[1] if chair[0] else coordinator[1],
                    missing,
                    None,
                )
            )
    return result
