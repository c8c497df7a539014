"""The minutes of a meeting about several adults: each adult, her part of the agenda, and
what was recorded for her in her own case (`safecli.casework.shared`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from safecli.casework.minutes_parts import Feedback, Risk, Wishes
from safecli.casework.shared import part_in, subjects_of
from safecli.errors import SafecliError
from safecli.raw import items, mapping, text, texts
from safecli.render.context import adult_view
from safecli.render.records import feedback, risk_rows, wishes
from safecli.render.views import Directory, PersonView
from safecli.store.book import Book, Case, read_case


@dataclass(frozen=True)
class AdultPart:
    """One adult of a meeting about several: her case, how she is named (initials unless
    names are asked for), her part of the agenda, and what her own case recorded (`own`:
    the convening case's adult, whose record is the rest of the minutes)."""

    case_id: str
    label: str
    agenda: tuple[str, ...]
    own: bool
    wishes: Wishes
    risks: tuple[Risk, ...]
    feedback: Feedback[PersonView]


def adult_parts(
    book: Book, case: Case, meeting: Mapping[str, Any], *, show_names: bool
) -> tuple[AdultPart, ...]:
    """Every adult a meeting is about, the convening case's first; () for a meeting
    about one adult."""
    others = subjects_of(meeting, case.case_id)
    if not others:
        return ()
    minutes = mapping(meeting.get("minutes"))
    found = [_part(case, meeting, minutes, show_names=show_names, own=True)]
    for other in others:
        try:
            theirs = read_case(book, other)
        except SafecliError:
            continue  # validate says why (INT003, INT010)
        part = part_in(theirs, case.case_id, str(meeting.get("id")))
        found.append(
            _part(theirs, meeting, mapping(mapping(part).get("minutes")), show_names=show_names)
        )
    return tuple(found)


def _part(
    case: Case,
    meeting: Mapping[str, Any],
    minutes: Mapping[str, Any],
    *,
    show_names: bool,
    own: bool = False,
) -> AdultPart:
    people = Directory.of(case)
    return AdultPart(
        case_id=case.case_id,
        label=adult_view(case, people, show_names=show_names).label,
        agenda=agenda_of(meeting, case.case_id),
        own=own,
        wishes=wishes(minutes.get("wishes")),
        risks=risk_rows(minutes.get("risks")),
        feedback=feedback(minutes.get("feedback"), people),
    )


def agenda_of(meeting: Mapping[str, Any], case_id: str) -> tuple[str, ...]:
    """The items of a meeting's agenda for one adult: her part `{adult, items}`, and
    items whose text names her case."""
    found: list[str] = []
    for item in items(meeting.get("agenda")):
        if isinstance(item, str) and case_id in item:
            found.append(item.replace(f"{case_id}:", "").strip() or item)
        elif mapping(item).get("adult") == case_id:
            found.extend(texts(mapping(item).get("items")))
    return tuple(t for t in (text(f) for f in found) if t)
