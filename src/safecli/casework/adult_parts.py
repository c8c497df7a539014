"""adult.yaml as typed records: `Adult` and one class per part declared in `safecli.shape`.

Each class has the fields of its declared record (`shape.ADULT`, `shape.CONCERN`, …),
named as its keys and in their order (`RECORDS` pairs them; a test holds them
together). The plan, the chronology and the other views read adult.yaml through
`casework.adult_reader`, each person as whatever they make of a stored
`{agency, name}` (a `Person`, or a `PersonView`), so a record is one class, generic
in its kind of person. A choice holds a valid value, `INVALID` for a hand-edited one
(`shape.shown`), or None when not recorded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Generic, TypeVar

from safecli import shape

P = TypeVar("P")
Day = datetime.date | None


@dataclass(frozen=True)
class Closure:
    """Why the case closed, and what the adult said of the outcomes she wanted."""

    reason: str | None = None
    outcomes_asked: bool | None = None
    not_asked_reason: str | None = None
    outcomes_expressed: bool | None = None
    outcomes_achieved: str | None = None


@dataclass(frozen=True)
class Communication:
    """How to speak and write to the adult: language, interpreter, advocate, formats."""

    language: str | None = None
    interpreter: str | None = None
    advocate: str | None = None
    needs_advocate: bool | None = None
    easy_read: bool | None = None
    large_print: int | None = None
    notes: str | None = None

    @property
    def any(self) -> bool:
        """True when an interpreter, advocate, easy read, large print or other need is
        recorded (the language alone is not a need)."""
        return bool(
            self.interpreter
            or self.advocate
            or self.needs_advocate
            or self.easy_read
            or self.large_print
            or self.notes
        )


@dataclass(frozen=True)
class Representative:
    """Someone who speaks for the adult."""

    name: str | None = None
    relationship: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class CareAndSupport:
    """The three tests of a safeguarding duty."""

    has_needs: bool | None = None
    at_risk: bool | None = None
    unable_to_protect: bool | None = None


@dataclass(frozen=True)
class Concern(Generic[P]):
    """A concern raised about the adult."""

    type: str | None = None
    summary: str | None = None
    source: str | None = None
    location: str | None = None
    raised_on: Day = None
    raised_by: P | None = None
    offender_risk: bool | None = None


@dataclass(frozen=True)
class CapacityAssessment(Generic[P]):
    """A mental capacity assessment: the decision, its outcome, when and by whom."""

    decision: str | None = None
    outcome: str | None = None
    assessed_on: Day = None
    by: P | None = None


@dataclass(frozen=True)
class Event(Generic[P]):
    """Something that happened in the case, by an agency."""

    happened_on: Day = None
    kind: str | None = None
    agency: str | None = None
    by: P | None = None
    summary: str | None = None


@dataclass(frozen=True)
class AdultWishes:
    """The adult's desired outcomes, in her own words, or why she was not asked."""

    asked_on: Day = None
    outcomes: tuple[str, ...] = ()
    not_asked_reason: str | None = None


@dataclass(frozen=True)
class AdultOthers:
    """Whether children or other adults are at risk too, and the referral made."""

    children: bool | None = None
    adults: bool | None = None
    notes: str | None = None
    referral_made: Day = None


@dataclass(frozen=True)
class Demographics:
    """What the statutory returns count."""

    gender: str | None = None
    ethnicity: str | None = None
    support_reason: str | None = None
    autism: bool | None = None
    asperger: bool | None = None
    died_on: Day = None


@dataclass(frozen=True)
class Allegation:
    """One allegation the enquiry looked at, and what came of it."""

    type: str | None = None
    location: str | None = None
    source: str | None = None
    action: str | None = None
    risk_outcome: str | None = None


@dataclass(frozen=True)
class Enquiry:
    """The enquiry decided on, its days, and its allegations."""

    kind: str | None = None
    decided_on: Day = None
    started_on: Day = None
    concluded_on: Day = None
    council: str | None = None
    large_scale: str | None = None
    capacity: str | None = None
    capacity_support: bool | None = None
    allegations: tuple[Allegation, ...] = ()


@dataclass(frozen=True)
class Adult(Generic[P]):
    """adult.yaml: the adult and her case. A part not recorded reads as the empty part."""

    case: str | None = None
    jurisdiction: str | None = None
    status: str | None = None
    opened: Day = None
    name: str | None = None
    preferred_name: str | None = None
    date_of_birth: Day = None
    transition_reason: str | None = None
    address: str | None = None
    phone: str | None = None
    communication: Communication = Communication()
    representative: Representative = Representative()
    care_and_support: CareAndSupport = CareAndSupport()
    engagement: str | None = None
    risk_level: str | None = None
    lead_agency: str | None = None
    coordinator: P | None = None
    concerns: tuple[Concern[P], ...] = ()
    capacity: tuple[CapacityAssessment[P], ...] = ()
    events: tuple[Event[P], ...] = ()
    wishes: AdultWishes = AdultWishes()
    others_at_risk: AdultOthers = AdultOthers()
    demographics: Demographics = Demographics()
    enquiry: Enquiry = Enquiry()
    closed: Day = None
    closure: Closure = Closure()


RECORDS: tuple[tuple[shape.Record, type], ...] = (
    (shape.ADULT, Adult),
    (shape.CLOSURE, Closure),
    (shape.COMMUNICATION, Communication),
    (shape.REPRESENTATIVE, Representative),
    (shape.CARE_AND_SUPPORT, CareAndSupport),
    (shape.CONCERN, Concern),
    (shape.CAPACITY, CapacityAssessment),
    (shape.EVENT, Event),
    (shape.WISHES, AdultWishes),
    (shape.OTHERS_AT_RISK, AdultOthers),
    (shape.DEMOGRAPHICS, Demographics),
    (shape.ALLEGATION, Allegation),
    (shape.ENQUIRY, Enquiry),
)
