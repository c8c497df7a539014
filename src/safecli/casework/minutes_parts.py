"""The parts of held minutes as typed records, one class each for writer and reader.

`record_minutes` writes them (built from flags or the minutes form, the person a
`Person`), and the documents read them back from meetings.yaml (the person a
`PersonView`, with what agencies.yaml says about them): the same fields, in the
order of their declared shape in `safecli.shape`, so there is one class per part.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

P = TypeVar("P")


@dataclass(frozen=True)
class Risk:
    """One line of the risk assessment: the risk, what is in place, barriers, action ids."""

    risk: str
    in_place: str | None = None
    barriers: str | None = None
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Disagreement(Generic[P]):
    """A professional disagreement between agencies: who raised it, about what, the outcome."""

    raised_by: P | None
    about: str | None
    outcome: str | None = None
    escalated: bool = False


@dataclass(frozen=True)
class Capacity(Generic[P]):
    """Best-interests meetings: the capacity assessment and the decision made."""

    decision: str | None = None
    assessed_on: date | None = None
    assessed_by: P | None = None
    outcome: str | None = None
    best_interests_decision: str | None = None
