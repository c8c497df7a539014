"""adult.yaml: the adult, the concerns, what was decided, the enquiry and the closure."""

from __future__ import annotations

from safecli import model
from safecli.shape.kinds import (
    CASE_ID,
    HANDLE,
    Day,
    Flag,
    Id,
    ListOf,
    Number,
    PersonRef,
    Record,
    Ref,
    Text,
    choice,
)

# Every record is declared by its fields alone: the order of the fields is the
# order safecli writes the keys in (`Record.keys`), so there is no second list to keep.
CLOSURE = Record(
    "closure",
    {
        "reason": Text(),
        "outcomes_asked": Flag(),
        "not_asked_reason": Text(),
        "outcomes_expressed": Flag(),
        "outcomes_achieved": choice(model.OUTCOMES_ACHIEVED, "outcomes achieved"),
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
        "type": choice(
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
        "outcome": choice(model.CAPACITY_OUTCOMES, "capacity outcome"),
        "assessed_on": Day(),
        "by": PersonRef(),
    },
    nullable=False,
)

EVENT = Record(
    "an event",
    {
        "happened_on": Day(nullable=False),
        "kind": choice(model.EVENT_KINDS, "event kind", nullable=False),
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
        "gender": choice(model.GENDERS, "gender"),
        "ethnicity": choice(model.ETHNICITIES, "ethnicity group"),
        "support_reason": choice(model.SUPPORT_REASONS, "primary support reason"),
        "autism": Flag(),
        "asperger": Flag(),
        "died_on": Day(),
    },
)

ALLEGATION = Record(
    "an allegation",
    {
        "type": choice(model.ALLEGATION_TYPES, "allegation type"),
        "location": choice(model.ALLEGATION_LOCATIONS, "location of risk"),
        "source": choice(model.ALLEGATION_SOURCES, "source of risk"),
        "action": choice(model.ALLEGATION_ACTIONS, "action and result"),
        "risk_outcome": choice(model.RISK_OUTCOMES, "risk outcome"),
    },
    nullable=False,
)

ENQUIRY = Record(
    "the enquiry",
    {
        "kind": choice(model.ENQUIRY_KINDS, "enquiry kind", nullable=False),
        "decided_on": Day(),
        "started_on": Day(),
        "concluded_on": Day(),
        "council": Text(),
        "large_scale": Text(),
        "capacity": choice(model.ENQUIRY_CAPACITY, "capacity at the enquiry"),
        "capacity_support": Flag(),
        "allegations": ListOf(ALLEGATION),
    },
    required=("kind",),
)

ADULT = Record(
    "adult.yaml",
    {
        "case": Id(CASE_ID),
        "jurisdiction": choice(model.JURISDICTIONS, "jurisdiction"),
        "status": choice(model.CASE_STATUSES, "case status", nullable=False),
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
        "engagement": choice(model.ENGAGEMENT, "engagement"),
        "risk_level": choice(model.RISK_LEVELS, "risk level"),
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
