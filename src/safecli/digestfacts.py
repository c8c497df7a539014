"""What the digest needs from a case, as small plain tuples (cheap to cache and compare).

The digest reads only ids, dates, statuses, the risk level, lead agencies and
people, meeting types and who was at or invited to a meeting. No adult's name,
address or free text is kept here: the cache stores exactly these tuples.

Dates are kept as proleptic ordinals (`date.toordinal()`), so the digest does
day arithmetic on plain integers; a missing or unreadable date is None (the
digest cannot date it; `safecli validate` reports it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

# (id, meeting id, lead agency, lead name, due, status)
ActionFacts = tuple[str, str | None, str | None, str | None, int | None, str | None]
# (id, type, status, held on, review date, chair agency, chair name,
#  agencies invited or attending, agencies the minutes were shared with)
MeetingFacts = tuple[str, str | None, str | None, int | None, int | None, str | None,
                     str | None, tuple[str, ...], tuple[str, ...]]
# (status, opened, risk level, lead agency, coordinator agency, coordinator name,
#  has a concern, the case's agencies, meetings, actions)
CaseFacts = tuple[str | None, int | None, str | None, str | None, str | None, str | None,
                  bool, tuple[str, ...], tuple[MeetingFacts, ...], tuple[ActionFacts, ...]]


def case_facts(adult: dict[str, Any], agencies: list[Any], meetings: list[Any],
               actions: list[Any]) -> CaseFacts:
    """The digest's facts of one case, from the plain data of its four files."""
    coordinator = _person(adult.get("coordinator"))
    return (
        _text(adult.get("status")),
        _day(adult.get("opened")),
        _text(adult.get("risk_level")),
        _text(adult.get("lead_agency")),
        coordinator[0],
        coordinator[1],
        bool(adult.get("concerns")) and isinstance(adult.get("concerns"), list),
        tuple(dict.fromkeys(str(a["handle"]) for a in agencies
                            if isinstance(a, dict) and a.get("handle") is not None)),
        tuple(_meeting(m) for m in meetings if isinstance(m, dict) and m.get("id") is not None),
        tuple(_action(a) for a in actions if isinstance(a, dict) and a.get("id") is not None),
    )


def _meeting(meeting: dict[str, Any]) -> MeetingFacts:
    minutes = meeting.get("minutes")
    minutes = minutes if isinstance(minutes, dict) else {}
    status = _text(meeting.get("status"))
    held = _day(minutes.get("held_on"))
    if held is None and status == "held":
        held = _when_day(meeting.get("when"))
    review = minutes.get("review")
    chair = _person(meeting.get("chair"))
    audience = [_person(p)[0] for p in _list(minutes.get("attendees"))]
    audience += [_person(i.get("person"))[0] for i in _list(meeting.get("invitees"))
                 if isinstance(i, dict)]
    shared = [_text(s.get("agency")) for s in _list(minutes.get("shared")) if isinstance(s, dict)]
    return (
        str(meeting["id"]),
        _text(meeting.get("type")),
        status,
        held,
        _day(review.get("date")) if isinstance(review, dict) else None,
        chair[0],
        chair[1],
        tuple(dict.fromkeys(a for a in audience if a)),
        tuple(dict.fromkeys(a for a in shared if a)),
    )


def _action(action: dict[str, Any]) -> ActionFacts:
    lead = _person(action.get("lead"))
    return (
        str(action["id"]),
        _text(action.get("meeting")),
        lead[0],
        lead[1],
        _day(action.get("due")),
        _text(action.get("status")),
    )


def _person(raw: Any) -> tuple[str | None, str | None]:
    if isinstance(raw, dict):
        return _text(raw.get("agency")), _text(raw.get("name"))
    return None, None


def _text(value: Any) -> str | None:
    return None if value is None or isinstance(value, (dict, list)) else str(value)


def _day(value: Any) -> int | None:
    return value.toordinal() if isinstance(value, date) else None


def _when_day(value: Any) -> int | None:
    """The date of a stored meeting time `YYYY-MM-DDTHH:MM` (a local date: no zone maths)."""
    if isinstance(value, date):
        return value.toordinal()
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
