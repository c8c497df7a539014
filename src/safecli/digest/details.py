"""Opt-in details for digest items: the adult's name and a description, read fresh.

The digest and its cache carry no names or free text. Only when asked for
(--show-names, --show-descriptions) are the files of the cases that have items
read again, so nothing personal is ever stored in the cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from safecli import raw
from safecli.digest.items import Item, with_extras
from safecli.errors import FileFormatError
from safecli.store import fastload


def add_details(
    cases_dir: Path, items: Sequence[Item], *, names: bool, descriptions: bool
) -> list[Item]:
    """The items with `name` and/or `description` filled from the case files (the case
    folders in `cases_dir`)."""
    files: dict[tuple[str, str], Any] = {}

    def read(case_id: str, kind: str) -> Any:
        key = (case_id, kind)
        if key not in files:
            try:
                files[key] = fastload.load(
                    cases_dir / case_id / f"{kind}.yaml", dict if kind == "adult" else list
                )
            except FileFormatError:
                files[key] = None
        return files[key]

    result = []
    for item in items:
        if item.kind == "unreadable":
            result.append(item)
            continue
        name = _name(read(item.case, "adult")) if names else None
        description = _description(item, read) if descriptions else None
        result.append(with_extras(item, name=name, description=description))
    return result


def _name(adult: Any) -> str | None:
    if not isinstance(adult, dict) or adult.get("name") is None:
        return None
    return str(adult["name"])


def _by_id(records: Any, wanted: str | None) -> dict[str, Any]:
    for record in raw.items(records):
        if isinstance(record, dict) and str(record.get("id")) == wanted:
            return record
    return {}


def _description(item: Item, read: Any) -> str | None:
    if item.action is not None:
        value = _by_id(read(item.case, "actions"), item.action).get("description")
    elif item.meeting is not None:
        value = _by_id(read(item.case, "meetings"), item.meeting).get("purpose")
    else:
        adult = read(item.case, "adult")
        concerns = adult.get("concerns") if isinstance(adult, dict) else None
        value = (
            "; ".join(
                f"{c.get('type')}: {' '.join(str(c.get('summary') or '').split())}"
                for c in concerns or []
                if isinstance(c, dict)
            )
            or None
        )
    return " ".join(str(value).split()) if value is not None else None
