"""The merge driver's quick path: git's own line merge, kept only when it is what the
identity merge would give.

Most merges of a case file touch different records on each side, and git's
line merge of them is clean. Reading three versions with the round-trip parser
and building the result costs far more than checking that result: here each
version and git's result are read as plain data with the fast reader, the three
versions are merged as plain data the way `mergetree` merges them (the same
identities, the same rules), and git's text is kept only when its data equals
that merge. Anything else (a damaged side, a conflict, a clash of new ids, a
list whose items cannot be matched, an item theirs put elsewhere than the identity
merge would) returns None, and the identity merge decides as before.
"""

from __future__ import annotations

import subprocess
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

from safecli.errors import FileFormatError
from safecli.model import FILES
from safecli.store import fastload
from safecli.teamwork.matching import IDENTITIES, MISSING, Identity, is_person, kind_of, same
from safecli.teamwork.renumber import SIBLINGS, Docs, Versions, plan
from safecli.teamwork.siblings import repository, sibling_versions


class _NotPlain(Exception):
    """The identity merge must decide: a conflict, or a case the plain merge leaves to it."""


def clean_line_merge(paths: list[Path], texts: list[str], path: str, here: Path) -> str | None:
    """git's line merge of the three versions (base, ours, theirs: their files and
    texts) of the case file `path`, when it is clean and holds what the identity
    merge would; else None. `here` is the folder git runs the driver in."""
    kind = kind_of(path)
    base, ours, theirs = texts
    if kind is None or not all(text.strip() for text in texts):
        return None
    if any(len(side) < len(base) and base.startswith(side) for side in (ours, theirs)):
        return None
    merged = _git_merge(*paths)
    if merged is None:
        return None
    expect = FILES[kind]
    try:
        data = [fastload.load_text(Path(path), t, expect) for t in (*texts, merged)]
    except FileFormatError:
        return None
    if any(isinstance(d, list) and not all(isinstance(i, dict) for i in d) for d in data):
        return None
    docs = Docs(data[0], data[1], data[2], Versions(base, ours, theirs))
    if kind in SIBLINGS and _renumbers(kind, path, docs, here):
        return None
    try:
        expected = _Plain(kind).merge(*data[:3])
    except _NotPlain:
        return None
    return merged if expected == data[3] else None


def _renumbers(kind: str, path: str, docs: Docs, here: Path) -> bool:
    """Whether the identity merge would renumber ids of this file or of its sibling
    (whose references it would then fix here); True when the sibling cannot be read."""
    top = repository(here)
    sibling = sibling_versions(top, path, docs.texts) if top is not None else None
    if sibling is None:
        return bool(plan(kind, docs, None))
    other = SIBLINGS[kind]
    named = Path(path).with_name(f"{other}.yaml")
    read: dict[str, Any] = {}  # a sibling only one side changed has two texts alike
    try:
        for text in (sibling.base, sibling.ours, sibling.theirs):
            if text and text.strip() and text not in read:
                read[text] = fastload.load_text(named, text, FILES[other])
    except FileFormatError:
        return True
    base, ours, theirs = (
        read[text] if text and text.strip() else []
        for text in (sibling.base, sibling.ours, sibling.theirs)
    )
    sibling_docs = Docs(base, ours, theirs, sibling)
    return bool(plan(kind, docs, sibling_docs) or plan(other, sibling_docs, docs))


def _git_merge(base: Path, ours: Path, theirs: Path) -> str | None:
    """git merge-file's result when it merged with no conflict; None otherwise."""
    try:
        done = subprocess.run(
            ["git", "merge-file", "-p", "-q", str(ours), str(base), str(theirs)],
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


class _Plain:
    """`mergetree.Merger`'s merge on plain data, giving up where it would report a
    conflict (renumbering is ruled out before)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.identities = IDENTITIES.get(kind, {})

    def merge(self, base: Any, ours: Any, theirs: Any) -> Any:
        identity = self.identities.get(())
        if identity is not None and isinstance(ours, list) and isinstance(theirs, list):
            merged = self.sequence(
                base if isinstance(base, list) else [], ours, theirs, identity, ()
            )
            if merged is not None:
                return merged
        return self.value(base, ours, theirs, ())

    def value(self, base: Any, ours: Any, theirs: Any, shape: tuple[str, ...]) -> Any:
        if same(ours, theirs):
            return ours
        if same(ours, base):
            return theirs
        if same(theirs, base):
            return ours
        if (
            isinstance(ours, Mapping)
            and isinstance(theirs, Mapping)
            and not is_person(ours)
            and not is_person(theirs)
        ):
            return self.mapping(base if isinstance(base, Mapping) else {}, ours, theirs, shape)
        identity = self.identities.get(shape)
        if identity is not None and isinstance(ours, list) and isinstance(theirs, list):
            merged = self.sequence(
                base if isinstance(base, list) else [], ours, theirs, identity, shape
            )
            if merged is not None:
                return merged
        raise _NotPlain

    def mapping(
        self,
        base: Mapping[str, Any],
        ours: Mapping[str, Any],
        theirs: Mapping[str, Any],
        shape: tuple[str, ...],
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            merged = self.value(
                base.get(key, MISSING),
                ours.get(key, MISSING),
                theirs.get(key, MISSING),
                (*shape, str(key)),
            )
            if merged is not MISSING:
                result[key] = merged
        return result

    def sequence(
        self,
        base: list[Any],
        ours: list[Any],
        theirs: list[Any],
        identity: Identity,
        shape: tuple[str, ...],
    ) -> list[Any] | None:
        in_base, in_ours, in_theirs = (_index(seq, identity) for seq in (base, ours, theirs))
        if in_base is None or in_ours is None or in_theirs is None:
            return None
        result = []
        for key in [*in_ours, *(k for k in in_theirs if k not in in_ours)]:
            was = base[in_base[key]] if key in in_base else MISSING
            if key in in_ours and key in in_theirs:
                mine, yours = ours[in_ours[key]], theirs[in_theirs[key]]
                result.append(self.value(was, mine, yours, (*shape, "*")))
                continue
            node = ours[in_ours[key]] if key in in_ours else theirs[in_theirs[key]]
            if was is MISSING:
                result.append(node)
            elif not same(node, was):
                raise _NotPlain  # one side removed it, the other changed it
        return result


def _index(seq: list[Any], identity: Identity) -> dict[Hashable, int] | None:
    """Position of each item by identity; None when an item has none or one repeats."""
    result: dict[Hashable, int] = {}
    for number, item in enumerate(seq):
        key = identity(item)
        if key is None or key in result:
            return None
        result[key] = number
    return result
