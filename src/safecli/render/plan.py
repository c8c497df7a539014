"""The protection (safety) plan of a case: the risks, the adult's wishes, who does what.

Drawn from the concerns and wishes in adult.yaml and from every held meeting:
its risk assessment, capacity decision, feedback to the adult and review date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

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
from safecli.raw import day, items, mapping, text, texts
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
from safecli.shape import ADULT, CONCERN, shown
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
class Concern:
    """A concern raised about the adult."""

    type: str
    summary: str | None
    source: str | None
    location: str | None
    raised_on: date | None
    raised_by: PersonView | None


@dataclass(frozen=True)
class CapacityDecision:
    """A mental capacity assessment recorded in adult.yaml."""

    decision: str
    outcome: str | None
    assessed_on: date | None
    by: PersonView | None


@dataclass(frozen=True)
class AdultWishes:
    """The adult's desired outcomes, in their own words, or why they were not asked."""

    asked_on: date | None
    outcomes: tuple[str, ...]
    not_asked_reason: str | None


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
    concerns: tuple[Concern, ...]
    risks: tuple[FromMeeting[Risk], ...]
    wishes: AdultWishes
    views: tuple[FromMeeting[Wishes], ...]
    actions: tuple[ActionRow, ...]
    capacity: tuple[CapacityDecision, ...]
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
    adult = mapping(case.adult)
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
    assessed: list[CapacityDecision] = []
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
    asked = mapping(adult.get("wishes"))
    others = mapping(adult.get("others_at_risk"))
    return Plan(
        doc=document(book, case, TITLE, today),
        adult=adult_view(case, people, show_names=show_names),
        status=text(shown(adult.get("status"), ADULT, "status")) or "open",
        concerns=tuple(_concern(c, people) for c in items(adult.get("concerns"))),
        risks=tuple(risks),
        wishes=AdultWishes(
            day(asked.get("asked_on")),
            texts(asked.get("outcomes")),
            text(asked.get("not_asked_reason")),
        ),
        views=tuple(views),
        actions=tuple(open_actions),
        capacity=_assessments(
            [_capacity(c, people) for c in items(adult.get("capacity"))], assessed
        ),
        best_interests=tuple(best),
        feedback=tuple(told),
        review=latest_review(reviews),
        others_at_risk=_others(others, held),
        meetings=tuple(sources),
    )


def latest_review(reviews: list[FromMeeting[Review]]) -> FromMeeting[Review] | None:
    """The review the case is waiting for: the latest date set, else the last meeting's word."""
    dated = [r for r in reviews if r.value.date is not None]
    if dated:
        return max(dated, key=lambda r: r.value.date or date.min)
    return reviews[-1] if reviews else None


def _concern(raw: Any, people: Directory) -> Concern:
    entry: Mapping[str, Any] = mapping(raw)
    return Concern(
        type=text(shown(entry.get("type"), CONCERN, "type")) or N_("not recorded"),
        summary=text(entry.get("summary")),
        source=text(entry.get("source")),
        location=text(entry.get("location")),
        raised_on=day(entry.get("raised_on")),
        raised_by=people.person(entry.get("raised_by")),
    )


def _others(
    others: Mapping[str, Any],
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
        children=others.get("children") is True or found.children_at_risk is True,
        adults=others.get("adults") is True or found.adults_at_risk is True,
        notes=text(others.get("notes")),
        referral_made=day(others.get("referral_made")) or found.referral_made,
        meeting=text(latest[0].get("id")) if latest else None,
        children_recorded=found.children,
        adults_recorded=found.adults,
    )


def _assessments(
    recorded: list[CapacityDecision], at_meetings: list[CapacityDecision]
) -> tuple[CapacityDecision, ...]:
    """adult.yaml's assessments, then those only a meeting's minutes recorded."""

    def key(c: CapacityDecision) -> tuple[str, date | None, str | None]:
        return c.decision.casefold().strip(), c.assessed_on, c.outcome

    known = {key(c) for c in recorded}
    return (*recorded, *(c for c in at_meetings if key(c) not in known))


def _assessed(capacity: Capacity[PersonView]) -> CapacityDecision:
    """A capacity assessment a meeting's minutes recorded."""
    return CapacityDecision(
        decision=capacity.decision or N_("(decision not described)"),
        outcome=capacity.outcome,
        assessed_on=capacity.assessed_on,
        by=capacity.assessed_by,
    )


def _capacity(raw: Any, people: Directory) -> CapacityDecision:
    entry = mapping(raw)
    return CapacityDecision(
        decision=text(entry.get("decision")) or N_("(decision not described)"),
        outcome=capacity_outcome(entry.get("outcome")),
        assessed_on=day(entry.get("assessed_on")),
        by=people.person(entry.get("by")),
    )
