"""The edited minutes form read back into `Minutes`: unknown keys, wrong types and bad
dates refused with the line and column; people, agencies and actions are then checked
by `record_minutes` (`read_checked` runs that check in the same loop)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from safecli import shape
from safecli.casework.form_reader import (
    FORM_KEYS,
    LATER,
    FormReader,
    entries,
    form_keys,
    risks_of,
)
from safecli.casework.minutes_parts import (
    Capacity,
    Disagreement,
    Feedback,
    Minutes,
    OthersAtRisk,
    Review,
    Wishes,
    given,
)
from safecli.errors import SafecliError
from safecli.model import Person
from safecli.store import roundtrip


def read_form(path: Path, text: str, *, today: date) -> Minutes[Person]:
    """Read the edited form into Minutes; any problem raises with its line and column."""
    data = roundtrip.parse(path, text, dict)
    r = FormReader(path, today)
    for key in data:
        if key not in FORM_KEYS and key != "adults":
            raise r.fail(
                data,
                key,
                f"unknown field {key!r}; known: {', '.join(FORM_KEYS)}"
                + (f" ({LATER[(key,)]})" if (key,) in LATER else ""),
            )
    held_on = r.day(data, "held_on")
    if held_on is None:
        raise r.fail(data, "held_on", "held_on: give the date the meeting took place")
    wishes = r.mapping(data, "wishes", shape.MINUTES_WISHES.keys)
    others = r.mapping(data, "others_at_risk", shape.MINUTES_OTHERS.keys)
    review = r.mapping(data, "review", shape.REVIEW.keys)
    feedback = r.mapping(data, "feedback", form_keys(shape.FEEDBACK, "feedback"))
    capacity = r.mapping(data, "capacity", shape.MINUTES_CAPACITY.keys)
    return Minutes(
        held_on=held_on,
        attendees=r.people(data, "attendees"),
        apologies=r.people(data, "apologies"),
        written_updates=r.people(data, "written_updates"),
        engage_lead=r.text(data, "engage_lead"),
        wishes=given(Wishes(r.text(wishes, "views"), r.text(wishes, "obtained_by"))),
        risks=tuple(risks_of(r, data)),
        others_at_risk=OthersAtRisk(
            reviewed=r.flag(others, "reviewed"),
            adults=r.text(others, "adults"),
            adults_at_risk=r.optional_flag(others, "adults_at_risk"),
            children=r.text(others, "children"),
            children_at_risk=r.optional_flag(others, "children_at_risk"),
            referral_made=r.day(others, "referral_made"),
        ),
        decisions=tuple(_texts(r, data, "decisions")),
        disagreements=tuple(_disagreements(r, data)),
        review=Review(r.day(review, "date"), r.text(review, "not_required")),
        feedback=given(
            Feedback(
                r.text(feedback, "how"), r.optional_person(feedback, "by"), r.day(feedback, "due")
            )
        ),
        capacity=None
        if capacity is None or all(v is None for v in capacity.values())
        else Capacity(
            decision=r.text(capacity, "decision"),
            assessed_on=r.day(capacity, "assessed_on"),
            assessed_by=r.optional_person(capacity, "assessed_by"),
            outcome=r.text(capacity, "outcome"),
            best_interests_decision=r.text(capacity, "best_interests_decision"),
        ),
    )


def _texts(r: FormReader, data: Any, key: str) -> list[str]:
    items = r.items(data, key)
    for item in items:
        if isinstance(item, (Mapping, list)):
            raise r.fail(data, key, f"{key}: each item is one line of text")
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def _disagreements(r: FormReader, data: Any) -> list[Disagreement[Person]]:
    found = []
    for item in entries(r, data, "disagreements", shape.DISAGREEMENT.keys):
        about = r.text(item, "about")
        if about is None:
            raise r.fail(item, "about", "about: say what the disagreement was about")
        found.append(
            Disagreement(
                r.person(item, "raised_by", item.get("raised_by")),
                about,
                r.text(item, "outcome"),
                r.flag(item, "escalated"),
            )
        )
    return found


Check = Callable[[Minutes[Person]], None]


def read_checked(path: Path, text: str, *, today: date, check: Check) -> Minutes[Person]:
    """Read the form and run `check` on it, so one loop handles every kind of problem."""
    minutes = read_form(path, text, today=today)
    try:
        check(minutes)
    except SafecliError as exc:
        if exc.path is None:
            exc.path = path
        raise
    return minutes
