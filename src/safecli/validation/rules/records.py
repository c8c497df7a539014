"""Reading raw records safely: rules see data that may be of any shape.

Integrity rules report values of the wrong kind; every other rule reads through
`safecli.raw` and these case-shaped helpers, which treat a wrong kind as "not
recorded" instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from safecli.model import Person
from safecli.raw import items, mapping, time_day
from safecli.validation.rules.base import KINDS, CaseView
from safecli.validation.rules.shapecheck import Problem


def meeting_day(meeting: dict[str, Any]) -> date | None:
    """The date part of a meeting's `when`, when it is a real stored time."""
    return time_day(meeting.get("when"))


def person(value: Any) -> Person | None:
    """A stored `{agency, name}` as a Person, or None."""
    return Person.from_raw(value)


def people(value: Any) -> list[tuple[int, Person]]:
    """(index, person) for each well-formed person of a list."""
    found = []
    for index, item in enumerate(items(value)):
        who = Person.from_raw(item)
        if who is not None:
            found.append((index, who))
    return found


def meetings(view: CaseView) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, meeting) for every meeting that is not cancelled."""
    found = view.memo.get("meetings not cancelled")
    if found is None:
        found = view.memo["meetings not cancelled"] = [
            (index, meeting)
            for index, meeting in view.items("meetings")
            if meeting.get("status") != "cancelled"
        ]
    return iter(found)


def held(view: CaseView) -> Iterator[tuple[int, dict[str, Any], dict[str, Any]]]:
    """(index, meeting, minutes) for every held meeting."""
    found = view.memo.get("held meetings")
    if found is None:
        found = view.memo["held meetings"] = [
            (index, meeting, mapping(meeting.get("minutes")))
            for index, meeting in view.items("meetings")
            if meeting.get("status") == "held"
        ]
    return iter(found)


def is_part(meeting: dict[str, Any]) -> bool:
    """Whether a meeting entry is this case's part of a meeting recorded in another case
    (`convened_in`): what the meeting itself decides is checked there, not here."""
    return isinstance(meeting.get("convened_in"), dict)


def convened(view: CaseView) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, meeting) for every meeting recorded in this case that is not cancelled."""
    found = view.memo.get("convened meetings")
    if found is None:
        found = view.memo["convened meetings"] = [
            (index, meeting) for index, meeting in meetings(view) if not is_part(meeting)
        ]
    return iter(found)


def convened_held(view: CaseView) -> Iterator[tuple[int, dict[str, Any], dict[str, Any]]]:
    """(index, meeting, minutes) for every held meeting recorded in this case."""
    found = view.memo.get("convened held meetings")
    if found is None:
        found = view.memo["convened held meetings"] = [
            entry for entry in held(view) if not is_part(entry[1])
        ]
    return iter(found)


def agency_kinds(view: CaseView) -> dict[str, str]:
    """Agency handle → kind, for the agencies of the case."""
    return {str(a.get("handle")): str(a.get("kind")) for _, a in view.items("agencies")}


def shape_problems(view: CaseView, *problem_kinds: str) -> Iterator[tuple[str, Problem]]:
    """(file kind, problem) for the shape problems of these kinds, file by file."""
    for kind in KINDS:
        walk = view.walks.get(kind)
        for problem in walk.problems if walk else ():
            if problem.kind in problem_kinds:
                yield kind, problem
