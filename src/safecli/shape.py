"""The shape of the four case files: every key, what its value must be, what it refers to.

Each record is declared here once, and every other description of it is derived:
the order safecli writes its keys in (`Record.keys`, the order of its fields), the
integrity rules' shape check (`validation.rules.shapecheck`: unknown keys, values of the
wrong kind, invalid choices, references to resolve), `safecli schema` (JSON Schema
for editors and check-jsonschema) and the minutes form of `meeting record --edit`.
A new field is added here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
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


def _choice(values: tuple[str, ...], what: str, **kwargs: Any) -> Choice:
    return Choice(values, what, **kwargs)


# Every record is declared by its fields alone: the order of the fields is the
# order safecli writes the keys in (`Record.keys`), so there is no second list to keep.
CLOSURE = Record(
    "closure",
    {
        "reason": Text(),
        "outcomes_asked": Flag(),
        "not_asked_reason": Text(),
        "outcomes_expressed": Flag(),
        "outcomes_achieved": _choice(model.OUTCOMES_ACHIEVED, "outcomes achieved"),
    },
)

COMMUNICATION = Record(
    "communication",
    {
        "language": Text(),
        "interpreter": Text(),
        "advocate": Text(),
        "needs_advocate": Flag(),
        "easy_read": Flag(),
        "large_print": Number(*model.LARGE_PRINT_SIZES),
        "notes": Text(),
    },
)

REPRESENTATIVE = Record("representative", {"name": Text(), "relationship": Text(), "phone": Text()})

CARE_AND_SUPPORT = Record(
    "care_and_support", {"has_needs": Flag(), "at_risk": Flag(), "unable_to_protect": Flag()}
)

CONCERN = Record(
    "a concern",
    {
        "type": _choice(
            model.ABUSE_TYPES + model.WALES_ABUSE_TYPES, "abuse type", vocabulary="abuse-type"
        ),
        "summary": Text(),
        "source": Text(),
        "location": Text(),
        "raised_on": Day(),
        "raised_by": PersonRef(),
        "offender_risk": Flag(),
    },
    nullable=False,
)

CAPACITY = Record(
    "a capacity assessment",
    {
        "decision": Text(),
        "outcome": _choice(model.CAPACITY_OUTCOMES, "capacity outcome"),
        "assessed_on": Day(),
        "by": PersonRef(),
    },
    nullable=False,
)

EVENT = Record(
    "an event",
    {
        "happened_on": Day(nullable=False),
        "kind": _choice(model.EVENT_KINDS, "event kind", nullable=False),
        "agency": Ref("agency", HANDLE, nullable=False),
        "by": PersonRef(),
        "summary": Text(),
    },
    required=("happened_on", "kind", "agency"),
    nullable=False,
)

WISHES = Record(
    "wishes",
    {
        "asked_on": Day(),
        "outcomes": ListOf(Text(nullable=False)),
        "not_asked_reason": Text(),
    },
)

OTHERS_AT_RISK = Record(
    "others_at_risk",
    {"children": Flag(), "adults": Flag(), "notes": Text(), "referral_made": Day()},
)

DEMOGRAPHICS = Record(
    "demographics",
    {
        "gender": _choice(model.GENDERS, "gender"),
        "ethnicity": _choice(model.ETHNICITIES, "ethnicity group"),
        "support_reason": _choice(model.SUPPORT_REASONS, "primary support reason"),
        "autism": Flag(),
        "asperger": Flag(),
        "died_on": Day(),
    },
)

ALLEGATION = Record(
    "an allegation",
    {
        "type": _choice(model.ALLEGATION_TYPES, "allegation type"),
        "location": _choice(model.ALLEGATION_LOCATIONS, "location of risk"),
        "source": _choice(model.ALLEGATION_SOURCES, "source of risk"),
        "action": _choice(model.ALLEGATION_ACTIONS, "action and result"),
        "risk_outcome": _choice(model.RISK_OUTCOMES, "risk outcome"),
    },
    nullable=False,
)

ENQUIRY = Record(
    "the enquiry",
    {
        "kind": _choice(model.ENQUIRY_KINDS, "enquiry kind", nullable=False),
        "decided_on": Day(),
        "started_on": Day(),
        "concluded_on": Day(),
        "council": Text(),
        "large_scale": Text(),
        "capacity": _choice(model.ENQUIRY_CAPACITY, "capacity at the enquiry"),
        "capacity_support": Flag(),
        "allegations": ListOf(ALLEGATION),
    },
    required=("kind",),
)

ADULT = Record(
    "adult.yaml",
    {
        "case": Id(CASE_ID),
        "jurisdiction": _choice(model.JURISDICTIONS, "jurisdiction"),
        "status": _choice(model.CASE_STATUSES, "case status", nullable=False),
        "opened": Day(nullable=False),
        "name": Text(),
        "preferred_name": Text(),
        "date_of_birth": Day(),
        "transition_reason": Text(),
        "address": Text(),
        "phone": Text(),
        "communication": COMMUNICATION,
        "representative": REPRESENTATIVE,
        "care_and_support": CARE_AND_SUPPORT,
        "engagement": _choice(model.ENGAGEMENT, "engagement"),
        "risk_level": _choice(model.RISK_LEVELS, "risk level"),
        "lead_agency": Ref("agency", HANDLE),
        "coordinator": PersonRef(),
        "concerns": ListOf(CONCERN),
        "capacity": ListOf(CAPACITY),
        "events": ListOf(EVENT),
        "wishes": WISHES,
        "others_at_risk": OTHERS_AT_RISK,
        "demographics": DEMOGRAPHICS,
        "enquiry": ENQUIRY,
        "closed": Day(),
        "closure": CLOSURE,
    },
    required=("status", "opened"),
    nullable=False,
)

PERSON_REF = Record(
    "a person",
    {"agency": Text(nullable=False), "name": Text(nullable=False)},
    required=("agency", "name"),
)

AGENCY_PERSON = Record(
    "a person of the agency",
    {
        "name": Text(nullable=False),
        "role": Text(),
        "email": Text(),
        "phone": Text(),
        "language": _choice(model.DOCUMENT_LANGUAGES, "language"),
        "large_print": Number(*model.LARGE_PRINT_SIZES),
    },
    required=("name",),
    nullable=False,
)

AGENCY = Record(
    "an agency",
    {
        "handle": Id(HANDLE),
        "name": Text(),
        "kind": _choice(model.AGENCY_KINDS, "agency kind", nullable=False),
        "people": ListOf(AGENCY_PERSON),
    },
    required=("name", "kind"),
    nullable=False,
)

DISAGREEMENT = Record(
    "a disagreement",
    {"raised_by": PersonRef(), "about": Text(), "outcome": Text(), "escalated": Flag()},
    nullable=False,
)

MOVE = Record(
    "a move of the due date",
    {
        "from": Day(nullable=False),
        "to": Day(nullable=False),
        "reason": Text(),
        "moved_on": Day(),
        "lead_informed": Flag(),
        "risk_reassessed": Flag(),
    },
    required=("from", "to"),
    nullable=False,
)

MINUTES_WISHES = Record("the adult's wishes", {"views": Text(), "obtained_by": Text()})

RISK = Record(
    "a risk",
    {
        "risk": Text(),
        "in_place": Text(),
        "barriers": Text(),
        "actions": ListOf(Ref("action", ACTION_ID, nullable=False)),
    },
    nullable=False,
)

MINUTES_OTHERS = Record(
    "others at risk",
    {
        "reviewed": Flag(),
        "adults": Text(),
        "adults_at_risk": Flag(),
        "children": Text(),
        "children_at_risk": Flag(),
        "referral_made": Day(),
    },
)

REVIEW = Record("the review", {"date": Day(), "not_required": Text()})

FEEDBACK = Record(
    "the feedback", {"how": Text(), "by": PersonRef(), "due": Day(), "given_on": Day()}
)

MINUTES_CAPACITY = Record(
    "the capacity assessment",
    {
        "decision": Text(),
        "assessed_on": Day(),
        "assessed_by": PersonRef(),
        "outcome": _choice(model.CAPACITY_OUTCOMES, "capacity outcome"),
        "best_interests_decision": Text(),
    },
)

SHARED = Record(
    "a sharing of the minutes",
    {"agency": Ref("agency", HANDLE, nullable=False), "shared_on": Day(nullable=False)},
    required=("agency", "shared_on"),
    nullable=False,
)

MINUTES = Record(
    "the minutes",
    {
        "held_on": Day(nullable=False),
        "attendees": ListOf(PersonRef(nullable=False)),
        "apologies": ListOf(PersonRef(nullable=False)),
        "written_updates": ListOf(PersonRef(nullable=False)),
        "engage_lead": Ref("agency", HANDLE),
        "wishes": MINUTES_WISHES,
        "risks": ListOf(RISK),
        "others_at_risk": MINUTES_OTHERS,
        "decisions": ListOf(Text(nullable=False)),
        "disagreements": ListOf(DISAGREEMENT),
        "review": REVIEW,
        "feedback": FEEDBACK,
        "capacity": MINUTES_CAPACITY,
        "shared": ListOf(SHARED),
    },
    required=("held_on",),
)

MEETING_ADULT = Record(
    "the adult's invitation",
    {"invited": Flag(), "not_invited_reason": Text(), "interpreter_arranged": Flag()},
)

CONVENED_IN = Record(
    "the meeting this is a part of",
    {"case": Ref("case", CASE_ID, nullable=False), "meeting": Text(nullable=False)},
    required=("case", "meeting"),
)

AGENDA_PART = Record(
    "a part of the agenda",
    {
        "adult": Ref("case", CASE_ID, nullable=False),
        "items": ListOf(Text(nullable=False)),
    },
    required=("adult",),
    nullable=False,
)

INVITEE = Record(
    "an invitee",
    {
        "person": PersonRef(nullable=False),
        "reason": Text(),
        "response": _choice(model.RESPONSES, "response"),
        "deputy": Text(),
        "responded_on": Day(),
    },
    required=("person",),
    nullable=False,
)

# An invitee taken off a meeting whose invitations went out: they are owed a cancellation.
UNINVITED = Record(
    "an invitee taken off the meeting",
    {"person": PersonRef(nullable=False), "reason": Text(), "on": Day()},
    required=("person",),
    nullable=False,
)

MEETING = Record(
    "a meeting",
    {
        "id": Id(MEETING_ID),
        "type": _choice((), "meeting type", vocabulary="meeting-type", nullable=False),
        "format": _choice(model.MEETING_FORMATS, "meeting format"),
        "mode": _choice(model.MEETING_MODES, "meeting mode"),
        "when": When(),
        "where": Text(),
        "link": Text(),
        "purpose": Text(),
        "chair": PersonRef(),
        "decision_maker": PersonRef(),
        "status": _choice(model.MEETING_STATUSES, "meeting status", nullable=False),
        "cancel_reason": Text(),
        "invited_on": Day(),
        "sequence": Count(),
        "adult": MEETING_ADULT,
        "subjects": ListOf(Ref("case", CASE_ID, nullable=False)),
        # This case's part of a meeting recorded in another case (about several adults).
        "convened_in": CONVENED_IN,
        "agenda": ListOf(TextOr(AGENDA_PART)),
        "invitees": ListOf(INVITEE),
        "uninvited": ListOf(UNINVITED),
        "minutes": MINUTES,
    },
    required=("type", "status"),
    nullable=False,
)

ACTION = Record(
    "an action",
    {
        "id": Id(ACTION_ID),
        "meeting": Ref("meeting", MEETING_ID),
        "description": Text(),
        "lead": PersonRef(),
        "due": Day(),
        "status": _choice(model.ACTION_STATUSES, "action status", nullable=False),
        "done_on": Day(),
        "note": Text(),
        "cancel_reason": Text(),
        "cancelled_on": Day(),
        "moves": ListOf(MOVE),
    },
    required=("status",),
    nullable=False,
)

FILES: dict[str, Shape] = {
    "adult": ADULT,
    "agencies": ListOf(AGENCY, nullable=False),
    "meetings": ListOf(MEETING, nullable=False),
    "actions": ListOf(ACTION, nullable=False),
}


INVALID = "invalid"


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
