"""Views of the parts of a held meeting's minutes, shared by the minutes and the plan.

A risk, a disagreement and the capacity assessment are the case work's own records
(`casework.minutes_parts`), with each person a `PersonView`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from safecli.casework.minutes_parts import Capacity, Disagreement, Risk
from safecli.raw import day, items, mapping, text, texts
from safecli.render.views import Directory, PersonView


@dataclass(frozen=True)
class Wishes:
    """What the adult wants, and how their views were found out."""

    views: str | None
    obtained_by: str | None


@dataclass(frozen=True)
class OthersAtRisk:
    """Whether the meeting looked at risk to other adults and children."""

    reviewed: bool
    adults: str | None
    children: str | None
    referral_made: date | None


@dataclass(frozen=True)
class Review:
    """When the case is reviewed next, or why it need not be."""

    date: date | None
    not_required: str | None


@dataclass(frozen=True)
class Feedback:
    """How the adult hears what was agreed."""

    how: str | None
    by: PersonView | None
    due: date | None


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
                risk=text(entry.get("risk")) or "(risk not described)",
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
        children=text(entry.get("children")),
        referral_made=day(entry.get("referral_made")),
    )


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


def feedback(raw: Any, people: Directory) -> Feedback:
    """The minutes' `feedback`."""
    entry = mapping(raw)
    return Feedback(text(entry.get("how")), people.person(entry.get("by")), day(entry.get("due")))


def capacity(raw: Any, people: Directory) -> Capacity[PersonView] | None:
    """The minutes' `capacity` (best-interests meetings), or None."""
    entry = mapping(raw)
    if not entry:
        return None
    return Capacity(
        decision=text(entry.get("decision")),
        assessed_on=day(entry.get("assessed_on")),
        assessed_by=people.person(entry.get("assessed_by")),
        outcome=text(entry.get("outcome")),
        best_interests_decision=text(entry.get("best_interests_decision")),
    )
