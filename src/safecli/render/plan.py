"""The protection (safety) plan of a case: the risks, the adult's wishes, who does what.

Drawn from the concerns and wishes in adult.yaml and from every held meeting:
its risk assessment, capacity decision, feedback to the adult and review date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Generic, TypeVar

from safecli.casework.adult_parts import AdultOthers, AdultWishes, CapacityAssessment, Concern
from safecli.casework.adult_reader import read_adult
from safecli.casework.minutes_parts import (
    Capacity,
    Feedback,
    OthersAtRisk,
    Review,
    Risk,
    Wishes,
)
from safecli.casework.minutes_parts import Minutes as MinutesRecord
from safecli.policy.pack import book_policy
from safecli.raw import items, mapping, text
from safecli.render.context import (
    AdultView,
    Document,
    adult_view,
    document,
    meeting_type,
    type_title,
)
from safecli.render.i18n import N_
from safecli.render.records import capacity_outcome, minutes_of, risk_rows
from safecli.render.views import ActionRow, Directory, PersonView, action_row
from safecli.store.book import Book, Case

T = TypeVar("T")
TITLE = N_("Protection plan")
NONE_WORDS = ("none", "no", "none known", "none identified", "not known")


@dataclass(frozen=True)
class FromMeeting(Generic[T]):
    """Something a held meeting recorded, with the meeting it came from."""

    meeting: str
    held_on: date | None
    value: T


@dataclass(frozen=True)
class HeldMeeting:
    """A held meeting, for the plan's list of sources."""

    id: str
    title: str
    held_on: date | None


@dataclass(frozen=True)
class OthersNow:
    """Others at risk: adult.yaml's `others_at_risk` and what the latest minutes recorded
    (`meeting`: that meeting's id; its words about children and other adults)."""

    children: bool
    adults: bool
    notes: str | None
    referral_made: date | None
    meeting: str | None = None
    children_recorded: str | None = None
    adults_recorded: str | None = None

    @property
    def children_state(self) -> str:
        """How the plan words children at risk (`OthersNow.state`)."""
        return self.state(self.children, self.children_recorded)

    @property
    def adults_state(self) -> str:
        """How the plan words other adults at risk (`OthersNow.state`)."""
        return self.state(self.adults, self.adults_recorded)

    @staticmethod
    def state(flagged: bool, recorded: str | None) -> str:
        """yes, yes-recorded (with the minutes' words), none, none-recorded (the minutes
        said none) or recorded (the minutes' words, not marked at risk)."""
        if flagged:
            return "yes-recorded" if recorded else "yes"
        if not recorded:
            return "none"
        if recorded.strip().rstrip(".").lower() in NONE_WORDS:
            return "none-recorded"
        return "recorded"


@dataclass(frozen=True)
class Plan:
    """Everything the plan shows."""

    doc: Document
    adult: AdultView
    status: str
    concerns: tuple[Concern[PersonView], ...]
    risks: tuple[FromMeeting[Risk], ...]
    wishes: AdultWishes
    views: tuple[FromMeeting[Wishes], ...]
    actions: tuple[ActionRow, ...]
    capacity: tuple[CapacityAssessment[PersonView], ...]
    best_interests: tuple[FromMeeting[Capacity[PersonView]], ...]
    feedback: tuple[FromMeeting[Feedback[PersonView]], ...]
    review: FromMeeting[Review] | None
    others_at_risk: OthersNow
    meetings: tuple[HeldMeeting, ...]

    def variables(self) -> dict[str, Any]:
        """The template variables: one per field."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def build(book: Book, case: Case, *, show_names: bool, today: date) -> Plan:
    """The protection plan of a case as of `today`."""
    people = Directory.of(case)
    policy = book_policy(book)
    adult = read_adult(case.adult, people.person)
    held: list[tuple[Mapping[str, Any], MinutesRecord[PersonView]]] = []
    for entry in items(case.meetings):
        stored = mapping(entry)
        typed = minutes_of(stored.get("minutes"), people, today)
        if stored.get("status") == "held" and typed is not None and typed.held_on <= today:
            held.append((stored, typed))
    held.sort(key=lambda pair: pair[1].held_on)
    risks: list[FromMeeting[Risk]] = []
    views: list[FromMeeting[Wishes]] = []
    best: list[FromMeeting[Capacity[PersonView]]] = []
    told: list[FromMeeting[Feedback[PersonView]]] = []
    reviews: list[FromMeeting[Review]] = []
    sources: list[HeldMeeting] = []
    assessed: list[CapacityAssessment[PersonView]] = []
    for meeting, minutes in held:
        mid, on = str(meeting.get("id")), minutes.held_on
        sources.append(
            HeldMeeting(
                mid, type_title(meeting_type(policy, meeting).name, text(meeting.get("format"))), on
            )
        )
        risks.extend(FromMeeting(mid, on, row) for row in risk_rows(minutes.risks))
        if minutes.wishes is not None:
            views.append(FromMeeting(mid, on, minutes.wishes))
        if minutes.capacity is not None:
            best.append(FromMeeting(mid, on, minutes.capacity))
            assessed.append(_assessed(minutes.capacity))
        back = minutes.feedback
        if back is not None and (back.how or back.by or back.due or back.given_on):
            told.append(FromMeeting(mid, on, back))
        reviews.append(FromMeeting(mid, on, minutes.review))
    rows = (action_row(a, people, today) for a in items(case.actions))
    open_actions = sorted(
        (row for row in rows if row.status == "open"),
        key=lambda row: (row.due or date.max, row.id),
    )
    return Plan(
        doc=document(book, case, TITLE, today),
        adult=adult_view(case, people, show_names=show_names),
        status=adult.status or "open",
        concerns=tuple(replace(c, type=c.type or N_("not recorded")) for c in adult.concerns),
        risks=tuple(risks),
        wishes=adult.wishes,
        views=tuple(views),
        actions=tuple(open_actions),
        capacity=_assessments([_capacity(c) for c in adult.capacity], assessed),
        best_interests=tuple(best),
        feedback=tuple(told),
        review=latest_review(reviews),
        others_at_risk=_others(adult.others_at_risk, held),
        meetings=tuple(sources),
    )


def latest_review(reviews: list[FromMeeting[Review]]) -> FromMeeting[Review] | None:
    """The review the case is waiting for: the latest date set, else the last meeting's word."""
    dated = [r for r in reviews if r.value.date is not None]
    if dated:
        return max(dated, key=lambda r: r.value.date or date.min)
    return reviews[-1] if reviews else None


def _others(
    others: AdultOthers,
    held: Sequence[tuple[Mapping[str, Any], MinutesRecord[PersonView]]],
) -> OthersNow:
    """adult.yaml's others at risk, with what the latest held meeting recorded."""
    latest = next(
        (
            (meeting, minutes.others_at_risk)
            for meeting, minutes in reversed(held)
            if mapping(mapping(meeting.get("minutes")).get("others_at_risk"))
        ),
        None,
    )
    found = latest[1] if latest else OthersAtRisk()
    return OthersNow(
        children=others.children is True or found.children_at_risk is True,
        adults=others.adults is True or found.adults_at_risk is True,
        notes=others.notes,
        referral_made=others.referral_made or found.referral_made,
        meeting=text(latest[0].get("id")) if latest else None,
        children_recorded=found.children,
        adults_recorded=found.adults,
    )


def _assessments(
    recorded: list[CapacityAssessment[PersonView]],
    at_meetings: list[CapacityAssessment[PersonView]],
) -> tuple[CapacityAssessment[PersonView], ...]:
    """adult.yaml's assessments, then those only a meeting's minutes recorded."""

    def key(c: CapacityAssessment[PersonView]) -> tuple[str, date | None, str | None]:
        return (c.decision or "").casefold().strip(), c.assessed_on, c.outcome

    known = {key(c) for c in recorded}
    return (*recorded, *(c for c in at_meetings if key(c) not in known))


def _assessed(capacity: Capacity[PersonView]) -> CapacityAssessment[PersonView]:
    """A capacity assessment a meeting's minutes recorded."""
    return CapacityAssessment(
        decision=capacity.decision or N_("(decision not described)"),
        outcome=capacity.outcome,
        assessed_on=capacity.assessed_on,
        by=capacity.assessed_by,
    )


def _capacity(recorded: CapacityAssessment[PersonView]) -> CapacityAssessment[PersonView]:
    """A capacity assessment adult.yaml recorded, as the plan shows it."""
    return replace(
        recorded,
        decision=recorded.decision or N_("(decision not described)"),
        outcome=capacity_outcome(recorded.outcome),
    )
