"""JSON Schema (draft 2020-12) of a book's settings, safecli.yaml.

Built from the settings `store.config` reads (its key list, the digest's and the
clocks' keys), so a key added there and not here fails the test that compares
them. As for the case files, the schema is for editors and check-jsonschema;
`store.config.read_config` is what every command applies.
"""

from __future__ import annotations

from typing import Any

from safecli.model import EVENT_KINDS, JURISDICTIONS, RISK_LEVELS
from safecli.store.config import CLOCKS, CONFIG_KEYS, DIGEST_KEYS, DIGEST_NUMBERS, MAIL_DOMAIN
from safecli.validation.schema import DIALECT

UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
DAYS = {"type": "integer", "minimum": 0}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    """A mapping of these keys only, or null (safecli reads null as the defaults)."""
    return {"type": ["object", "null"], "properties": properties, "additionalProperties": False}


PROPERTIES: dict[str, Any] = {
    "organisation": {"type": "string", "description": "Shown on invitations and minutes."},
    "book_id": {"type": "string", "pattern": UUID, "description": "Made by init; never change."},
    "mail_domain": {"type": ["string", "null"], "pattern": f"^{MAIL_DOMAIN.pattern}$"},
    "jurisdiction": {"enum": list(JURISDICTIONS)},
    "timezone": {"type": "string", "description": "An IANA timezone, e.g. Europe/London."},
    "show_names": {"type": "boolean"},
    "commit": {"type": "boolean"},
    "lead_times": _object(dict.fromkeys(RISK_LEVELS, DAYS)),
    "digest": _object(
        {
            key: (
                DAYS
                if key in DIGEST_NUMBERS
                else {"oneOf": [DAYS, _object(dict.fromkeys(RISK_LEVELS, DAYS))]}
                if key == "first_meeting_days"
                else {"type": "array", "items": {"enum": list(EVENT_KINDS)}}
            )
            for key in DIGEST_KEYS
        }
    ),
    "validate": _object(
        {
            "strict": {"type": "boolean"},
            "select": {"type": ["array", "null"], "items": {"type": "string"}},
            "ignore": {"type": ["array", "null"], "items": {"type": "string"}},
        }
    ),
    "meeting_types": {"type": ["object", "null"]},
    "council": {"type": ["string", "null"]},
    "closure_days": {"type": ["array", "null"], "items": {"type": "string", "format": "date"}},
    "clocks": _object(
        {
            j: _object({key: {"type": ["integer", "null"], "minimum": 0} for key in CLOCKS})
            for j in JURISDICTIONS
        }
    ),
    "case_id_format": {
        "type": "string",
        "description": "How case ids look: fixed text with {year} and {number} "
        "({number:04d}: four digits or more), e.g. SG-{year}-{number:04d}.",
        "pattern": r"^[A-Za-z0-9{][A-Za-z0-9._{}:-]*$",
    },
}


def settings_schema() -> dict[str, Any]:
    """The JSON Schema of safecli.yaml."""
    return {
        "$schema": DIALECT,
        "title": "safecli safecli.yaml",
        "description": "A case book's settings.",
        "type": "object",
        "properties": {key: PROPERTIES[key] for key in CONFIG_KEYS},
        "required": ["jurisdiction"],
        "additionalProperties": False,
    }
