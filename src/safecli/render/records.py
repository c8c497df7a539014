"""The minutes as the documents show them: the case work's typed record, each person a
`PersonView` (`casework.minutes_reader`), with the words a document shows for a part
left blank and for a recorded capacity outcome."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from safecli.casework.minutes_parts import Capacity, Minutes, Risk
from safecli.casework.minutes_reader import read_minutes
from safecli.raw import text
from safecli.render.i18n import N_
from safecli.render.views import Directory, PersonView


def minutes_of(raw: Any, people: Directory, today: date) -> Minutes[PersonView] | None:
    """The typed minutes of a stored `minutes:` mapping as they stood on `today` (feedback
    given later is not given yet), each capacity outcome as documents show it
    (`capacity_outcome`); None when it gives no held_on."""
    minutes = read_minutes(raw, people.person)
    if minutes is None:
        return None
    told = minutes.feedback
    if told is not None and told.given_on is not None and told.given_on > today:
        minutes = replace(minutes, feedback=replace(told, given_on=None))
    if minutes.capacity is None:
        return minutes
    return replace(minutes, capacity=shown_capacity(minutes.capacity))


def risk_rows(risks: tuple[Risk, ...]) -> tuple[Risk, ...]:
    """The minutes' risks, one row each, a risk not described said so."""
    return tuple(replace(r, risk=r.risk or N_("(risk not described)")) for r in risks)


# A capacity assessment's outcome as recorded, a catalogue phrase in documents.
OUTCOMES = {"has": N_("has"), "lacks": N_("lacks")}


def capacity_outcome(value: Any) -> str | None:
    """A recorded capacity outcome (has, lacks) as documents show it."""
    shown = text(value)
    return OUTCOMES.get(shown, shown) if shown else None


def shown_capacity(capacity: Capacity[PersonView]) -> Capacity[PersonView]:
    """The capacity assessment with its outcome as documents show it."""
    return replace(capacity, outcome=capacity_outcome(capacity.outcome))
