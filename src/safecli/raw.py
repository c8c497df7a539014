"""Reading loose YAML values: case data may be of any shape until validate passes it.

Rules, renderers, the digest, the history and the suggestion all read records
that may be incomplete or wrong (validate reports that). They read through these
readers, which treat a value of the wrong kind as "not recorded" instead of
failing. One reader per kind of value, so every part of safecli agrees on what
counts as recorded: a date is a YAML date (`2026-11-20`), never a date and time
or text that looks like a date.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def mapping(value: Any) -> dict[str, Any]:
    """value if it is a mapping, else {}."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """value if it is a list, else []."""
    return value if isinstance(value, list) else []


def records(value: Any) -> list[dict[str, Any]]:
    """The mappings of a list (other entries skipped); [] when value is not a list."""
    return [item for item in items(value) if isinstance(item, dict)]


def filled(value: Any) -> bool:
    """True when a value is recorded: non-blank text, a non-empty list or mapping, a date."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return value is not None


def text(value: Any) -> str | None:
    """A recorded scalar as text, trimmed; None when empty, not recorded or a list/mapping."""
    if value is None or isinstance(value, (dict, list)):
        return None
    shown = str(value).strip()
    return shown or None


def texts(value: Any) -> tuple[str, ...]:
    """A list of texts, empty entries dropped."""
    return tuple(shown for shown in (text(v) for v in items(value)) if shown)


def day(value: Any) -> date | None:
    """value if it is a YAML date; None for a date and time, text or anything else."""
    return value if isinstance(value, date) and not isinstance(value, datetime) else None


def time_day(value: Any) -> date | None:
    """The date of a stored time `YYYY-MM-DDTHH:MM` (a meeting's `when`); None if not one."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
