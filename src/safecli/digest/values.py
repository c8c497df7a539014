"""Small readers of the plain data the digest's facts come from: days, people, short words."""

from __future__ import annotations

import sys
from typing import Any

from safecli import shape
from safecli.raw import day, mapping, time_day
from safecli.shape.kinds import Record

_intern = sys.intern


class Shown:
    """`shape.shown` of one field as interned text (`text_of`), each text value worked out
    once: the same handles, ids and types recur in every case of a book."""

    def __init__(self, record: Record, key: str) -> None:
        self.record = record
        self.key = key
        self.seen: dict[str, str | None] = {}

    def __call__(self, value: Any) -> str | None:
        if type(value) is not str:  # not memoised: 1 and True are equal keys
            return text_of(shape.shown(value, self.record, self.key))
        try:
            return self.seen[value]
        except KeyError:
            found = self.seen[value] = text_of(shape.shown(value, self.record, self.key))
            return found


agency_handle = Shown(shape.AGENCY, "handle")
_meeting_id = Shown(shape.MEETING, "id")
_meeting_type = Shown(shape.MEETING, "type")
_meeting_when = Shown(shape.MEETING, "when")
_lead_agency = Shown(shape.ADULT, "lead_agency")


def held_day(meeting: dict[str, Any]) -> int | None:
    """The day a held meeting was held: minutes.held_on, else the date part of `when`."""
    held = day(mapping(meeting.get("minutes")).get("held_on")) or time_day(meeting.get("when"))
    return held.toordinal() if held is not None else None


def when_day(value: Any) -> int | None:
    """The day of a stored meeting time `YYYY-MM-DDTHH:MM` (a local date: no zone maths)."""
    found = time_day(value)
    return found.toordinal() if found is not None else None


def day_of(value: Any) -> int | None:
    """A YAML date as a proleptic ordinal; None for anything else."""
    found = day(value)
    return found.toordinal() if found is not None else None


def person_of(raw: Any) -> tuple[str | None, str | None]:
    """(agency, name) of a stored person reference; (None, None) if it is not one. The
    agency is its handle, or "invalid" when it is not a well-formed one."""
    if isinstance(raw, dict):
        return agency_handle(raw.get("agency")), text_of(raw.get("name"))
    return None, None


def agency_of(raw: Any) -> str | None:
    """The agency of a stored person reference: `person_of(raw)[0]`."""
    return agency_handle(raw.get("agency")) if isinstance(raw, dict) else None


def text_of(value: Any) -> str | None:
    """A short value as text (interned: the cache then stores each word once)."""
    if type(value) is str:
        return _intern(value)
    return None if value is None or isinstance(value, (dict, list)) else _intern(str(value))


def meeting_id_of(meeting: dict[str, Any]) -> str | None:
    """A meeting's id as the digest prints it ("invalid" when not a meeting id)."""
    return _meeting_id(meeting.get("id"))


def meeting_type_of(meeting: dict[str, Any]) -> str | None:
    """A meeting's type as the digest prints it ("invalid" when not a well-formed type)."""
    return _meeting_type(meeting.get("type"))


def meeting_when_of(meeting: dict[str, Any]) -> str | None:
    """A meeting's time as the digest prints it ("invalid" when not a stored time)."""
    return _meeting_when(meeting.get("when"))


def lead_agency_of(adult: dict[str, Any]) -> str | None:
    """The case's lead agency handle as the digest prints it ("invalid" when not one)."""
    return _lead_agency(adult.get("lead_agency"))
