"""What the overview keeps of a case: ids, dates, statuses and agency handles; no free text.

`summary` turns a case's four files (plain data) into small tuples that the
cache stores as they are (marshal); `CaseSummary.from_tuple` gives them back as
frozen records. Professionals' names (action leads) are kept, as the digest
keeps them; the adult's name, address and every free-text field are not.

An id, status, choice, agency handle or meeting time that is not a valid value is kept
as "invalid" (`shape.shown`), never as the text found. Dates are proleptic ordinals (`date.toordinal()`); a value that is missing or
not a date is None (`safecli validate` reports it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from safecli.digest.facts import case_facts, held_day, when_day
from safecli.raw import day as yaml_day
from safecli.raw import items as yaml_items
from safecli.shape import ACTION, ADULT, AGENCY, CLOSURE, ENQUIRY, MEETING, Record, shown


@dataclass(frozen=True)
class Meeting:
    """A meeting of a case: id, type, status, when (day), chair's and invitees' agencies."""

    id: str
    type: str | None
    status: str | None
    day: int | None
    when: str | None
    chair: str | None
    invited: tuple[str, ...]


@dataclass(frozen=True)
class Action:
    """An action of the plan: id, meeting, lead (agency and person), due, status, done on."""

    id: str
    meeting: str | None
    agency: str | None
    lead: str | None
    due: int | None
    status: str | None
    done_on: int | None


@dataclass(frozen=True)
class Closure:
    """Making Safeguarding Personal at closure: asked, expressed, achieved."""

    asked: bool | None
    expressed: bool | None
    achieved: str | None


@dataclass(frozen=True)
class Enquiry:
    """The case's enquiry: kind, started and concluded (days), the case's own jurisdiction,
    and whether any conclusion is recorded (as the digest asks; a date or not)."""

    kind: str | None
    started: int | None
    concluded: int | None
    jurisdiction: str | None
    conclusion_recorded: bool = False


@dataclass(frozen=True)
class CaseSummary:
    """One case as the overview sees it."""

    status: str | None
    risk: str | None
    opened: int | None
    closed: int | None
    lead_agency: str | None
    raised: int | None
    has_concern: bool
    first_called: int | None
    first_held: int | None
    meetings: tuple[Meeting, ...]
    actions: tuple[Action, ...]
    closure: Closure | None
    enquiry: Enquiry | None = None

    @classmethod
    def from_tuple(cls, data: tuple[Any, ...]) -> CaseSummary:
        """The record from what `summary` returned (and the cache kept)."""
        status, risk, opened, closed, lead, raised, concern, called, held = data[:9]
        meetings, actions, closure, enquiry = data[9:]
        return cls(
            status,
            risk,
            opened,
            closed,
            lead,
            raised,
            concern,
            called,
            held,
            meetings=tuple(Meeting(*m) for m in meetings),
            actions=tuple(Action(*a) for a in actions),
            closure=Closure(*closure) if closure is not None else None,
            enquiry=Enquiry(*enquiry) if enquiry is not None else None,
        )

    @property
    def is_open(self) -> bool:
        return self.status != "closed"

    @property
    def start(self) -> int | None:
        """The day the concern was raised (the earliest), else the day the case opened."""
        return self.raised if self.raised is not None else self.opened


def both(
    adult: dict[str, Any], agencies: list[Any], meetings: list[Any], actions: list[Any]
) -> tuple[Any, tuple[Any, ...]]:
    """The digest's facts and the overview's summary of one case, read once."""
    return (
        case_facts(adult, agencies, meetings, actions),
        summary(adult, agencies, meetings, actions),
    )


def summary(
    adult: dict[str, Any], agencies: list[Any], meetings: list[Any], actions: list[Any]
) -> tuple[Any, ...]:
    """The overview's plain tuple of one case (see CaseSummary for the fields)."""
    records = [m for m in meetings if isinstance(m, dict) and m.get("id") is not None]
    concerns = adult.get("concerns")
    raised = [
        day
        for c in yaml_items(concerns)
        if isinstance(c, dict) and (day := _day(c.get("raised_on"))) is not None
    ]
    called = [
        day
        for m in records
        if m.get("status") != "cancelled" and (day := _day(m.get("invited_on"))) is not None
    ]
    held = [day for m in records if m.get("status") == "held" and (day := held_day(m)) is not None]
    closure = adult.get("closure")
    enquiry = adult.get("enquiry")
    return (
        _text(_shown(adult, ADULT, "status")),
        _text(_shown(adult, ADULT, "risk_level")),
        _day(adult.get("opened")),
        _day(adult.get("closed")),
        _text(_shown(adult, ADULT, "lead_agency")),
        min(raised, default=None),
        bool(concerns) and isinstance(concerns, list),
        min(called, default=None),
        min(held, default=None),
        tuple(_meeting(m) for m in records),
        tuple(_action(a) for a in actions if isinstance(a, dict) and a.get("id") is not None),
        (
            (
                _flag(closure.get("outcomes_asked")),
                _flag(closure.get("outcomes_expressed")),
                _text(_shown(closure, CLOSURE, "outcomes_achieved")),
            )
            if isinstance(closure, dict)
            else None
        ),
        (
            (
                _text(_shown(enquiry, ENQUIRY, "kind")),
                _ordinal(yaml_day(enquiry.get("started_on"))),
                _ordinal(yaml_day(enquiry.get("concluded_on"))),
                _text(_shown(adult, ADULT, "jurisdiction")),
                bool(enquiry.get("concluded_on")),
            )
            if isinstance(enquiry, dict)
            else None
        ),
    )


def _meeting(m: dict[str, Any]) -> tuple[Any, ...]:
    invitees = m.get("invitees")
    invited = tuple(
        dict.fromkeys(
            agency
            for i in yaml_items(invitees)
            if isinstance(i, dict) and (agency := _agency(i.get("person"))) is not None
        )
    )
    when = m.get("when")
    return (
        str(_shown(m, MEETING, "id")),
        _text(_shown(m, MEETING, "type")),
        _text(_shown(m, MEETING, "status")),
        held_day(m) if m.get("status") == "held" else when_day(when),
        _shown(m, MEETING, "when") if isinstance(when, str) else None,
        _agency(m.get("chair")),
        invited,
    )


def _action(a: dict[str, Any]) -> tuple[Any, ...]:
    lead = a.get("lead")
    return (
        str(_shown(a, ACTION, "id")),
        _text(_shown(a, ACTION, "meeting")),
        _agency(lead),
        _text(lead.get("name")) if isinstance(lead, dict) else None,
        _day(a.get("due")),
        _text(_shown(a, ACTION, "status")),
        _day(a.get("done_on")),
    )


def _agency(raw: Any) -> str | None:
    return _text(shown(raw.get("agency"), AGENCY, "handle")) if isinstance(raw, dict) else None


def _shown(stored: dict[str, Any], record: Record, key: str) -> Any:
    """A stored enumerated value as the report may print it (`shape.shown`)."""
    return shown(stored.get(key), record, key)


def _text(value: Any) -> str | None:
    return None if value is None or isinstance(value, (dict, list)) else str(value)


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _day(value: Any) -> int | None:
    return value.toordinal() if isinstance(value, date) else None


def _ordinal(value: date | None) -> int | None:
    return value.toordinal() if value is not None else None
