"""Ids both sides of a merge created: keep both items, give one the next free id,
and fix the references to it.

Actions are referenced from meetings.yaml (`minutes.risks[].actions`) and
meetings from actions.yaml (`meeting`), so a renumbering in one file must be
followed in its sibling. Git merges one file at a time, and only runs the merge
driver on a file both sides changed; a file only one side changed is taken from
that side as it is. The driver therefore plans renumberings from the three
versions of BOTH files, so that whichever file git merges first, both drivers
plan the same thing:

- The incoming (theirs) item gets the next free id, and the driver merging the
  sibling rewrites theirs' references to it before merging.
- Except when only theirs changed the sibling and theirs' sibling refers to the
  id: git will take theirs' sibling as it is, so theirs keeps the id and ours'
  item is renumbered instead (ours' sibling is then the base version, which
  cannot refer to an id ours created).
- When both sides changed the sibling in exactly the same way, git takes it as
  it is, and a reference in it to the id cannot tell whose item it meant: the
  renumbering is marked `unclear`, and the merge reports it as a conflict for a
  person to check.

Whether git will run the driver on the sibling depends on its text (git compares
blobs), so those decisions compare the sibling's texts, not its data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from safecli import raw
from safecli.teamwork.matching import same

PREFIXES = {"actions": "A", "meetings": "M"}
SIBLINGS = {"actions": "meetings", "meetings": "actions"}
NOUNS = {"actions": "action", "meetings": "meeting"}


@dataclass(frozen=True)
class Versions:
    """The three versions of a file in a merge (text; None when the file is absent)."""

    base: str | None
    ours: str | None
    theirs: str | None


@dataclass(frozen=True)
class Docs:
    """The three versions of a file as data (an absent file is empty), and as text."""

    base: Any
    ours: Any
    theirs: Any
    texts: Versions


@dataclass(frozen=True)
class Renumbering:
    """One side's item of `kind` moved from id `old` to `new`."""

    kind: str
    side: str
    old: str
    new: str
    unclear: bool = False

    def describe(self) -> str:
        other = "ours" if self.side == "theirs" else "theirs"
        noun = NOUNS[self.kind]
        return (
            f"{self.side}' {noun} {self.old} is now {self.new} "
            f"({other} also added a different {self.old})"
        )


def plan(kind: str, docs: Docs, sibling: Docs | None) -> list[Renumbering]:
    """The renumberings of `kind`'s ids that a merge of these versions needs."""
    prefix = PREFIXES.get(kind)
    if prefix is None:
        return []
    ours = {item.get("id"): item for item in _items(docs.ours)}
    base_ids = {item.get("id") for item in _items(docs.base)}
    highest = max(
        (
            _number(prefix, item.get("id"))
            for doc in (docs.base, docs.ours, docs.theirs)
            for item in _items(doc)
        ),
        default=0,
    )
    result: list[Renumbering] = []
    for item in _items(docs.theirs):
        old = item.get("id")
        if old in ours and old not in base_ids and not same(ours[old], item):
            highest += 1
            side, unclear = _side(kind, str(old), sibling)
            result.append(Renumbering(kind, side, str(old), f"{prefix}{highest}", unclear))
    return result


def _side(kind: str, old: str, sibling: Docs | None) -> tuple[str, bool]:
    """Whose item to renumber, and whether the sibling's references stay unclear."""
    if sibling is None:
        return "theirs", False
    texts = sibling.texts
    if _text(texts.ours) == _text(texts.base):
        return ("ours" if old in references(SIBLINGS[kind], sibling.theirs) else "theirs"), False
    if _text(texts.ours) == _text(texts.theirs):
        return "theirs", old in references(SIBLINGS[kind], sibling.ours)
    return "theirs", False


def _text(text: str | None) -> str:
    return text or ""


def references(kind: str, doc: Any) -> set[str]:
    """The ids of the sibling kind that a plain document of `kind` refers to."""
    found: set[str] = set()
    for item in _items(doc):
        if kind == "actions" and isinstance(item.get("meeting"), str):
            found.add(item["meeting"])
        elif kind == "meetings":
            for ids in _risk_action_lists(item):
                found.update(str(ref) for ref in ids)
    return found


def apply_ids(doc: Any, renumberings: Iterable[Renumbering], side: str) -> None:
    """Give one side's items (a round-trip list) their new ids."""
    changes = {r.old: r.new for r in renumberings if r.side == side}
    for item in _items(doc):
        if item.get("id") in changes:
            item["id"] = changes[item["id"]]


def apply_references(kind: str, doc: Any, renumberings: Iterable[Renumbering], side: str) -> None:
    """Point one side's references (in a round-trip document of `kind`) at new ids."""
    changes = {r.old: r.new for r in renumberings if r.side == side}
    if not changes:
        return
    for item in _items(doc):
        if kind == "actions" and item.get("meeting") in changes:
            item["meeting"] = changes[item["meeting"]]
        elif kind == "meetings":
            for ids in _risk_action_lists(item):
                for number, ref in enumerate(ids):
                    if ref in changes:
                        ids[number] = changes[ref]


def _risk_action_lists(meeting: Any) -> list[Any]:
    minutes = meeting.get("minutes")
    if not isinstance(minutes, dict):
        return []
    risks = minutes.get("risks")
    return (
        [
            risk["actions"]
            for risk in risks
            if isinstance(risk, dict) and isinstance(risk.get("actions"), list)
        ]
        if isinstance(risks, list)
        else []
    )


def _items(doc: Any) -> list[Any]:
    return raw.records(doc)


def _number(prefix: str, value: Any) -> int:
    match = re.fullmatch(re.escape(prefix) + r"(\d+)", str(value))
    return int(match.group(1)) if match else 0
