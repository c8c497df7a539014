"""An enumerated field's value as a view may print it: the value when valid, else "invalid"."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from safecli import model
from safecli.shape.kinds import HANDLE, WHEN, Choice, Day, Id, ListOf, Record, Ref, When

INVALID = model.INVALID


def shown(value: Any, record: Record, key: str) -> Any:
    """A field's value as a view may print it, for an enumerated field (a choice, an id,
    a reference, a date or a meeting time): the value when it is one of the field's valid values
    or matches its pattern, None when not recorded, else `INVALID` (validate reports the
    finding). A choice whose values depend on the book (a meeting type) must be a
    well-formed word. For a list field, value is one item of it. Any other field is returned as it is. So a hand-edited value (`risk_level:
    high - lives at 12 Acacia Road`) never reaches a list, a digest or a report."""
    if value is None:
        return None
    field = record.fields[key]
    if isinstance(field, ListOf):  # value is an item of the list
        field = field.item
    if isinstance(field, Choice):
        valid = value in field.values if field.values else _word(value, HANDLE)
    elif isinstance(field, (Id, Ref)):
        valid = _word(value, field.pattern)
    elif isinstance(field, When):
        valid = _word(value, WHEN)
    elif isinstance(field, Day):
        valid = isinstance(value, date) and not isinstance(value, datetime)
    else:
        return value
    return value if valid else INVALID


def _word(value: Any, pattern: str) -> bool:
    return isinstance(value, str) and _compiled(pattern).fullmatch(value) is not None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # fullmatch: the pattern's `$` alone would let a trailing newline through.
    return re.compile(pattern.rstrip("$"))
