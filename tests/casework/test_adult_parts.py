"""adult.yaml's typed records are its declared records: the same keys, in order."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from safecli import shape
from safecli.casework.adult_parts import (
    RECORDS,
    Adult,
    AdultWishes,
    CapacityAssessment,
    Concern,
    Enquiry,
)
from safecli.casework.adult_reader import read_adult
from safecli.model import INVALID, Person


@pytest.mark.parametrize(("record", "part"), RECORDS, ids=[p.__name__ for _, p in RECORDS])
def test_a_part_has_its_declared_keys_in_order(record: shape.Record, part: type) -> None:
    assert tuple(f.name for f in fields(part)) == record.keys


def _parts(record: shape.Record) -> set[str]:
    found = {record.name}
    for field in record.fields.values():
        item = field.item if isinstance(field, shape.ListOf) else field
        if isinstance(item, shape.Record):
            found |= _parts(item)
    return found


def test_adult_yaml_and_every_part_of_it_are_typed() -> None:
    assert {record.name for record, _ in RECORDS} == _parts(shape.ADULT)


def test_adult_yaml_reads_as_its_typed_record() -> None:
    lee = {"agency": "police", "name": "DC Lee Jones"}
    stored = {
        "case": "SG-2026-0001",
        "status": "open",
        "opened": date(2026, 10, 1),
        "risk_level": "high - lives at 12 Acacia Road",
        "concerns": [{"type": "financial", "raised_on": date(2026, 10, 2), "raised_by": lee}, 3],
        "capacity": [{"decision": "Where to live", "outcome": "lacks", "by": lee}],
        "wishes": {"asked_on": "2026-10-03", "outcomes": ["Stay at home", " ", 4]},
        "enquiry": {"kind": "s42", "allegations": "none"},
        "closure": "closed",
    }
    adult = read_adult(stored, Person.from_raw)
    police = Person("police", "DC Lee Jones")
    assert adult.case == "SG-2026-0001" and adult.opened == date(2026, 10, 1)
    assert adult.risk_level == INVALID
    assert adult.concerns == (
        Concern(type="financial", raised_on=date(2026, 10, 2), raised_by=police),
        Concern(),
    )
    assert adult.capacity == (CapacityAssessment("Where to live", "lacks", None, police),)
    assert adult.wishes == AdultWishes(None, ("Stay at home", "4"), None)
    assert adult.enquiry == Enquiry(kind="s42")
    assert adult.closure == Adult().closure


def test_anything_but_a_mapping_reads_as_nothing_recorded() -> None:
    assert read_adult(["adult"], Person.from_raw) == Adult()
