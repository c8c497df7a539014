"""The words of the domain: fixed lists, id patterns, and small typed records.

The records of the four files, with their keys in the order safecli writes them,
are declared in `shape/` (docs/file-format.md describes them field by field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from safecli.errors import InvalidInput

FILES = {"adult": dict, "agencies": list, "meetings": list, "actions": list}

ABUSE_TYPES = (
    "physical",
    "domestic",
    "sexual",
    "psychological",
    "financial",
    "modern-slavery",
    "discriminatory",
    "organisational",
    "neglect",
    "self-neglect",
)
WALES_ABUSE_TYPES = (
    "sexual-exploitation",
    "fgm",
    "trafficking",
    "position-of-trust",
    "professional",
)
AGENCY_KINDS = (
    "local-authority",
    "police",
    "health",
    "gp",
    "mental-health",
    "housing",
    "fire",
    "probation",
    "care-provider",
    "cqc",
    "advocacy",
    "voluntary",
    "children-social-care",
    "legal",
    "other",
)
JURISDICTIONS = ("england", "wales")
RISK_LEVELS = ("low", "medium", "high")
# What a view prints for an enumerated value that is not valid (`shape.shown`).
INVALID = "invalid"
CASE_STATUSES = ("open", "closed")
ENGAGEMENT = ("engaging", "partial", "not-engaging")
CAPACITY_OUTCOMES = ("has", "lacks")
OUTCOMES_ACHIEVED = ("fully", "partially", "not")
MEETING_FORMATS = ("discussion", "meeting")
MEETING_MODES = ("in-person", "telephone", "virtual")
MEETING_STATUSES = ("planned", "held", "cancelled")
RESPONSES = ("invited", "accepted", "declined", "deputy", "written-update")
ACTION_STATUSES = ("open", "done", "cancelled")
# Dated contacts and episodes in the adult's life that a chronology records.
EVENT_KINDS = (
    "hospital-admission",
    "hospital-discharge",
    "a-and-e-attendance",
    "police-call-out",
    "ambulance-call-out",
    "missed-visit",
    "home-visit",
    "contact",
    "other",
)

# The enquiry and the statutory return (Safeguarding Adults Collection, England;
# adult safeguarding activity, Wales). Each list is the collection's, in its order.
ENQUIRY_KINDS = ("s42", "s126", "other", "none")
ALLEGATION_TYPES = (
    "physical",
    "sexual",
    "psychological",
    "financial",
    "discriminatory",
    "organisational",
    "neglect",
    "domestic",
    "sexual-exploitation",
    "modern-slavery",
    "self-neglect",
)
ALLEGATION_LOCATIONS = (
    "own-home",
    "community",
    "community-service",
    "care-home-nursing",
    "care-home-residential",
    "hospital-acute",
    "hospital-mental-health",
    "hospital-community",
    "other",
)
ALLEGATION_SOURCES = ("service-provider", "known", "unknown")
ALLEGATION_ACTIONS = (
    "risk-action-taken",
    "risk-no-action",
    "inconclusive-action-taken",
    "inconclusive-no-action",
    "no-risk-action-taken",
    "no-risk-no-action",
    "ceased-at-request",
)
ACTIONS_TAKEN = ("risk-action-taken", "inconclusive-action-taken", "no-risk-action-taken")
RISK_OUTCOMES = ("remained", "reduced", "removed")
ENQUIRY_CAPACITY = ("lacked", "had", "dont-know")
GENDERS = ("male", "female", "not-known")
ETHNICITIES = ("white", "mixed", "asian", "black", "other", "refused", "not-known")
SUPPORT_REASONS = (
    "physical",
    "sensory",
    "memory-cognition",
    "learning-disability",
    "mental-health",
    "social",
    "none",
    "not-known",
)

# Documents come in these languages (Welsh first where both); a person's preference.
DOCUMENT_LANGUAGES = ("cy", "en")
# The adult's recorded language for documents: one of them, or both (Welsh first).
LANGUAGE_PREFERENCES = (*DOCUMENT_LANGUAGES, "both")
# Large print: a point size documents for the adult are printed at.
LARGE_PRINT_SIZES = (14, 72)

CASE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
HANDLE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


def check_case_id(case_id: str) -> str:
    """Return case_id if it is a safe folder name, else raise InvalidInput."""
    if not CASE_ID.match(case_id) or ".." in case_id:
        raise InvalidInput(
            f"invalid case id {case_id!r}: use letters, digits, '.', '_' or '-' "
            "(up to 64, starting with a letter or digit, no '..')"
        )
    return case_id


def check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    """Return value if it is one of choices, else raise InvalidInput listing them."""
    if value not in choices:
        raise InvalidInput(f"invalid {what} {value!r}; choose one of: {', '.join(choices)}")
    return value


def next_id(prefix: str, items: list[Any]) -> str:
    """The next free id (`M3`, `A12`): one more than the highest in use."""
    numbers = [
        int(str(item.get("id", ""))[len(prefix) :])
        for item in items
        if isinstance(item, dict) and re.fullmatch(prefix + r"\d+", str(item.get("id", "")))
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


@dataclass(frozen=True)
class Person:
    """A named person of an agency in the case, written `agency:Name`."""

    agency: str
    name: str

    @classmethod
    def parse(cls, text: str) -> Person:
        """Read `police:DC Jones` (as typed on the command line)."""
        agency, sep, name = text.partition(":")
        if not sep or not agency.strip() or not name.strip():
            raise InvalidInput(f"invalid person {text!r}: write agency:Name, e.g. police:DC Jones")
        return cls(agency.strip(), name.strip())

    @classmethod
    def from_raw(cls, raw: Any) -> Person | None:
        """A stored `{agency, name}` mapping, or None when it is not one."""
        if isinstance(raw, dict) and isinstance(raw.get("agency"), str) and raw.get("name"):
            return cls(raw["agency"], str(raw["name"]))
        return None

    def __str__(self) -> str:
        return f"{self.agency}:{self.name}"
