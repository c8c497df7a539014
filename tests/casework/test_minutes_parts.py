"""The typed minutes and their parts are their declared records: the same keys, in order."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from safecli import shape
from safecli.casework import minutes_form
from safecli.casework.form_reader import FORM_KEYS
from safecli.casework.minutes import minutes_record
from safecli.casework.minutes_parts import (
    RECORDS,
    Capacity,
    Disagreement,
    Feedback,
    Minutes,
    OthersAtRisk,
    Review,
    Risk,
    Wishes,
)
from safecli.casework.minutes_reader import read_minutes
from safecli.model import Person
from safecli.store import roundtrip


@pytest.mark.parametrize(("record", "part"), RECORDS, ids=[p.__name__ for _, p in RECORDS])
def test_a_part_has_its_declared_keys_in_order(record: shape.Record, part: type) -> None:
    assert tuple(f.name for f in fields(part)) == record.keys


def test_the_minutes_and_every_part_of_them_are_typed() -> None:
    declared = {shape.MINUTES.name}
    declared |= {r.name for r in shape.MINUTES.fields.values() if isinstance(r, shape.Record)}
    declared |= {
        r.item.name
        for r in shape.MINUTES.fields.values()
        if isinstance(r, shape.ListOf) and isinstance(r.item, shape.Record)
    }
    assert {record.name for record, _ in RECORDS} == declared


def test_minutes_read_back_as_they_were_written() -> None:
    lee, sam = Person("police", "DC Lee Jones"), Person("asc", "Sam Patel")
    written = Minutes(
        held_on=date(2026, 11, 3),
        attendees=(sam, lee),
        apologies=(lee,),
        engage_lead="asc",
        wishes=Wishes("Stay at home", "a visit"),
        risks=(Risk("Money taken", "Bank told", None, ("A1", "A2")),),
        others_at_risk=OthersAtRisk(True, "none", False, "two grandsons", True, date(2026, 11, 4)),
        decisions=("Proceed to an enquiry",),
        disagreements=(Disagreement(lee, "Interview now", "Wait", escalated=True),),
        review=Review(date(2026, 12, 1)),
        feedback=Feedback("Phone call", sam, date(2026, 11, 5)),
        capacity=Capacity("Where to live", date(2026, 11, 2), lee, "lacks", "Stay at home"),
    )
    text = roundtrip.dump(minutes_record(written))
    stored = roundtrip.parse(Path("m.yaml"), text, dict)
    assert read_minutes(stored, Person.from_raw) == written


def test_minutes_without_a_held_on_date_read_as_none() -> None:
    assert read_minutes({"attendees": []}, Person.from_raw) is None
    assert read_minutes("held", Person.from_raw) is None


def test_the_form_has_words_for_every_declared_field_it_asks_for() -> None:
    assert tuple(minutes_form.WORDING) == FORM_KEYS
    assert set(minutes_form.ONLY_SOME) <= set(FORM_KEYS)
