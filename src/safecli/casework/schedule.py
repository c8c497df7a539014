"""A meeting's calendar bookkeeping: its SEQUENCE, which meeting may still change, and
invitees taken off.

Calendar clients keep the entry an invitation created, matched by its UID, and
accept an update or a cancellation only when its SEQUENCE is higher than the
last one they saw (RFC 5546). So once a meeting's invitations went out
(`invited_on` is set), every change a calendar shows (time, place, link, mode)
and every cancellation raises the meeting's `sequence`; before that, nothing
was sent and it stays as it is. An invitee taken off a sent meeting is kept
under `uninvited`, so a cancellation can be rendered for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from safecli import raw, shape
from safecli.casework.people import resolve
from safecli.casework.shared import not_a_part
from safecli.errors import InvalidInput
from safecli.model import Person
from safecli.store.book import Book, Case, edit_case

# What a calendar entry shows of a meeting: a change to any of them is an update.
CALENDAR_KEYS = ("when", "where", "link", "mode")


def is_sent(meeting: Mapping[str, Any]) -> bool:
    """Whether the meeting's invitations went out (so calendars hold it)."""
    return meeting.get("invited_on") is not None


def sequence_of(meeting: Mapping[str, Any]) -> int:
    """The meeting's calendar SEQUENCE (0 until it is first raised)."""
    value = meeting.get("sequence")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def raise_sequence(meeting: Any) -> None:
    """Raise the SEQUENCE of a sent meeting; a meeting not sent yet keeps its own."""
    from safecli.store import roundtrip

    if is_sent(meeting):
        roundtrip.put(meeting, shape.MEETING.keys, "sequence", sequence_of(meeting) + 1)


def planned(case: Case, meeting_id: str, doing: str) -> Any:
    """The planned meeting with this id; InvalidInput for a part of a meeting about
    several adults (changed where it was called) or a meeting no longer planned."""
    meeting = case.find("meetings", meeting_id)
    not_a_part(case, meeting)
    status = meeting.get("status")
    if status != "planned":
        raise InvalidInput(f"{meeting_id} is {status}; only a planned meeting can {doing}")
    return meeting


def uninvite(
    book: Book, case_id: str, meeting_id: str, person: Person, reason: str, *, on: date
) -> tuple[Case, bool]:
    """Take an invitee off a planned meeting: (case, whether they are owed a cancellation)."""
    from safecli.store import roundtrip

    if not reason.strip():
        raise InvalidInput("give the reason they no longer need to be there")
    with edit_case(book, case_id) as case:
        meeting = planned(case, meeting_id, "lose invitees")
        resolve(case, person)
        invitees = raw.items(meeting.get("invitees"))
        found = [
            n
            for n, entry in enumerate(invitees)
            if isinstance(entry, Mapping) and Person.from_raw(entry.get("person")) == person
        ]
        if not found:
            raise InvalidInput(f"{person} is not invited to {meeting_id}")
        del invitees[found[0]]
        sent = is_sent(meeting)
        if sent:
            if meeting.get("uninvited") is None:
                roundtrip.put(meeting, shape.MEETING.keys, "uninvited", [])
            roundtrip.append(
                meeting["uninvited"],
                roundtrip.record(
                    shape.UNINVITED.keys,
                    {
                        "person": roundtrip.person(person.agency, person.name),
                        "reason": reason.strip(),
                        "on": on,
                    },
                ),
            )
            raise_sequence(meeting)
    return case, sent


def note_calendar_changes(before: Any, after: Any) -> list[str]:
    """Raise the SEQUENCE of each sent meeting whose calendar details changed in an edit
    (unless the edit raised it already); the ids of the meetings raised."""
    from safecli.store import roundtrip

    old = {str(m.get("id")): m for m in before or [] if isinstance(m, Mapping) and m.get("id")}
    raised: list[str] = []
    for meeting in after or []:
        if not isinstance(meeting, Mapping) or str(meeting.get("id")) not in old:
            continue
        was = old[str(meeting.get("id"))]
        if not is_sent(was) or sequence_of(meeting) > sequence_of(was):
            continue
        moved = any(str(was.get(k)) != str(meeting.get(k)) for k in CALENDAR_KEYS)
        cancelled = meeting.get("status") == "cancelled" != was.get("status")
        if moved or cancelled:
            roundtrip.put(meeting, shape.MEETING.keys, "sequence", sequence_of(was) + 1)
            raised.append(str(meeting.get("id")))
    return raised
