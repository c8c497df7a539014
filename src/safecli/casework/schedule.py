"""A meeting's calendar bookkeeping: its SEQUENCE, rescheduling, and invitees taken off.

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
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from safecli import raw, shape
from safecli.casework.people import resolve
from safecli.casework.shared import convened_in, edit_meeting
from safecli.dates import format_when
from safecli.errors import InvalidInput
from safecli.model import MEETING_MODES, Person, check_choice
from safecli.store import roundtrip
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
    if is_sent(meeting):
        roundtrip.put(meeting, shape.MEETING.keys, "sequence", sequence_of(meeting) + 1)


@dataclass(frozen=True)
class Reschedule:
    """What `meeting reschedule` changes; None leaves a value as it is."""

    when: datetime | None = None
    where: str | None = None
    link: str | None = None
    mode: str | None = None


def _planned(case: Case, meeting_id: str, doing: str) -> Any:
    meeting = case.find("meetings", meeting_id)
    ref = convened_in(meeting)
    if ref is not None:
        raise InvalidInput(
            f"{meeting_id} of {case.case_id} is its part of {ref[0]}'s {ref[1]} (a "
            f"meeting about several adults): change the meeting there, in {ref[0]} {ref[1]}"
        )
    status = meeting.get("status")
    if status != "planned":
        raise InvalidInput(f"{meeting_id} is {status}; only a planned meeting can {doing}")
    return meeting


def reschedule(book: Book, case_id: str, meeting_id: str, change: Reschedule) -> Case:
    """Move a planned meeting in time or place; a sent one gets a higher SEQUENCE."""
    if change.mode is not None:
        check_choice(change.mode, MEETING_MODES, "mode")
    values = {
        "when": format_when(change.when) if change.when else None,
        "where": change.where,
        "link": change.link,
        "mode": change.mode,
    }
    given = {key: value for key, value in values.items() if value is not None}
    if not given:
        raise InvalidInput("give what changes: --when, --where, --link or --mode")
    with edit_meeting(book, case_id, meeting_id) as (case, others):
        meeting = _planned(case, meeting_id, "be rescheduled")
        changed = {key for key, value in given.items() if str(meeting.get(key)) != value}
        for key in changed:
            roundtrip.put(meeting, shape.MEETING.keys, key, given[key])
        if changed:
            raise_sequence(meeting)
    # A meeting about several adults moves in each adult's case too: report those files.
    case.written.extend(path for other in others.values() for path in other.written)
    return case


def uninvite(
    book: Book, case_id: str, meeting_id: str, person: Person, reason: str, *, on: date
) -> tuple[Case, bool]:
    """Take an invitee off a planned meeting: (case, whether they are owed a cancellation)."""
    if not reason.strip():
        raise InvalidInput("give the reason they no longer need to be there")
    with edit_case(book, case_id) as case:
        meeting = _planned(case, meeting_id, "lose invitees")
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
