"""Held minutes as typed records: `Minutes` and one class per part declared in `safecli.shape`.

Each class has the fields of its declared record (`shape.MINUTES`, `shape.RISK`, …),
named as its keys and in their order (`RECORDS` pairs them; a test holds them
together), so the minutes are written by their declaration (`store.typed.stored`).
`record_minutes` writes them (built from flags or the minutes form, each person a
`Person`), and the documents read them back from meetings.yaml (each person a
`PersonView`, with what agencies.yaml says about them), so a record is one class,
generic in its kind of person.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from typing import Generic, TypeVar

from safecli import shape

P = TypeVar("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Wishes:
    """The adult's views and wishes as the meeting heard them, and how they were found out."""

    views: str | None = None
    obtained_by: str | None = None


@dataclass(frozen=True)
class Risk:
    """One line of the risk assessment: the risk, what is in place, barriers, action ids."""

    risk: str
    in_place: str | None = None
    barriers: str | None = None
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class OthersAtRisk:
    """What the meeting found about risk to other adults and to children, and any referral."""

    reviewed: bool = False
    adults: str | None = None
    adults_at_risk: bool | None = None
    children: str | None = None
    children_at_risk: bool | None = None
    referral_made: datetime.date | None = None


@dataclass(frozen=True)
class Disagreement(Generic[P]):
    """A professional disagreement between agencies: who raised it, about what, the outcome."""

    raised_by: P | None
    about: str | None
    outcome: str | None = None
    escalated: bool = False


@dataclass(frozen=True)
class Review:
    """When the case is reviewed next, or why it need not be."""

    date: datetime.date | None = None
    not_required: str | None = None


@dataclass(frozen=True)
class Feedback(Generic[P]):
    """How the adult hears what was agreed, who tells her, by when, and when she was told."""

    how: str | None = None
    by: P | None = None
    due: datetime.date | None = None
    given_on: datetime.date | None = None


@dataclass(frozen=True)
class Capacity(Generic[P]):
    """Best-interests meetings: the capacity assessment and the decision made."""

    decision: str | None = None
    assessed_on: datetime.date | None = None
    assessed_by: P | None = None
    outcome: str | None = None
    best_interests_decision: str | None = None


@dataclass(frozen=True)
class Shared:
    """An agency the minutes were sent to, and on what day."""

    agency: str
    shared_on: datetime.date


@dataclass(frozen=True)
class Minutes(Generic[P]):
    """What was said and agreed at a held meeting. A part left out (None) is written null;
    the review and the look at others at risk are always written."""

    held_on: datetime.date
    attendees: tuple[P, ...]
    apologies: tuple[P, ...] = ()
    written_updates: tuple[P, ...] = ()
    engage_lead: str | None = None
    wishes: Wishes | None = None
    risks: tuple[Risk, ...] = ()
    others_at_risk: OthersAtRisk = OthersAtRisk()
    decisions: tuple[str, ...] = ()
    disagreements: tuple[Disagreement[P], ...] = ()
    review: Review = Review()
    feedback: Feedback[P] | None = None
    capacity: Capacity[P] | None = None
    shared: tuple[Shared, ...] = ()


def given(part: T) -> T | None:
    """The part if any of its fields is recorded, else None (a part not given)."""
    return part if any(getattr(part, f.name) for f in fields(part)) else None  # type: ignore[arg-type]


RECORDS: tuple[tuple[shape.Record, type], ...] = (
    (shape.MINUTES, Minutes),
    (shape.MINUTES_WISHES, Wishes),
    (shape.RISK, Risk),
    (shape.MINUTES_OTHERS, OthersAtRisk),
    (shape.DISAGREEMENT, Disagreement),
    (shape.REVIEW, Review),
    (shape.FEEDBACK, Feedback),
    (shape.MINUTES_CAPACITY, Capacity),
    (shape.SHARED, Shared),
)
