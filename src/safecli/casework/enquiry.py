"""The enquiry of a case, its allegations and the adult's demographics (for the statutory return)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from safecli import shape
from safecli.casework.adult_parts import Allegation, Demographics
from safecli.errors import InvalidInput
from safecli.model import (
    ALLEGATION_ACTIONS,
    ALLEGATION_LOCATIONS,
    ALLEGATION_SOURCES,
    ALLEGATION_TYPES,
    ENQUIRY_CAPACITY,
    ENQUIRY_KINDS,
    ETHNICITIES,
    GENDERS,
    RISK_OUTCOMES,
    SUPPORT_REASONS,
    check_choice,
)
from safecli.store import roundtrip
from safecli.store.book import Book, Case, edit_case


@dataclass(frozen=True)
class EnquiryChange:
    """What `case enquiry` sets; None leaves a field as it is."""

    kind: str | None = None
    decided_on: date | None = None
    started_on: date | None = None
    concluded_on: date | None = None
    council: str | None = None
    large_scale: str | None = None
    capacity: str | None = None
    capacity_support: bool | None = None


def set_enquiry(book: Book, case_id: str, change: EnquiryChange) -> Case:
    """Record or update the case's enquiry: its kind, dates, council and capacity."""
    if change.kind is not None:
        check_choice(change.kind, ENQUIRY_KINDS, "enquiry kind")
    if change.capacity is not None:
        check_choice(change.capacity, ENQUIRY_CAPACITY, "capacity at the enquiry")
    values = {key: value for key, value in asdict(change).items() if value is not None}
    if not values:
        raise InvalidInput("nothing to record: give at least one field of the enquiry")
    with edit_case(book, case_id) as case:
        enquiry = case.adult.get("enquiry")
        if not isinstance(enquiry, dict):
            if change.kind is None:
                raise InvalidInput(
                    f"{case_id} has no enquiry yet: give its kind ({', '.join(ENQUIRY_KINDS)})"
                )
            empty = {key: None for key in shape.ENQUIRY.keys}
            enquiry = roundtrip.record(shape.ENQUIRY.keys, {**empty, "allegations": []})
            put(case.adult, shape.ADULT.keys, "enquiry", enquiry)
        for key, value in values.items():
            put(enquiry, shape.ENQUIRY.keys, key, roundtrip.scalar(value))
    return case


def add_allegation(book: Book, case_id: str, allegation: Allegation) -> Case:
    """Add an allegation to the case's enquiry: its type, location and source are
    required, its action and risk outcome optional."""
    for value, choices, what in (
        (allegation.type, ALLEGATION_TYPES, "allegation type"),
        (allegation.location, ALLEGATION_LOCATIONS, "location of risk"),
        (allegation.source, ALLEGATION_SOURCES, "source of risk"),
    ):
        if value is None:
            raise InvalidInput(f"give the {what}")
        check_choice(value, choices, what)
    if allegation.action is not None:
        check_choice(allegation.action, ALLEGATION_ACTIONS, "action and result")
    if allegation.risk_outcome is not None:
        check_choice(allegation.risk_outcome, RISK_OUTCOMES, "risk outcome")
    with edit_case(book, case_id) as case:
        enquiry = case.adult.get("enquiry")
        if not isinstance(enquiry, dict) or enquiry.get("kind") in (None, "none"):
            raise InvalidInput(
                f"{case_id} has no enquiry to add an allegation to: "
                "record one first (safecli case enquiry CASE --kind s42)"
            )
        allegations = enquiry.get("allegations")
        if not isinstance(allegations, list):
            allegations = CommentedSeq()
            put(enquiry, shape.ENQUIRY.keys, "allegations", allegations)
        roundtrip.append(allegations, roundtrip.record(shape.ALLEGATION.keys, asdict(allegation)))
    return case


def set_demographics(book: Book, case_id: str, change: Demographics) -> Case:
    """Record (a None field is left as it is) the adult's gender, ethnicity group, primary support reason and autism flags."""
    for value, choices, what in (
        (change.gender, GENDERS, "gender"),
        (change.ethnicity, ETHNICITIES, "ethnicity group"),
        (change.support_reason, SUPPORT_REASONS, "primary support reason"),
    ):
        if value is not None:
            check_choice(value, choices, what)
    values = {key: value for key, value in asdict(change).items() if value is not None}
    if not values:
        raise InvalidInput("nothing to record: give at least one of the demographics")
    with edit_case(book, case_id) as case:
        record = case.adult.get("demographics")
        if not isinstance(record, dict):
            record = roundtrip.record(
                shape.DEMOGRAPHICS.keys, {key: None for key in shape.DEMOGRAPHICS.keys}
            )
            put(case.adult, shape.ADULT.keys, "demographics", record)
        for key, value in values.items():
            put(record, shape.DEMOGRAPHICS.keys, key, roundtrip.scalar(value))
    return case


def put(mapping: Any, order: tuple[str, ...], key: str, value: Any) -> None:
    """Set a key, placing a new one after the keys that come before it in `order`."""
    if key in mapping or not isinstance(mapping, CommentedMap):
        mapping[key] = value
        return
    earlier = set(order[: order.index(key)]) if key in order else set(order)
    position = max((i + 1 for i, k in enumerate(mapping) if k in earlier), default=0)
    mapping.insert(position, key, value)
