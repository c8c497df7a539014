"""How the items of a case file's lists are recognised across versions of it.

Shared by the identity merge (`mergetree`, on round-trip documents) and the
merge driver's check of git's line merge (`linemerge`, on plain data): both
must match the same items, so the table of identities is kept here, free of
the round-trip library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path as FilePath
from typing import Any

from safecli.model import FILES


def kind_of(path: str | FilePath) -> str | None:
    """The kind of case file a path names (`actions` for cases/X/actions.yaml), or None."""
    name = FilePath(path).name
    stem = name.removesuffix(".yaml")
    return stem if stem in FILES and name.endswith(".yaml") else None


class _Missing:
    """A value that is not there (a key or item absent on one side)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

Identity = Callable[[Any], Hashable | None]
Path = tuple[str | int, ...]


def plain(node: Any) -> Any:
    """Plain Python data (dict, list, str, int, float, bool, date, None) of a node."""
    if node is MISSING:
        return MISSING
    if isinstance(node, Mapping):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, (dt.date, dt.datetime)):
        return node
    return node


def freeze(value: Any) -> Hashable:
    """A hashable form of plain data, for identities."""
    if isinstance(value, dict):
        return tuple(sorted((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value  # type: ignore[no-any-return]


def same(a: Any, b: Any) -> bool:
    """Whether two nodes hold the same data (key order and formatting aside)."""
    if a is MISSING or b is MISSING:
        return a is b
    return bool(plain(a) == plain(b))


def by_keys(*keys: str) -> Identity:
    """Identity of a record by the values of some of its keys."""

    def identity(item: Any) -> Hashable | None:
        if not isinstance(item, Mapping) or any(item.get(k) in (None, "") for k in keys):
            return None
        return freeze([plain(item[k]) for k in keys])

    return identity


def by_value(item: Any) -> Hashable | None:
    """Identity of an item that is its own identity (an id, a person reference)."""
    return freeze(plain(item))


# Where lists are merged item by item, and how their items are recognised; every
# other list is one value, merged whole. Shapes are key paths, "*" for any item.
IDENTITIES: dict[str, dict[tuple[str, ...], Identity]] = {
    "actions": {(): by_keys("id")},
    "meetings": {
        (): by_keys("id"),
        ("*", "invitees"): by_keys("person"),
        ("*", "subjects"): by_value,
        ("*", "minutes", "attendees"): by_value,
        ("*", "minutes", "apologies"): by_value,
        ("*", "minutes", "written_updates"): by_value,
        ("*", "minutes", "shared"): by_keys("agency"),
        ("*", "minutes", "risks"): by_keys("risk"),
        ("*", "minutes", "risks", "*", "actions"): by_value,
    },
    "agencies": {(): by_keys("handle"), ("*", "people"): by_keys("name")},
    "adult": {
        ("concerns",): by_keys("type", "raised_on"),
        ("capacity",): by_keys("decision", "assessed_on"),
    },
}
ROOT_LABELS = {
    "actions": ("action", "id"),
    "meetings": ("meeting", "id"),
    "agencies": ("agency", "handle"),
}


def is_person(node: Any) -> bool:
    """A person reference `{agency, name}`: merged as one value, never field by field."""
    return isinstance(node, Mapping) and set(node) == {"agency", "name"}
