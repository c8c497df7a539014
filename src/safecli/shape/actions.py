"""actions.yaml: an action agreed at a meeting, and each move of its due date."""

from __future__ import annotations

from safecli import model
from safecli.shape.kinds import (
    ACTION_ID,
    MEETING_ID,
    Day,
    Flag,
    Id,
    ListOf,
    PersonRef,
    Record,
    Ref,
    Text,
    choice,
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

ACTION = Record(
    "an action",
    {
        "id": Id(ACTION_ID),
        "meeting": Ref("meeting", MEETING_ID),
        "description": Text(),
        "lead": PersonRef(),
        "due": Day(),
        "status": choice(model.ACTION_STATUSES, "action status", nullable=False),
        "done_on": Day(),
        "note": Text(),
        "cancel_reason": Text(),
        "cancelled_on": Day(),
        "moves": ListOf(MOVE),
    },
    required=("status",),
    nullable=False,
)
