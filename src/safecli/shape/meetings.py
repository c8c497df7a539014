"""meetings.yaml: a meeting, its invitees and agenda, and its minutes (`shape.minutes`)."""

from __future__ import annotations

from safecli import model
from safecli.shape.kinds import (
    CASE_ID,
    MEETING_ID,
    Count,
    Day,
    Flag,
    Id,
    ListOf,
    PersonRef,
    Record,
    Ref,
    Text,
    TextOr,
    When,
    choice,
)
from safecli.shape.minutes import MINUTES

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
        "response": choice(model.RESPONSES, "response"),
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
        "type": choice((), "meeting type", vocabulary="meeting-type", nullable=False),
        "format": choice(model.MEETING_FORMATS, "meeting format"),
        "mode": choice(model.MEETING_MODES, "meeting mode"),
        "when": When(),
        "where": Text(),
        "link": Text(),
        "purpose": Text(),
        "chair": PersonRef(),
        "decision_maker": PersonRef(),
        "status": choice(model.MEETING_STATUSES, "meeting status", nullable=False),
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
