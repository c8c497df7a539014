"""JSON Schema (draft 2020-12) of the four case files, built from `shape/`.

For editors (the YAML language server: `# yaml-language-server: $schema=...`)
and `check-jsonschema`. Dates are strings with `"format": "date"`; meeting
times strings matching `YYYY-MM-DDTHH:MM`. Unknown keys are refused
(`additionalProperties: false`) so an editor marks a misspelt key at once; it
is the same answer `safecli validate` gives (INT006). What a schema cannot see
(references between files, dates that contradict each other, the standards)
is left to `safecli validate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from safecli.shape import (
    FILES,
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
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DESCRIPTIONS = {
    "adult": "The adult at risk: identity, needs, capacity, wishes, concerns, risk.",
    "agencies": "The agencies involved in the case and their named people.",
    "meetings": "Meetings of the case: planned (invitees) and held (minutes).",
    "actions": "Actions agreed at meetings: lead, due date, status, moves of the due date.",
}
PERSON = {
    "type": "object",
    "description": "A person of an agency of this case.",
    "properties": {"agency": {"type": "string"}, "name": {"type": "string"}},
    "required": ["agency", "name"],
    "additionalProperties": False,
}


def schema(kind: str, meeting_types: Sequence[str]) -> dict[str, Any]:
    """The JSON Schema of one file kind (adult, agencies, meetings, actions)."""
    return {
        "$schema": DIALECT,
        "title": f"safecli {kind}.yaml",
        "description": DESCRIPTIONS[kind],
        **_shape(FILES[kind], tuple(meeting_types)),
        "$defs": {"person": PERSON},
    }


def _shape(shape: Shape, meeting_types: tuple[str, ...]) -> dict[str, Any]:
    body = _body(shape, meeting_types)
    if not shape.nullable:
        return body
    if "enum" in body:
        return {**body, "enum": [*body["enum"], None]}
    if "type" in body:
        return {**body, "type": [body["type"], "null"]}
    return {"anyOf": [body, {"type": "null"}]}


def _body(shape: Shape, meeting_types: tuple[str, ...]) -> dict[str, Any]:
    if isinstance(shape, Text):
        return {"type": "string"}
    if isinstance(shape, Day):
        return {"type": "string", "format": "date"}
    if isinstance(shape, When):
        return {"type": "string", "pattern": WHEN}
    if isinstance(shape, Flag):
        return {"type": "boolean"}
    if isinstance(shape, Count):
        return {"type": "integer", "minimum": 0}
    if isinstance(shape, Number):
        return {"type": "integer", "minimum": shape.minimum, "maximum": shape.maximum}
    if isinstance(shape, Choice):
        values = meeting_types if shape.vocabulary == "meeting-type" else shape.values
        return {"enum": list(values)}
    if isinstance(shape, (Id, Ref)):
        return {"type": "string", "pattern": shape.pattern}
    if isinstance(shape, PersonRef):
        return {"$ref": "#/$defs/person"}
    if isinstance(shape, ListOf):
        return {"type": "array", "items": _shape(shape.item, meeting_types)}
    if isinstance(shape, TextOr):
        return {"anyOf": [{"type": "string"}, _shape(shape.record, meeting_types)]}
    return _record(shape, meeting_types)


def _record(shape: Record, meeting_types: tuple[str, ...]) -> dict[str, Any]:
    ids = [key for key, sub in shape.fields.items() if isinstance(sub, Id)]
    required = [*ids, *(key for key in shape.required if key not in ids)]
    body: dict[str, Any] = {
        "type": "object",
        "title": shape.name,
        "properties": {key: _shape(sub, meeting_types) for key, sub in shape.fields.items()},
        "additionalProperties": False,
    }
    if required:
        body["required"] = required
    return body
