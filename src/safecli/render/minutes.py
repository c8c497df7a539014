"""The minutes of a held meeting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from safecli.casework.meetings import carried_forward
from safecli.casework.minutes_parts import (
    Capacity,
    Disagreement,
    Feedback,
    OthersAtRisk,
    Review,
    Risk,
    Wishes,
)
from safecli.casework.minutes_parts import Minutes as MinutesRecord
from safecli.casework.shared import convened_in
from safecli.errors import InvalidInput
from safecli.policy.pack import MeetingType, book_policy
from safecli.raw import items, mapping
from safecli.render.adults import AdultPart, adult_parts
from safecli.render.context import (
    AdultView,
    Document,
    MeetingView,
    adult_view,
    document,
    meeting_type,
    meeting_view,
)
from safecli.render.i18n import N_
from safecli.render.records import minutes_of, risk_rows
from safecli.render.views import ActionRow, AgencyView, Directory, PersonView, action_row
from safecli.store.book import Book, Case, read_case

TITLE = N_("Minutes: %(title)s")


@dataclass(frozen=True)
class Recipient:
    """Someone the minutes go to, whether they attended, and when their agency got them."""

    person: PersonView
    attended: bool
    note: str
    shared_on: date | None
    deputy: str | None = None


@dataclass(frozen=True)
class Minutes:
    """Everything the minutes show."""

    doc: Document
    adult: AdultView
    meeting: MeetingView
    meeting_type: MeetingType
    attendees: tuple[PersonView, ...]
    apologies: tuple[PersonView, ...]
    written_updates: tuple[PersonView, ...]
    engage_lead: AgencyView | None
    wishes: Wishes
    risks: tuple[Risk, ...]
    others_at_risk: OthersAtRisk
    decisions: tuple[str, ...]
    disagreements: tuple[Disagreement[PersonView], ...]
    review: Review
    feedback: Feedback[PersonView]
    capacity: Capacity[PersonView] | None
    actions: tuple[ActionRow, ...]
    carried_forward: tuple[ActionRow, ...]
    distribution: tuple[Recipient, ...]
    adults: tuple[AdultPart, ...] = ()

    def variables(self) -> dict[str, Any]:
        """The template variables: one per field."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def build(book: Book, case: Case, meeting_id: str, *, show_names: bool, today: date) -> Minutes:
    """The minutes of a held meeting; InvalidInput when it has not been held. For one
    adult's part of a meeting about several, the minutes of that meeting."""
    raw = case.find("meetings", meeting_id)
    ref = convened_in(raw)
    if ref is not None:
        return build(book, read_case(book, ref[0]), ref[1], show_names=show_names, today=today)
    minutes = raw.get("minutes")
    if raw.get("status") != "held" or not isinstance(minutes, Mapping):
        raise InvalidInput(
            f"meeting {meeting_id} of {case.case_id} has not been held "
            f"(status: {raw.get('status')}); record it first with: "
            f"safecli meeting record {case.case_id} {meeting_id}"
        )
    people = Directory.of(case)
    typed = minutes_of(minutes, people, today)
    if typed is None:
        raise InvalidInput(
            f"the minutes of meeting {meeting_id} of {case.case_id} give no held_on date "
            f"(safecli validate {case.case_id} says what to correct)"
        )
    mtype = meeting_type(book_policy(book), raw)
    meeting = meeting_view(raw, mtype, people, book, case)
    agreed = tuple(
        action_row(a, people, today)
        for a in items(case.actions)
        if mapping(a).get("meeting") == meeting_id
    )
    return Minutes(
        doc=document(book, case, TITLE % {"title": meeting.title}, today),
        adult=adult_view(case, people, show_names=show_names),
        meeting=meeting,
        meeting_type=mtype,
        attendees=typed.attendees,
        apologies=typed.apologies,
        written_updates=typed.written_updates,
        engage_lead=people.agency(typed.engage_lead),
        wishes=typed.wishes or Wishes(),
        risks=risk_rows(typed.risks),
        others_at_risk=typed.others_at_risk,
        decisions=typed.decisions,
        disagreements=typed.disagreements,
        review=typed.review,
        feedback=typed.feedback or Feedback(),
        capacity=typed.capacity,
        actions=agreed,
        carried_forward=tuple(
            action_row(a, people, today) for a in carried_forward(case, meeting_id)
        ),
        distribution=distribution(meeting, typed),
        adults=adult_parts(book, case, raw, show_names=show_names, today=today),
    )


def distribution(meeting: MeetingView, minutes: MinutesRecord[PersonView]) -> tuple[Recipient, ...]:
    """Everyone who attended, then every invitee who did not."""
    apologies = {(p.agency, p.name) for p in minutes.apologies}
    updates = {(p.agency, p.name) for p in minutes.written_updates}
    shared: dict[str, date | None] = {s.agency: s.shared_on for s in minutes.shared}
    attendees = minutes.attendees
    rows = [Recipient(p, True, N_("attended"), shared.get(p.agency)) for p in attendees]
    present = {(p.agency, p.name) for p in attendees}
    for invitee in meeting.invitees:
        person = invitee.person
        if (person.agency, person.name) in present:
            continue
        present.add((person.agency, person.name))
        key = (person.agency, person.name)
        note = (
            N_("apologies; sent a written update")
            if key in updates
            else N_("apologies")
            if key in apologies
            else f"sent a deputy ({invitee.deputy})"
            if invitee.deputy
            else N_("did not attend")
        )
        deputy = invitee.deputy if key not in updates and key not in apologies else None
        rows.append(Recipient(person, False, note, shared.get(person.agency), deputy))
    return tuple(rows)
