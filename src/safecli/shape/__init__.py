"""The shape of the four case files: every key, what its value must be, what it refers to.

Each record is declared once, in this package, and every other description of it is derived:
the order safecli writes its keys in (`Record.keys`, the order of its fields), the
integrity rules' shape check (`validation.rules.shapecheck`: unknown keys, values of the
wrong kind, invalid choices, references to resolve), `safecli schema` (JSON Schema
for editors and check-jsonschema) and the minutes form of `meeting record --edit`.
A new field is added here and nowhere else.

`kinds` is the vocabulary (text, a date, a choice, a record …); `adult`, `agencies`,
`meetings` (with `minutes`) and `actions` declare the records of each file; `shown`
is how a view prints an enumerated value. Everything is importable from `safecli.shape`.
"""

from __future__ import annotations

from safecli.shape.actions import (
    ACTION,
    MOVE,
)
from safecli.shape.adult import (
    ADULT,
    ALLEGATION,
    CAPACITY,
    CARE_AND_SUPPORT,
    CLOSURE,
    COMMUNICATION,
    CONCERN,
    DEMOGRAPHICS,
    ENQUIRY,
    EVENT,
    OTHERS_AT_RISK,
    REPRESENTATIVE,
    WISHES,
)
from safecli.shape.agencies import (
    AGENCY,
    AGENCY_PERSON,
    PERSON_REF,
)
from safecli.shape.kinds import (
    ACTION_ID,
    CASE_ID,
    HANDLE,
    MEETING_ID,
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
    choice,
)
from safecli.shape.meetings import (
    AGENDA_PART,
    CONVENED_IN,
    INVITEE,
    MEETING,
    MEETING_ADULT,
    UNINVITED,
)
from safecli.shape.minutes import (
    DISAGREEMENT,
    FEEDBACK,
    MINUTES,
    MINUTES_CAPACITY,
    MINUTES_OTHERS,
    MINUTES_WISHES,
    REVIEW,
    RISK,
    SHARED,
)
from safecli.shape.shown import INVALID, shown

FILES: dict[str, Shape] = {
    "adult": ADULT,
    "agencies": ListOf(AGENCY, nullable=False),
    "meetings": ListOf(MEETING, nullable=False),
    "actions": ListOf(ACTION, nullable=False),
}

__all__ = [
    "ACTION",
    "ACTION_ID",
    "ADULT",
    "AGENCY",
    "AGENCY_PERSON",
    "AGENDA_PART",
    "ALLEGATION",
    "CAPACITY",
    "CARE_AND_SUPPORT",
    "CASE_ID",
    "CLOSURE",
    "COMMUNICATION",
    "CONCERN",
    "CONVENED_IN",
    "DEMOGRAPHICS",
    "DISAGREEMENT",
    "ENQUIRY",
    "EVENT",
    "FEEDBACK",
    "FILES",
    "HANDLE",
    "INVALID",
    "INVITEE",
    "MEETING",
    "MEETING_ADULT",
    "MEETING_ID",
    "MINUTES",
    "MINUTES_CAPACITY",
    "MINUTES_OTHERS",
    "MINUTES_WISHES",
    "MOVE",
    "OTHERS_AT_RISK",
    "PERSON_REF",
    "REPRESENTATIVE",
    "REVIEW",
    "RISK",
    "SHARED",
    "UNINVITED",
    "WHEN",
    "WISHES",
    "Choice",
    "Count",
    "Day",
    "Flag",
    "Id",
    "ListOf",
    "Number",
    "PersonRef",
    "Record",
    "Ref",
    "Shape",
    "Text",
    "TextOr",
    "When",
    "choice",
    "shown",
]
