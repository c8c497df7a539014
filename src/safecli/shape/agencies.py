"""agencies.yaml: the agencies of a case and their people; a reference to one of them."""

from __future__ import annotations

from safecli import model
from safecli.shape.kinds import (
    HANDLE,
    Id,
    ListOf,
    Number,
    Record,
    Text,
    choice,
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
        "language": choice(model.DOCUMENT_LANGUAGES, "language"),
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
        "kind": choice(model.AGENCY_KINDS, "agency kind", nullable=False),
        "people": ListOf(AGENCY_PERSON),
    },
    required=("name", "kind"),
    nullable=False,
)
