"""The minutes of a held meeting (`minutes:` of a meetings.yaml entry) and their parts."""

from __future__ import annotations

from safecli import model
from safecli.shape.kinds import (
    ACTION_ID,
    HANDLE,
    Day,
    Flag,
    ListOf,
    PersonRef,
    Record,
    Ref,
    Text,
    choice,
)

DISAGREEMENT = Record(
    "a disagreement",
    {"raised_by": PersonRef(), "about": Text(), "outcome": Text(), "escalated": Flag()},
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
        "outcome": choice(model.CAPACITY_OUTCOMES, "capacity outcome"),
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
