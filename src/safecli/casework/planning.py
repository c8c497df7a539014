"""Changing the plan of a meeting not yet held: time, place, link, mode, purpose, chair, agenda.

A held meeting's plan is part of what happened (its minutes are recorded against it),
so only a planned meeting changes here. Once its invitations went out, a change a
calendar shows (time, place, link, mode) raises its calendar sequence, like
`meeting reschedule`, so the invitation rendered again updates the calendar entry.
A meeting about several adults is changed where it was called; each other adult's
part follows (its time), all cases written together. What is that adult's own
(whether her interpreter is arranged) is changed on her part, in her case. Whether the changed meeting
still meets the standards is the rulebook's to say as the cases are saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from safecli import shape
from safecli.casework.people import resolve
from safecli.casework.schedule import CALENDAR_KEYS, raise_sequence
from safecli.casework.shared import edit_meeting, not_a_part
from safecli.dates import format_when
from safecli.errors import InvalidInput
from safecli.model import MEETING_MODES, Person, check_choice
from safecli.raw import day, items, mapping
from safecli.store import roundtrip
from safecli.store.book import Book, Case


@dataclass(frozen=True)
class PlanChange:
    """What `meeting update` changes; None (or empty) leaves a value as it is.

    `agenda` replaces the whole agenda; `agenda_remove` takes lines off (a 1-based
    line number or the line's exact text), then `agenda_add` adds lines at the end.
    """

    when: datetime | None = None
    where: str | None = None
    link: str | None = None
    mode: str | None = None
    purpose: str | None = None
    chair: Person | None = None
    agenda: tuple[str, ...] | None = None
    agenda_add: tuple[str, ...] = ()
    agenda_remove: tuple[str, ...] = ()
    interpreter_arranged: bool | None = None

    def is_empty(self) -> bool:
        """Whether nothing is asked to change."""
        return self == PlanChange()

    def is_the_adults(self) -> bool:
        """Whether only what is the adult's own is asked to change (whether her interpreter
        is arranged): that may change on her part of a meeting about several adults."""
        arranged = self.interpreter_arranged
        return arranged is not None and self == PlanChange(interpreter_arranged=arranged)


@dataclass(frozen=True)
class Updated:
    """A meeting whose plan changed: the case, the keys changed, and whether calendars
    that hold it need the update sent (its invitations went out)."""

    case: Case
    changed: tuple[str, ...]
    resend: bool
    also_written: tuple[Path, ...] = ()


def planned_meeting(case: Case, meeting_id: str, *, part: bool = False) -> Any:
    """The planned meeting with this id; InvalidInput saying why any other cannot change.
    With `part`, this case's part of a meeting about several adults is one too."""
    meeting = case.find("meetings", meeting_id)
    if not part:
        not_a_part(case, meeting)
    status = meeting.get("status")
    if status == "held" or meeting.get("minutes") is not None:
        held = day(mapping(meeting.get("minutes")).get("held_on"))
        on = f" on {held.isoformat()}" if held else ""
        raise InvalidInput(
            f"{meeting_id} was held{on} and its minutes are recorded; the plan of a held "
            "meeting cannot change (correct the minutes with: "
            f"safecli edit {case.case_id} meetings)"
        )
    if status != "planned":
        raise InvalidInput(f"{meeting_id} is {status}; only a planned meeting can be updated")
    return meeting


def update_plan(book: Book, case_id: str, meeting_id: str, change: PlanChange) -> Updated:
    """Change a planned meeting's plan; a sent meeting whose calendar details change gets
    a higher calendar sequence."""
    if change.is_empty():
        raise InvalidInput(
            "give what changes: --when, --where, --link, --mode, --purpose, --chair, "
            "--agenda, --agenda-add, --agenda-remove or --interpreter-arranged"
        )
    if change.mode is not None:
        check_choice(change.mode, MEETING_MODES, "mode")
    if change.purpose is not None and not change.purpose.strip():
        raise InvalidInput("purpose: say what the meeting is for (it cannot be empty)")
    with edit_meeting(book, case_id, meeting_id) as (case, others):
        meeting = planned_meeting(case, meeting_id, part=change.is_the_adults())
        values: dict[str, Any] = {
            "when": format_when(change.when) if change.when else None,
            "where": change.where,
            "link": change.link,
            "mode": change.mode,
            "purpose": change.purpose,
        }
        given = {key: value for key, value in values.items() if value is not None}
        if change.chair is not None:
            resolve(case, change.chair)
            if Person.from_raw(meeting.get("chair")) != change.chair:
                given["chair"] = roundtrip.person(change.chair.agency, change.chair.name)
        changed = [key for key, value in given.items() if str(meeting.get(key)) != str(value)]
        for key in changed:
            roundtrip.put(meeting, shape.MEETING.keys, key, given[key])
        if _change_agenda(meeting, change):
            changed.append("agenda")
        if _change_interpreter(meeting, change.interpreter_arranged):
            changed.append("interpreter_arranged")
        calendar = [key for key in changed if key in CALENDAR_KEYS]
        if calendar:
            raise_sequence(meeting)
    also = tuple(path for other in others.values() for path in other.written)
    sent = bool(calendar) and meeting.get("invited_on") is not None
    return Updated(case, tuple(changed), sent, also)


def _change_interpreter(meeting: Any, arranged: bool | None) -> bool:
    """Record whether the adult's interpreter is arranged; whether that changed it."""
    adult = meeting.get("adult")
    if (
        arranged is None
        or not isinstance(adult, dict)
        or adult.get("interpreter_arranged") is arranged
    ):
        return False
    roundtrip.put(adult, shape.MEETING_ADULT.keys, "interpreter_arranged", arranged)
    return True


def _change_agenda(meeting: Any, change: PlanChange) -> bool:
    """Apply the agenda changes; whether the agenda is now different."""
    if change.agenda is None and not change.agenda_add and not change.agenda_remove:
        return False
    current = meeting.get("agenda")
    before = list(items(current))
    lines: list[Any] = list(change.agenda) if change.agenda is not None else list(before)
    # Numbers count the agenda as it was, however many lines go.
    for index in sorted(
        {_line_index(lines, wanted) for wanted in change.agenda_remove}, reverse=True
    ):
        del lines[index]
    lines.extend(change.agenda_add)
    for line in lines:
        if isinstance(line, str) and not line.strip():
            raise InvalidInput("agenda: an agenda line cannot be empty")
    if lines == before:
        return False
    if isinstance(current, list):
        # Keep the list itself (and the comments on the lines kept): replace its items.
        current[:] = lines
    else:
        roundtrip.put(meeting, shape.MEETING.keys, "agenda", lines)
    return True


def _line_index(lines: Sequence[Any], wanted: str) -> int:
    """Where an agenda line is: its 1-based number, or its exact text."""
    if wanted.isdigit() and 1 <= int(wanted) <= len(lines):
        return int(wanted) - 1
    for index, line in enumerate(lines):
        if isinstance(line, str) and line.strip() == wanted.strip():
            return index
    raise InvalidInput(
        f"agenda: no agenda line matches to remove; give its number (1 to {len(lines)}) "
        "or its exact text"
        if lines
        else "agenda: the agenda is empty; there is no line to remove"
    )
