"""Stored minutes read back as the typed record (`casework.minutes_parts.Minutes`).

The documents, the plan and the chronology read a meeting's minutes here, once. The
file may be hand-edited and wrong until validate passes it, so a value of the wrong
kind reads as not recorded (`safecli.raw`), never as an error; each person is
whatever `person` makes of a stored `{agency, name}` (a `Person`, or a `PersonView`
with what agencies.yaml says about them), and one that names nobody is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from safecli.casework.minutes_parts import (
    Capacity,
    Disagreement,
    Feedback,
    Minutes,
    OthersAtRisk,
    Review,
    Risk,
    Shared,
    Wishes,
    given,
)
from safecli.raw import day, items, mapping, records, text, texts

P = TypeVar("P")


def read_minutes(raw: Any, person: Callable[[Any], P | None]) -> Minutes[P] | None:
    """The typed minutes of a stored `minutes:` mapping; None when it gives no held_on date."""
    m = mapping(raw)
    held_on = day(m.get("held_on"))
    if held_on is None:
        return None

    def people(value: Any) -> tuple[P, ...]:
        return tuple(p for p in map(person, items(value)) if p is not None)

    wishes, others, review = (mapping(m.get(k)) for k in ("wishes", "others_at_risk", "review"))
    feedback, capacity = mapping(m.get("feedback")), mapping(m.get("capacity"))
    return Minutes(
        held_on=held_on,
        attendees=people(m.get("attendees")),
        apologies=people(m.get("apologies")),
        written_updates=people(m.get("written_updates")),
        engage_lead=text(m.get("engage_lead")),
        wishes=given(Wishes(text(wishes.get("views")), text(wishes.get("obtained_by")))),
        risks=tuple(_risk(r) for r in items(m.get("risks"))),
        others_at_risk=OthersAtRisk(
            reviewed=others.get("reviewed") is True,
            adults=text(others.get("adults")),
            adults_at_risk=_flag(others.get("adults_at_risk")),
            children=text(others.get("children")),
            children_at_risk=_flag(others.get("children_at_risk")),
            referral_made=day(others.get("referral_made")),
        ),
        decisions=texts(m.get("decisions")),
        disagreements=tuple(_disagreement(d, person) for d in items(m.get("disagreements"))),
        review=Review(day(review.get("date")), text(review.get("not_required"))),
        feedback=given(
            Feedback(
                text(feedback.get("how")),
                person(feedback.get("by")),
                day(feedback.get("due")),
                day(feedback.get("given_on")),
            )
        ),
        capacity=Capacity(
            decision=text(capacity.get("decision")),
            assessed_on=day(capacity.get("assessed_on")),
            assessed_by=person(capacity.get("assessed_by")),
            outcome=text(capacity.get("outcome")),
            best_interests_decision=text(capacity.get("best_interests_decision")),
        )
        if capacity
        else None,
        shared=tuple(
            Shared(agency, on)
            for entry in records(m.get("shared"))
            if (agency := text(entry.get("agency"))) and (on := day(entry.get("shared_on")))
        ),
    )


def _risk(raw: Any) -> Risk:
    """A risk as stored; one not described reads as empty text (the documents say so)."""
    entry = mapping(raw)
    return Risk(
        risk=text(entry.get("risk")) or "",
        in_place=text(entry.get("in_place")),
        barriers=text(entry.get("barriers")),
        actions=texts(entry.get("actions")),
    )


def _disagreement(raw: Any, person: Callable[[Any], P | None]) -> Disagreement[P]:
    entry = mapping(raw)
    return Disagreement(
        raised_by=person(entry.get("raised_by")),
        about=text(entry.get("about")),
        outcome=text(entry.get("outcome")),
        escalated=entry.get("escalated") is True,
    )


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None
