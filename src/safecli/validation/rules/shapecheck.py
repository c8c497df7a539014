"""Check a file's data against its shape (`shape/`): problems, and references to resolve.

Runs on every value of every file of a book, so it appends to lists instead of
yielding, and builds a key path only where it records something.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from safecli import model
from safecli.dates import parse_when
from safecli.errors import InvalidInput
from safecli.shape import (
    FILES,
    PERSON_REF,
    WHEN,
    Choice,
    Count,
    Day,
    Flag,
    Id,
    ListOf,
    Number,
    PersonRef,
    Record,
    Ref,
    Shape,
    Text,
    TextOr,
    When,
)
from safecli.store.refusals import named

Keys = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """A value that does not fit its shape. `kind`: unknown-key, type, missing, choice, date."""

    kind: str
    keys: Keys
    message: str


@dataclass(frozen=True)
class Reference:
    """A value that names something defined elsewhere (target: agency, person, meeting,
    action or case)."""

    target: str
    keys: Keys
    value: Any


@dataclass(frozen=True)
class Vocabularies:
    """The lists that depend on the book and the case: the meeting types usable in the
    case's jurisdiction, and for those of the other jurisdiction what to use instead."""

    meeting_types: tuple[str, ...]
    jurisdiction: str
    tz: ZoneInfo
    elsewhere: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Walk:
    """What walking one file found."""

    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def walk(kind: str, data: Any, vocab: Vocabularies) -> Walk:
    """Check a file's data against its shape, collecting problems and references."""
    found = Walk()
    _Walker(vocab, found).visit(FILES[kind], data, ())
    return found


def describe(value: Any) -> str:
    """What kind of YAML value this is, in words. The value itself is not repeated: it may be
    the adult's personal data (a phone number, a date of birth), and messages go to logs."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def suggestion(value: Any, known: Any) -> str:
    """`; did you mean 'x'?` for a near miss among known strings, else ''."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, [str(k) for k in known], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


_TARGETS = {
    "agency": "an agency handle",
    "meeting": "a meeting id (M1)",
    "action": "an action id (A1)",
    "case": "a case id",
}


# The commonest values, which `visit` would pass without a word: text where text is
# wanted, a date where a day is, true/false for a flag, an id (INT002 checks ids), one
# of a fixed list's words. Values of these shapes are not visited (nor are nulls where
# null is allowed).
_FITS = {Text: (str,), Day: (date,), Flag: (bool,), Id: (str,)}
_NONE = type(None)

# What a value of a shape needs to be passed without a visit: its class is one of
# `classes`, or it is a string of `words`.
Fit = tuple[frozenset[type], frozenset[str]]
# A record's fields as (fit, shape) by key; a list's items' fit.
_FIELDS: dict[int, tuple[Record, dict[str, tuple[frozenset[type], frozenset[str], Shape]]]] = {}
_ITEMS: dict[int, tuple[ListOf, Fit]] = {}


def _fit(shape: Shape) -> Fit:
    classes = set(_FITS.get(shape.__class__, ()))
    if shape.nullable:
        classes.add(_NONE)
    words = frozenset(shape.values) if isinstance(shape, Choice) and not shape.vocabulary else ()
    return frozenset(classes), frozenset(words)


def _fields(shape: Record) -> dict[str, tuple[frozenset[type], frozenset[str], Shape]]:
    """A record's fields by key, with what their values need to be passed (worked out once
    for each record shape, which the shape package declares once)."""
    known = _FIELDS.get(id(shape))
    if known is None or known[0] is not shape:
        known = _FIELDS[id(shape)] = (
            shape,
            {key: (*_fit(sub), sub) for key, sub in shape.fields.items()},
        )
    return known[1]


def _items(shape: ListOf) -> Fit:
    known = _ITEMS.get(id(shape))
    if known is None or known[0] is not shape:
        known = _ITEMS[id(shape)] = (shape, _fit(shape.item))
    return known[1]


class _Walker:
    """Walks data and shape together, appending to a Walk."""

    def __init__(self, vocab: Vocabularies, found: Walk) -> None:
        self.vocab = vocab
        self.problems = found.problems
        self.references = found.references

    def visit(self, shape: Shape, value: Any, keys: Keys) -> None:
        if value is None:
            if not shape.nullable:
                self.problems.append(Problem("type", keys, f"{field_name(keys)} cannot be null"))
            return
        cls = shape.__class__
        if cls is Text:
            if value.__class__ is not str:
                self.problems.append(
                    Problem(
                        "type",
                        keys,
                        f"{field_name(keys)} should be text, "
                        f"found {describe(value)} (write it in quotes)",
                    )
                )
        elif cls is Record:
            self.record(shape, value, keys)  # type: ignore[arg-type]
        elif cls is ListOf:
            self.listing(shape, value, keys)  # type: ignore[arg-type]
        elif cls is PersonRef:
            self.person(value, keys)
        elif cls is Ref:
            if value.__class__ is str:
                self.references.append(Reference(shape.target, keys, value))  # type: ignore[union-attr]
            else:
                self.problems.append(
                    Problem(
                        "type",
                        keys,
                        f"{field_name(keys)} should be "
                        f"{_TARGETS[shape.target]}, found "  # type: ignore[union-attr]
                        f"{describe(value)}",
                    )
                )
        elif cls is TextOr:
            if isinstance(value, dict):
                self.record(shape.record, value, keys)  # type: ignore[union-attr]
            elif value.__class__ is not str:
                fields = ", ".join(shape.record.fields)  # type: ignore[union-attr]
                self.problems.append(
                    Problem(
                        "type",
                        keys,
                        f"{field_name(keys)} should be text or "
                        f"a mapping with {fields}, found "
                        f"{describe(value)}",
                    )
                )
        elif cls is not Id:
            problem = _scalar_problem(shape, value, keys, self.vocab)
            if problem is not None:
                self.problems.append(problem)

    def record(self, shape: Record, value: Any, keys: Keys) -> None:
        if value.__class__ is not dict:
            self.problems.append(
                Problem(
                    "type",
                    keys,
                    f"{field_name(keys)} should be a mapping ({shape.name}), found {describe(value)}",
                )
            )
            return
        fields = _fields(shape)
        for key, item in value.items():
            field = fields.get(key) if key.__class__ is str else None
            if field is None:
                self.problems.append(
                    Problem(
                        "unknown-key",
                        (*keys, key),
                        f"unknown key {named(key)}in {shape.name}{suggestion(key, fields)}",
                    )
                )
                continue
            classes, words, sub = field
            cls = item.__class__
            if cls in classes or (cls is str and item in words):
                continue
            kind = sub.__class__
            if cls is dict and kind is Record:
                self.record(sub, item, (*keys, key))  # type: ignore[arg-type]
            elif cls is dict and kind is PersonRef:
                self.person(item, (*keys, key))
            elif cls is str and kind is Ref:
                self.references.append(Reference(sub.target, (*keys, key), item))  # type: ignore[union-attr]
            else:
                self.visit(sub, item, (*keys, key))
        for key in shape.required:
            if key not in value:
                self.problems.append(Problem("missing", keys, f"{shape.name} has no {key!r}"))

    def listing(self, shape: ListOf, value: Any, keys: Keys) -> None:
        if value.__class__ is not list:
            self.problems.append(
                Problem(
                    "type", keys, f"{field_name(keys)} should be a list, found {describe(value)}"
                )
            )
            return
        item_shape = shape.item
        classes, words = _items(shape)
        kind = item_shape.__class__
        for index, item in enumerate(value):
            cls = item.__class__
            if cls in classes or (cls is str and item in words):
                continue
            if cls is dict and kind is Record:
                self.record(item_shape, item, (*keys, index))  # type: ignore[arg-type]
            elif cls is dict and kind is PersonRef:
                self.person(item, (*keys, index))
            elif cls is str and kind is Ref:
                self.references.append(Reference(item_shape.target, (*keys, index), item))  # type: ignore[union-attr]
            else:
                self.visit(item_shape, item, (*keys, index))

    def person(self, value: Any, keys: Keys) -> None:
        if value.__class__ is not dict:
            self.problems.append(
                Problem(
                    "type",
                    keys,
                    f"{field_name(keys)} should be a person "
                    f"{{agency: HANDLE, name: NAME}}, found "
                    f"{describe(value)}",
                )
            )
            return
        if value.get("agency").__class__ is str and value.get("name").__class__ is str:
            if len(value) != 2:  # else nothing more to check: both keys, both text
                self.record(PERSON_REF, value, keys)
            self.references.append(Reference("person", keys, value))
        else:
            self.record(PERSON_REF, value, keys)


def _scalar_problem(shape: Shape, value: Any, keys: Keys, vocab: Vocabularies) -> Problem | None:
    if isinstance(shape, Flag):
        if not isinstance(value, bool):
            return Problem(
                "type", keys, f"{field_name(keys)} should be true or false, found {describe(value)}"
            )
    elif isinstance(shape, Count):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return Problem(
                "type",
                keys,
                f"{field_name(keys)} should be a whole number, found {describe(value)}",
            )
    elif isinstance(shape, Number):
        if isinstance(value, bool) or not isinstance(value, int):
            return Problem(
                "type",
                keys,
                f"{field_name(keys)} should be a whole number, found {describe(value)}",
            )
        if not shape.minimum <= value <= shape.maximum:
            return Problem(
                "type",
                keys,
                f"{field_name(keys)} should be from {shape.minimum} to {shape.maximum}, found {value}",
            )
    elif isinstance(shape, Day):
        if isinstance(value, datetime) or not isinstance(value, date):
            return Problem(
                "date",
                keys,
                f"{field_name(keys)} should be a date (YYYY-MM-DD), found {describe(value)}",
            )
    elif isinstance(shape, When):
        return _when_problem(value, keys, vocab.tz)
    elif isinstance(shape, Choice):
        return _choice_problem(shape, value, keys, vocab)
    return None


def _when_problem(value: Any, keys: Keys, tz: ZoneInfo) -> Problem | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return Problem(
            "date",
            keys,
            f"{field_name(keys)} needs a time as well: write {value.isoformat()}T10:00",
        )
    if not isinstance(value, str) or not re.match(WHEN, value):
        return Problem(
            "date",
            keys,
            f"{field_name(keys)} should be a time written YYYY-MM-DDTHH:MM, found {describe(value)}",
        )
    reason = _WHEN_REASONS.get((value, tz), _UNSEEN)
    if reason is _UNSEEN:
        try:
            parse_when(value, tz)
            reason = None
        except InvalidInput as exc:
            reason = _date_reason(exc)
        if len(_WHEN_REASONS) >= _WHEN_LIMIT:
            _WHEN_REASONS.clear()
        _WHEN_REASONS[value, tz] = reason
    return None if reason is None else Problem("date", keys, f"{field_name(keys)} {reason}")


# Why a time written YYYY-MM-DDTHH:MM cannot be used in a zone (None: it can). Reading
# one in a zone costs as much as checking a whole meeting, and a book repeats its times.
_WHEN_REASONS: dict[tuple[str, ZoneInfo], str | None] = {}
_WHEN_LIMIT = 100_000
_UNSEEN: Any = object()


def _choice_problem(shape: Choice, value: Any, keys: Keys, vocab: Vocabularies) -> Problem | None:
    choices = shape.values
    if shape.vocabulary == "meeting-type":
        choices = vocab.meeting_types
        if isinstance(value, str) and value in vocab.elsewhere:
            return Problem(
                "choice",
                keys,
                f"{value!r} is not used in {vocab.jurisdiction.title()}: {vocab.elsewhere[value]}",
            )
    elif shape.vocabulary == "abuse-type" and vocab.jurisdiction != "wales":
        choices = model.ABUSE_TYPES
        if value in model.WALES_ABUSE_TYPES:
            return Problem(
                "choice",
                keys,
                f"{value!r} is an abuse type of the Welsh "
                f"procedures (s126); this case is in {vocab.jurisdiction.title()}",
            )
    if isinstance(value, str) and value in choices:
        return None
    found = "" if isinstance(value, str) else f", found {describe(value)}"
    return Problem(
        "choice",
        keys,
        f"{field_name(keys)} is not one of: {', '.join(choices)}{found}{suggestion(value, choices)}",
    )


def _date_reason(exc: InvalidInput) -> str:
    """Why a stored time cannot be used, without repeating it (it may be anything typed)."""
    message = exc.message
    if "out of range" in message:
        return "is " + message[message.index("out of range") :]
    return "is not a possible date and time (YYYY-MM-DDTHH:MM)"


def field_name(keys: Keys) -> str:
    """A key path as a person reads it: `minutes.review.date`, `invitees[2].reason`."""
    text = ""
    for key in keys[1:] if keys and isinstance(keys[0], int) else keys:
        if isinstance(key, int):
            text += f"[{key + 1}]"
        else:
            text += f".{key}" if text else str(key)
    return text or "this item"
