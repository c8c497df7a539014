"""One chronology entry (a `Fact`) and how the event modules name its agency and person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from safecli import raw, shape
from safecli.model import Person
from safecli.render.i18n import N_
from safecli.reports.chronology_words import NONE, Said, say
from safecli.shape import AGENCY

Fact = dict[str, Any]
RECORDED = say(N_("decision recorded"))
REASON = say(N_("reason recorded"))


def fact(
    day: Any,
    agency: str,
    event: Said,
    action: Said = NONE,
    person: Person | None = None,
    detail: str | None = None,
) -> Fact:
    """An entry: its day, agency, event and action phrases, person's name and detail."""
    return {
        "day": day,
        "agency": agency,
        "event": event,
        "action": action,
        "person": person.name if person else None,
        "detail": detail,
    }


def shown(stored: Mapping[str, Any], record: shape.Record, key: str) -> str | None:
    """An enumerated value as text the chronology may print (`shape.shown`: "invalid" for a
    hand-edited one); free text (summaries, reasons) is the chronology's detail column."""
    return raw.text(shape.shown(stored.get(key), record, key))


def agency(handle: Any) -> str:
    """An agency's handle as the chronology prints it ("invalid" for a hand-edited one)."""
    return str(shape.shown(handle, AGENCY, "handle"))


def who(value: Any, fallback: str) -> tuple[str, Person | None]:
    """A person (as stored, or read already) and her agency; else the fallback agency."""
    person = value if isinstance(value, Person) else Person.from_raw(value)
    return (agency(person.agency), person) if person else (fallback, None)
