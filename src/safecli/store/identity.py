"""A book's identity, and the calendar UIDs made from it.

RFC 5545 wants an event's UID unique across all calendars and the same for
every version of the event: a professional invited by two councils must get two
entries, and a moved meeting must replace its entry, not add one. A UID here is
a name-based UUID (RFC 4122 version 5) of the book's identity, the case id and
the meeting id: stable for as long as those are, and telling nothing about the
case to a calendar server.

`safecli init` writes a random `book_id` into safecli.yaml. A book made before
that has none: its identity is then a name-based UUID of its organisation's
name, and `safecli init --upgrade` writes that same value into safecli.yaml, so
UIDs already sent stay as they were while the organisation can be renamed later.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from safecli.store import atomic, roundtrip
from safecli.store.config import CONFIG_KEYS, Config


def name_based_id(organisation: str) -> uuid.UUID:
    """The identity of a book that has no book_id: from its organisation's name."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "urn:safecli:book:" + " ".join(organisation.split()))


def book_uuid(config: Config) -> uuid.UUID:
    """The book's identity: its book_id, else the name-based one."""
    return uuid.UUID(config.book_id) if config.book_id else name_based_id(config.organisation)


def meeting_uid(config: Config, case_id: str, meeting_id: str) -> str:
    """The calendar UID of a meeting: globally unique, the same every time."""
    return str(uuid.uuid5(book_uuid(config), f"{case_id}/{meeting_id}"))


def add_book_id(path: Path, config: Config) -> str | None:
    """Write the book's current identity into safecli.yaml if it has none; the id written."""
    if config.book_id:
        return None
    value = str(name_based_id(config.organisation))
    data, text = roundtrip.read(path, dict)
    roundtrip.put(data, CONFIG_KEYS, "book_id", value)
    changed = roundtrip.changed_text(path, data, text, dict)
    if changed is not None:
        atomic.write_atomic(path, changed)
    return value
