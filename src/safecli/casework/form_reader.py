"""Reading an edited form (the minutes form of `meeting record --edit`): each value
converted, or refused with the line and column of its key; the lists of mappings
(risks) the minutes and each other adult's entry share."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from safecli import shape
from safecli.casework.minutes_parts import Risk
from safecli.dates import parse_date
from safecli.errors import InvalidInput
from safecli.model import Person
from safecli.store.keyplace import key_position

# Fields of the minutes' declared shape that other commands write after the meeting:
# the form leaves them out, and refuses them with the command to use.
LATER = {
    ("shared",): "minutes are shared with: safecli meeting share",
    ("feedback", "given_on"): "record it with: safecli meeting feedback --given-on",
}


def form_keys(record: shape.Record, *where: str) -> tuple[str, ...]:
    """The keys of a part of the minutes (by its place) the form asks for: all but LATER."""
    return tuple(key for key in record.keys if (*where, key) not in LATER)


FORM_KEYS = form_keys(shape.MINUTES)


class FormReader:
    """Converts the edited mapping's values, pointing errors at their line."""

    def __init__(self, path: Path, today: date) -> None:
        self.path = path
        self.today = today

    def fail(self, node: Any, key: Any, message: str) -> InvalidInput:
        return InvalidInput(message, path=self.path, **key_position(node, key))

    def mapping(self, node: Any, key: str, keys: tuple[str, ...]) -> Mapping[str, Any] | None:
        value = node.get(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise self.fail(node, key, f"{key}: expected a mapping of {', '.join(keys)}")
        for sub in value:
            if sub not in keys:
                later = f" ({LATER[(key, sub)]})" if (key, sub) in LATER else ""
                known = ", ".join(keys)
                raise self.fail(value, sub, f"{key}.{sub}: unknown field; known: {known}{later}")
        return value

    def items(self, node: Any, key: str) -> list[Any]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(node, key, f"{key}: expected a list (- item per line)")
        return list(value)

    def text(self, node: Any, key: str) -> str | None:
        value = node.get(key) if node is not None else None
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, (Mapping, list)):
            raise self.fail(node, key, f"{key}: expected text")
        return str(value).strip()

    def day(self, node: Any, key: str) -> date | None:
        value = node.get(key) if node is not None else None
        if value is None or isinstance(value, date):
            return value
        try:
            return parse_date(str(value), self.today)
        except InvalidInput as exc:
            raise self.fail(node, key, f"{key}: {exc.message}") from None

    def flag(self, node: Any, key: str) -> bool:
        value = node.get(key, False) if node is not None else False
        if not isinstance(value, bool):
            raise self.fail(node, key, f"{key}: expected true or false")
        return value

    def optional_flag(self, node: Any, key: str) -> bool | None:
        value = node.get(key) if node is not None else None
        return None if value is None else self.flag(node, key)

    def person(self, node: Any, key: Any, value: Any) -> Person:
        try:
            if isinstance(value, str):
                return Person.parse(value)
            found = Person.from_raw(value)
            if found is None or set(value) != {"agency", "name"}:
                raise InvalidInput("expected {agency: HANDLE, name: NAME}")
            return found
        except InvalidInput as exc:
            raise self.fail(node, key, f"{key}: {exc.message}") from None

    def people(self, node: Any, key: str) -> tuple[Person, ...]:
        return tuple(self.person(node, key, v) for v in self.items(node, key))

    def optional_person(self, node: Any, key: str) -> Person | None:
        value = node.get(key) if node is not None else None
        return None if value is None else self.person(node, key, value)


def entries(r: FormReader, data: Any, key: str, keys: tuple[str, ...]) -> list[Mapping[str, Any]]:
    """The mapping items of a list of the form, each key known; empty ones left out."""
    found = []
    for index, item in enumerate(r.items(data, key)):
        if not isinstance(item, Mapping):
            raise r.fail(
                data, key, f"{key}: item {index + 1} must be a mapping of {', '.join(keys)}"
            )
        for sub in item:
            if sub not in keys:
                raise r.fail(item, sub, f"{key}.{sub}: unknown field; known: {', '.join(keys)}")
        if any(v not in (None, [], "") for v in item.values()):
            found.append(item)
    return found


def risks_of(r: FormReader, data: Any) -> list[Risk]:
    """The `risks` list of a form's mapping (the minutes, or one other adult's entry)."""
    risks = []
    for item in entries(r, data, "risks", shape.RISK.keys):
        actions = item.get("actions") or []
        if isinstance(actions, str):
            actions = [a.strip() for a in actions.split(",") if a.strip()]
        if not isinstance(actions, list):
            raise r.fail(item, "actions", "actions: a list of action ids, e.g. [A1, A2]")
        risk = r.text(item, "risk")
        if risk is None:
            raise r.fail(item, "risk", "risk: describe the risk")
        risks.append(
            Risk(
                risk,
                r.text(item, "in_place"),
                r.text(item, "barriers"),
                tuple(str(a) for a in actions),
            )
        )
    return risks
