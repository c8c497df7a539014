"""Three-way merge of round-trip YAML documents by identity, not by line.

The result is built in ours' document, changed in place, so the comments and
formatting of everything ours has are kept; what comes from theirs is theirs'
own round-trip node, with its comments. Lists of records are matched by
identity (actions and meetings by `id`, agencies by `handle`, ...), mappings key
by key, and each value three-way: taken from the side that changed it, kept when
both made the same change, and a `Conflict` when both changed it differently.
A conflict keeps one side's value in the document (ours, unless ours removed it)
and is reported, never silently resolved.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from safecli import raw
from safecli.teamwork.matching import (
    IDENTITIES,
    MISSING,
    ROOT_LABELS,
    Identity,
    Path,
    is_person,
    plain,
    same,
)

__all__ = ["MISSING", "Conflict", "Merger", "is_person", "plain", "same"]


@dataclass(frozen=True)
class Conflict:
    """Both sides changed one value differently; `kept` says whose value the file holds."""

    path: Path
    label: str
    ours: Any
    theirs: Any
    kept: str = "ours"
    note: str = ""


class Merger:
    """Merges the documents of one kind of case file, collecting conflicts."""

    def __init__(self, kind: str, texts: Mapping[int, str] | None = None) -> None:
        self.kind = kind
        self.identities = IDENTITIES.get(kind, {})
        self.conflicts: list[Conflict] = []
        # The source text of top-level items, by node: an item whose data both sides
        # left alone but whose comments only theirs changed is taken from theirs.
        self.texts = texts or {}

    def merge(self, base: Any, ours: Any, theirs: Any) -> Any:
        """The merged document: ours' root, changed in place."""
        identity = self.identities.get(())
        if (
            self.texts
            and identity is not None
            and isinstance(ours, CommentedSeq)
            and isinstance(theirs, list)
        ):
            # item by item even when the data is unchanged: comments may have changed
            merged = self.sequence(raw.items(base), ours, theirs, identity, (), (), self.kind)
            if merged is not None:
                return merged
        return self.value(base, ours, theirs, (), (), self.kind)

    def value(
        self, base: Any, ours: Any, theirs: Any, shape: tuple[str, ...], path: Path, label: str
    ) -> Any:
        if same(ours, theirs):
            return ours
        if same(ours, base):
            return theirs
        if same(theirs, base):
            return ours
        if (
            isinstance(ours, CommentedMap)
            and isinstance(theirs, Mapping)
            and not is_person(ours)
            and not is_person(theirs)
        ):
            return self.mapping(raw.mapping(base), ours, theirs, shape, path, label)
        identity = self.identities.get(shape)
        if identity is not None and isinstance(ours, CommentedSeq) and isinstance(theirs, list):
            merged = self.sequence(raw.items(base), ours, theirs, identity, shape, path, label)
            if merged is not None:
                return merged
        kept = "ours" if ours is not MISSING else "theirs"
        note = (
            "ours removed it; theirs changed it"
            if ours is MISSING
            else "theirs removed it; ours changed it"
            if theirs is MISSING
            else ""
        )
        self.conflicts.append(Conflict(path, label, plain(ours), plain(theirs), kept, note))
        return ours if ours is not MISSING else theirs

    def mapping(
        self,
        base: Mapping[str, Any],
        ours: CommentedMap,
        theirs: Mapping[str, Any],
        shape: tuple[str, ...],
        path: Path,
        label: str,
    ) -> CommentedMap:
        order = list(ours.keys()) + [k for k in theirs if k not in ours]
        for key in order:
            mine = ours.get(key, MISSING)
            merged = self.value(
                base.get(key, MISSING),
                mine,
                theirs.get(key, MISSING),
                (*shape, str(key)),
                (*path, key),
                _key_label(label, key),
            )
            if merged is MISSING:
                if key in ours:
                    del ours[key]
                    ours.ca.items.pop(key, None)
            elif key in ours:
                if merged is not mine:
                    ours[key] = merged
            else:
                ours.insert(_position(ours, theirs, key), key, merged)
                comment = getattr(theirs, "ca", None)
                if comment is not None and key in comment.items:
                    ours.ca.items[key] = comment.items[key]
        return ours

    def sequence(
        self,
        base: list[Any],
        ours: CommentedSeq,
        theirs: list[Any],
        identity: Identity,
        shape: tuple[str, ...],
        path: Path,
        label: str,
    ) -> CommentedSeq | None:
        in_base, in_ours, in_theirs = (_index(seq, identity) for seq in (base, ours, theirs))
        if in_base is None or in_ours is None or in_theirs is None:
            return None
        order = list(in_ours) + [key for key in in_theirs if key not in in_ours]
        kept: list[tuple[Hashable, str]] = []
        for key in order:
            was = base[in_base[key]] if key in in_base else MISSING
            if key in in_ours and key in in_theirs:
                kept.append((key, "both"))
            elif key in in_ours:
                if was is MISSING or not same(ours[in_ours[key]], was):
                    kept.append((key, "ours"))
            elif was is MISSING or not same(theirs[in_theirs[key]], was):
                kept.append((key, "theirs"))
        items: list[tuple[Any, Any]] = []
        root = not shape
        for number, (key, side) in enumerate(kept):
            where = (*path, number)
            item_label = self._item_label(
                label, number, ours, theirs, in_ours, in_theirs, key, root
            )
            was = base[in_base[key]] if key in in_base else MISSING
            if side == "both":
                mine, yours = ours[in_ours[key]], theirs[in_theirs[key]]
                node = (
                    yours
                    if root and self._only_theirs_reworded(was, mine, yours)
                    else self.value(was, mine, yours, (*shape, "*"), where, item_label)
                )
                items.append((node, ours.ca.items.get(in_ours[key])))
                continue
            source, index = (ours, in_ours) if side == "ours" else (theirs, in_theirs)
            node = source[index[key]]
            if was is not MISSING:
                other = "theirs" if side == "ours" else "ours"
                self.conflicts.append(
                    Conflict(
                        where,
                        item_label,
                        plain(node) if side == "ours" else MISSING,
                        plain(node) if side == "theirs" else MISSING,
                        side,
                        f"{other} removed it; {side} changed it",
                    )
                )
            comment = getattr(source, "ca", None)
            items.append((node, comment.items.get(index[key]) if comment is not None else None))
        _rebuild(ours, theirs, items)
        return ours

    def _only_theirs_reworded(self, base: Any, ours: Any, theirs: Any) -> bool:
        """Same data on all sides; ours' text as the base's, theirs' not."""
        text = self.texts.get
        return (
            base is not MISSING
            and same(ours, theirs)
            and same(ours, base)
            and text(id(ours)) == text(id(base)) != text(id(theirs))
        )

    def _item_label(
        self,
        label: str,
        number: int,
        ours: Any,
        theirs: Any,
        in_ours: dict[Hashable, int],
        in_theirs: dict[Hashable, int],
        key: Hashable,
        root: bool,
    ) -> str:
        if root and self.kind in ROOT_LABELS:
            noun, field = ROOT_LABELS[self.kind]
            item = ours[in_ours[key]] if key in in_ours else theirs[in_theirs[key]]
            return f"{noun} {item.get(field)}"
        return f"{label}[{number + 1}]"


def _key_label(label: str, key: Any) -> str:
    return f"{label}.{key}" if ":" in label or label.endswith("]") else f"{label}: {key}"


def _index(seq: list[Any], identity: Identity) -> dict[Hashable, int] | None:
    """Position of each item by identity; None when an item has none or one repeats."""
    result: dict[Hashable, int] = {}
    for number, item in enumerate(seq):
        key = identity(item)
        if key is None or key in result:
            return None
        result[key] = number
    return result


def _position(ours: CommentedMap, theirs: Mapping[str, Any], key: str) -> int:
    """Where a key new from theirs goes in ours: after the key theirs has before it."""
    keys = list(theirs)
    for earlier in reversed(keys[: keys.index(key)]):
        if earlier in ours:
            return list(ours).index(earlier) + 1
    return 0


def _rebuild(seq: CommentedSeq, theirs: Any, items: list[tuple[Any, Any]]) -> None:
    """Replace a list's items (and the comments before them) in place."""
    if not seq and items and not (getattr(theirs, "fa", None) and theirs.fa.flow_style()):
        seq.fa.set_block_style()
    list.clear(seq)
    list.extend(seq, [node for node, _ in items])
    seq.ca.items.clear()
    for number, (_, comment) in enumerate(items):
        if comment is not None:
            seq.ca.items[number] = comment
