"""Views of the parts of a held meeting's minutes, shared by the minutes and the plan.

Every part is the case work's own record (`casework.minutes_parts`), with each person
a `PersonView`.
"""

from __future__ import annotations

from typing import Any

from safecli.casework.minutes_parts import (
    Capacity,
    Disagreement,
    Feedback,
    OthersAtRisk,
    Review,
    Risk,
    Wishes,
)
from safecli.raw import day, items, mapping, text, texts
from safecli.render.i18n import N_
from safecli.render.views import Directory, PersonView


def wishes(raw: Any) -> Wishes:
    """The minutes' `wishes`."""
    entry = mapping(raw)
    return Wishes(text(entry.get("views")), text(entry.get("obtained_by")))


def risk_rows(raw: Any) -> tuple[Risk, ...]:
    """The minutes' `risks`, one row each."""
    rows = []
    for item in items(raw):
        entry = mapping(item)
        rows.append(
            Risk(
                risk=text(entry.get("risk")) or N_("(risk not described)"),
                in_place=text(entry.get("in_place")),
                barriers=text(entry.get("barriers")),
                actions=texts(entry.get("actions")),
            )
        )
    return tuple(rows)


def others_at_risk(raw: Any) -> OthersAtRisk:
    """The minutes' `others_at_risk`."""
    entry = mapping(raw)
    return OthersAtRisk(
        reviewed=entry.get("reviewed") is True,
        adults=text(entry.get("adults")),
        adults_at_risk=_flag(entry.get("adults_at_risk")),
        children=text(entry.get("children")),
        children_at_risk=_flag(entry.get("children_at_risk")),
        referral_made=day(entry.get("referral_made")),
    )


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def disagreements(raw: Any, people: Directory) -> tuple[Disagreement[PersonView], ...]:
    """The minutes' `disagreements`."""
    return tuple(
        Disagreement(
            raised_by=people.person(mapping(item).get("raised_by")),
            about=text(mapping(item).get("about")),
            outcome=text(mapping(item).get("outcome")),
            escalated=mapping(item).get("escalated") is True,
        )
        for item in items(raw)
    )


def review(raw: Any) -> Review:
    """The minutes' `review`."""
    entry = mapping(raw)
    return Review(day(entry.get("date")), text(entry.get("not_required")))


def feedback(raw: Any, people: Directory) -> Feedback[PersonView]:
    """The minutes' `feedback`."""
    entry = mapping(raw)
    return Feedback(
        text(entry.get("how")),
        people.person(entry.get("by")),
        day(entry.get("due")),
        day(entry.get("given_on")),
    )


# A capacity assessment's outcome as recorded, a catalogue phrase in documents.
OUTCOMES = {"has": N_("has"), "lacks": N_("lacks")}


def capacity_outcome(value: Any) -> str | None:
    """A recorded capacity outcome (has, lacks) as documents show it."""
    shown = text(value)
    return OUTCOMES.get(shown, shown) if shown else None


def capacity(raw: Any, people: Directory) -> Capacity[PersonView] | None:
    """The minutes' `capacity` (best-interests meetings), or None."""
    entry = mapping(raw)
    if not entry:
        return None
    return Capacity(
        decision=text(entry.get("decision")),
        assessed_on=day(entry.get("assessed_on")),
        assessed_by=people.person(entry.get("assessed_by")),
        outcome=capacity_outcome(entry.get("outcome")),
        best_interests_decision=text(entry.get("best_interests_decision")),
    )
