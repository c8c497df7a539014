"""The typed minutes and their parts are their declared records: the same keys, in order."""

from __future__ import annotations

from dataclasses import fields

import pytest

from safecli import shape
from safecli.casework.minutes_parts import RECORDS


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
