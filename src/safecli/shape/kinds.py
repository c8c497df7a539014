"""The vocabulary records are declared in: each kind of value a field may hold.

`Record` is a mapping with known keys in the order safecli writes them; the other
kinds are its values (text, a date, a choice, a reference, a list of items …), and
the patterns are those of the ids and handles the records define or refer to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from safecli import model


@dataclass(frozen=True)
class Text:
    """Free text (a string)."""

    nullable: bool = True


@dataclass(frozen=True)
class Day:
    """An ISO date (`2026-12-03`)."""

    nullable: bool = True


@dataclass(frozen=True)
class When:
    """A meeting time as stored: `2026-12-01T10:00`, local to the book's timezone."""

    nullable: bool = True


@dataclass(frozen=True)
class Flag:
    """true or false."""

    nullable: bool = True


@dataclass(frozen=True)
class Count:
    """A whole number, 0 or more."""

    nullable: bool = True


@dataclass(frozen=True)
class Number:
    """A whole number from `minimum` to `maximum` (a point size)."""

    minimum: int
    maximum: int
    nullable: bool = True


@dataclass(frozen=True)
class Choice:
    """One of a fixed list; `vocabulary` names a list that depends on the book or case."""

    values: tuple[str, ...]
    what: str
    vocabulary: str | None = None
    nullable: bool = True


@dataclass(frozen=True)
class Id:
    """An id or handle that a record defines; checked by the id rule (INT002)."""

    pattern: str
    nullable: bool = False


@dataclass(frozen=True)
class Ref:
    """A reference to something defined elsewhere: an agency, meeting, action or case."""

    target: str
    pattern: str
    nullable: bool = True


@dataclass(frozen=True)
class PersonRef:
    """A person of an agency of the case: `{agency: HANDLE, name: NAME}`."""

    nullable: bool = True


@dataclass(frozen=True)
class ListOf:
    """A list of items of one shape; null means none."""

    item: Shape
    nullable: bool = True


@dataclass(frozen=True)
class Record:
    """A mapping with known keys, in the order safecli writes them."""

    name: str
    fields: Mapping[str, Shape]
    required: tuple[str, ...] = ()
    nullable: bool = True

    @property
    def keys(self) -> tuple[str, ...]:
        """The record's keys in the order safecli writes them."""
        return tuple(self.fields)


@dataclass(frozen=True)
class TextOr:
    """Either free text or a record (an agenda item, or a part of the agenda per adult)."""

    record: Record
    nullable: bool = False


Shape = (
    Text
    | Day
    | When
    | Flag
    | Count
    | Number
    | Choice
    | Id
    | Ref
    | PersonRef
    | ListOf
    | Record
    | TextOr
)

MEETING_ID = r"^M[1-9][0-9]*$"
ACTION_ID = r"^A[1-9][0-9]*$"
HANDLE = model.HANDLE.pattern
CASE_ID = model.CASE_ID.pattern
WHEN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$"


def choice(values: tuple[str, ...], what: str, **kwargs: Any) -> Choice:
    """A `Choice` of these values (the keywords as `Choice` takes them)."""
    return Choice(values, what, **kwargs)
