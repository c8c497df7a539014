"""The minutes of a meeting about several adults: each adult, her part of the agenda, and
what was recorded for her in her own case (`safecli.casework.shared`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from safecli.casework.minutes_parts import Feedback, OthersAtRisk, Risk, Wishes
from safecli.casework.shared import part_in, subjects_of
from safecli.errors import SafecliError
from safecli.raw import items, mapping, text, texts
from safecli.render.context import adult_view
from safecli.render.records import minutes_of, risk_rows
from safecli.render.views import ActionRow, AgencyView, Directory, PersonView, action_row
from safecli.store.book import Book, Case, read_case


@dataclass(frozen=True)
class AdultPart:
    """One adult of a meeting about several: her case, how she is named (initials unless
    names are asked for), her part of the agenda, and what her own case recorded (`own`:
    the convening case's adult, whose record is the rest of the minutes): her
    invitation, views, risks, others at risk, the agency to engage her, feedback, and
    the actions of her case agreed at the meeting."""

    case_id: str
    label: str
    agenda: tuple[str, ...]
    own: bool
    wishes: Wishes
    risks: tuple[Risk, ...]
    feedback: Feedback[PersonView]
    invited: bool | None = None
    not_invited_reason: str | None = None
    others_at_risk: OthersAtRisk | None = None
    engage_lead: AgencyView | None = None
    actions: tuple[ActionRow, ...] = ()


def adult_parts(
    book: Book, case: Case, meeting: Mapping[str, Any], *, show_names: bool, today: date
) -> tuple[AdultPart, ...]:
    """Every adult a meeting is about, the convening case's first; () for a meeting
    about one adult. Actions are shown as they stood on `today`."""
    others = subjects_of(meeting, case.case_id)
    if not others:
        return ()
    found = [_part(case, meeting, meeting, show_names=show_names, today=today, own=True)]
    for other in others:
        try:
            theirs = read_case(book, other)
        except SafecliError:
            continue  # validate says why (INT003, INT010)
        part = mapping(part_in(theirs, case.case_id, str(meeting.get("id"))))
        found.append(_part(theirs, meeting, part, show_names=show_names, today=today))
    return tuple(found)


def _part(
    case: Case,
    meeting: Mapping[str, Any],
    entry: Mapping[str, Any],
    *,
    show_names: bool,
    today: date,
    own: bool = False,
) -> AdultPart:
    """An adult's part: `entry` is her case's meeting entry (the meeting itself for the
    convening case's adult)."""
    people = Directory.of(case)
    minutes = minutes_of(entry.get("minutes"), people, today)
    adult = mapping(entry.get("adult"))
    invited = adult.get("invited")
    return AdultPart(
        case_id=case.case_id,
        label=adult_view(case, people, show_names=show_names).label,
        agenda=agenda_of(meeting, case.case_id),
        own=own,
        wishes=(minutes.wishes if minutes else None) or Wishes(),
        risks=risk_rows(minutes.risks) if minutes else (),
        feedback=(minutes.feedback if minutes else None) or Feedback(),
        invited=invited if isinstance(invited, bool) else None,
        not_invited_reason=text(adult.get("not_invited_reason")),
        others_at_risk=minutes.others_at_risk if minutes else OthersAtRisk(),
        engage_lead=people.agency(minutes.engage_lead) if minutes else None,
        actions=tuple(
            action_row(a, people, today)
            for a in items(case.actions)
            if not own and mapping(a).get("meeting") == entry.get("id")
        ),
    )


@dataclass(frozen=True)
class Interpreter:
    """Another adult of the meeting who needs an interpreter (her adult.yaml), named as the
    minutes name her, and whether her part records one arranged (None: not recorded)."""

    case_id: str
    label: str
    language: str
    arranged: bool | None


def interpreters(
    book: Book, case: Case, meeting: Mapping[str, Any], *, show_names: bool
) -> tuple[Interpreter, ...]:
    """The other adults of a meeting about several who need an interpreter, in the order of
    its subjects; an adult her part records as not invited is left out."""
    found: list[Interpreter] = []
    for other in subjects_of(meeting, case.case_id):
        try:
            theirs = read_case(book, other)
        except SafecliError:
            continue  # validate says why (INT003, INT010)
        view = adult_view(theirs, Directory.of(theirs), show_names=show_names)
        adult = mapping(mapping(part_in(theirs, case.case_id, str(meeting.get("id")))).get("adult"))
        arranged = adult.get("interpreter_arranged")
        if view.communication.interpreter and adult.get("invited") is not False:
            found.append(
                Interpreter(
                    case_id=theirs.case_id,
                    label=view.label,
                    language=view.communication.interpreter,
                    arranged=arranged if isinstance(arranged, bool) else None,
                )
            )
    return tuple(found)


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
