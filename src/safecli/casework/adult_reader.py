"""Stored adult.yaml read back as the typed record (`casework.adult_parts.Adult`).

The plan, the chronology and the documents read the adult's case here, once, field by
field as `safecli.shape` declares it: the file may be hand-edited and wrong until
validate passes it, so a value of the wrong kind reads as not recorded (`safecli.raw`),
never as an error, and an enumerated value that is none of its valid values reads as
`INVALID` (`shape.shown`); each person is whatever `person` makes of a stored
`{agency, name}`, and a list entry that is not a mapping reads as an empty part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from safecli import raw, shape
from safecli.casework.adult_parts import RECORDS, Adult

P = TypeVar("P")
_CLASSES = {record.name: part for record, part in RECORDS}


def read_adult(stored: Any, person: Callable[[Any], P | None]) -> Adult[P]:
    """The typed adult.yaml of a stored mapping (anything else reads as nothing recorded)."""
    return cast("Adult[P]", read_part(stored, shape.ADULT, person))


def read_part(stored: Any, record: shape.Record, person: Callable[[Any], Any]) -> Any:
    """One declared part of adult.yaml as its typed class (`adult_parts.RECORDS`)."""
    entry = raw.mapping(stored)
    values = {key: _value(entry.get(key), record, key, person) for key in record.keys}
    return _CLASSES[record.name](**values)


def _value(value: Any, record: shape.Record, key: str, person: Callable[[Any], Any]) -> Any:
    field = record.fields[key]
    if isinstance(field, shape.Record):
        return read_part(value, field, person)
    if isinstance(field, shape.ListOf):
        if isinstance(field.item, shape.Record):
            return tuple(read_part(item, field.item, person) for item in raw.items(value))
        return raw.texts(value)
    if isinstance(field, shape.PersonRef):
        return person(value)
    if isinstance(field, shape.Day):
        return raw.day(value)
    if isinstance(field, shape.Flag):
        return value if isinstance(value, bool) else None
    if isinstance(field, shape.Number):
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(field, (shape.Choice, shape.Id, shape.Ref)):
        return raw.text(shape.shown(value, record, key))
    return raw.text(value)
