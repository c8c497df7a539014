"""The dated facts of one case, file by file, as chronology entries (without the case id).

Each entry's event and action are catalogue phrases with their values
(`chronology_words.Said`), written out in the chronology's languages: adult.yaml's in
`chronology_adult`, a meeting's in `chronology_meetings`, an action's in
`chronology_actions` (each entry a `chronology_facts.Fact`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from safecli import raw
from safecli.casework.adult_reader import read_adult
from safecli.casework.minutes_reader import read_minutes
from safecli.model import Person
from safecli.reports.chronology_actions import action_events
from safecli.reports.chronology_adult import adult_events, closure_events
from safecli.reports.chronology_facts import Fact
from safecli.reports.chronology_meetings import meeting_events


def case_events(case_id: str, docs: Mapping[str, Any]) -> Iterator[Fact]:
    """Every dated fact of a case's four files."""
    adult = read_adult(docs.get("adult"), Person.from_raw)
    lead = adult.lead_agency or ""
    yield from adult_events(adult)
    held: dict[str, Any] = {}
    for meeting in raw.records(docs.get("meetings")):
        minutes = read_minutes(meeting.get("minutes"), Person.from_raw)
        if meeting.get("status") == "held" and minutes is not None:
            held[str(meeting.get("id"))] = minutes.held_on
        yield from meeting_events(meeting, minutes, lead)
    for action in raw.records(docs.get("actions")):
        yield from action_events(action, held)
    yield from closure_events(adult)
