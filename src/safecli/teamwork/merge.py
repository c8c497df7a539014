"""Three-way merge of one case file, as git's merge driver (`safecli merge-file`).

The result is ours' round-trip document changed in place (see `mergetree`), so
comments and formatting of everything ours has survive. Ids both sides created
are kept apart (see `renumber`). A value both sides changed differently is a
conflict: ours' value stays in the file, preceded by a git-style conflict block
that shows both values as YAML comments:

    <<<<<<< ours
      # safecli: action A3: due: both sides changed it; ours is kept below
      # ours: 2026-12-10
    =======
      # theirs: 2026-12-17
    >>>>>>> theirs
      due: 2026-12-10

The markers make the store refuse the file (naming the line) until someone
resolves it: keep the right value, delete the block.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from safecli.errors import FileFormatError
from safecli.model import FILES
from safecli.store import fastload, roundtrip
from safecli.teamwork.matching import kind_of
from safecli.teamwork.mergetree import MISSING, Conflict, Merger, is_person, plain
from safecli.teamwork.renumber import (
    NOUNS,
    SIBLINGS,
    Docs,
    Renumbering,
    Versions,
    apply_ids,
    apply_references,
    plan,
)

__all__ = ["MergeResult", "Versions", "kind_of", "merge_file"]


@dataclass(frozen=True)
class MergeResult:
    """The merged text, the conflicts in it (with the line of each block) and the
    renumberings made."""

    text: str
    conflicts: tuple[tuple[int, Conflict], ...]
    renumbered: tuple[Renumbering, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_file(path: Path, versions: Versions, sibling: Versions | None = None) -> MergeResult:
    """Merge three versions of a case file. `sibling` holds the three versions of the
    file that refers to this one's ids (meetings.yaml for actions.yaml and back);
    None when they are not known, and then renumbered ids are reported as
    conflicts for a person to check the references. FileFormatError if a version
    cannot be read."""
    kind = kind_of(path) or "other"
    expect = FILES.get(kind) or _root_type(path, versions)
    base, ours, theirs = (
        _load(path, text, expect) for text in (versions.base, versions.ours, versions.theirs)
    )
    renumbered: list[Renumbering] = []
    unchecked: list[Conflict] = []
    if kind in SIBLINGS:
        other = SIBLINGS[kind]
        sibling_docs = _docs(path.with_name(f"{other}.yaml"), sibling) if sibling else None
        docs = Docs(plain(base), plain(ours), plain(theirs), versions)
        renumbered = plan(kind, docs, sibling_docs)
        for side, doc in (("ours", ours), ("theirs", theirs)):
            apply_ids(doc, renumbered, side)
            if sibling_docs is not None:
                apply_references(kind, doc, plan(other, sibling_docs, docs), side)
        unchecked = [
            _unchecked(kind, r, sibling_docs is None)
            for r in renumbered
            if sibling_docs is None or r.unclear
        ]
    spans = (
        {}
        if expect is not list
        else {
            **_item_texts(base, versions.base),
            **_item_texts(ours, versions.ours),
            **_item_texts(theirs, versions.theirs),
        }
    )
    merger = Merger(kind, spans)
    result = merger.merge(base, ours, theirs)
    conflicts = merger.conflicts + [_locate_renumbered(result, c) for c in unchecked]
    head = roundtrip.document_head(versions.ours or "")
    text = head + _tidy(roundtrip.dump(result), result, versions, expect, path)
    placed = _place_conflicts(path, text, expect, conflicts)
    return MergeResult(placed[0], placed[1], tuple(renumbered))


def _item_texts(doc: Any, text: str | None) -> dict[int, str]:
    """The source text of each top-level list item (up to the next item, trailing
    blank lines aside), by node."""
    if not text or not doc:
        return {}
    lines = text.split("\n")
    starts = [int(doc.lc.item(n)[0]) for n in range(len(doc))] + [len(lines)]
    return {
        id(item): "\n".join(lines[starts[n] : starts[n + 1]]).rstrip("\n")
        for n, item in enumerate(doc)
    }


def _root_type(path: Path, versions: Versions) -> type:
    for text in (versions.ours, versions.theirs, versions.base):
        text = text or ""
        for line in text[len(roundtrip.document_head(text)) :].splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                return list if line.startswith(("-", "[")) else dict
    return dict


def _load(path: Path, text: str | None, expect: type) -> Any:
    if text is None or not text.strip():
        return CommentedSeq() if expect is list else CommentedMap()
    return roundtrip.parse(path, text, expect)


def _docs(path: Path, versions: Versions) -> Docs:
    """The sibling's plain data: read by the fast reader, which gives the same answers."""
    expect = FILES[kind_of(path) or "actions"]
    base, ours, theirs = (
        fastload.load_text(path, text, expect) if text and text.strip() else expect()
        for text in (versions.base, versions.ours, versions.theirs)
    )
    return Docs(base, ours, theirs, versions)


def _unchecked(kind: str, renumbering: Renumbering, unknown: bool) -> Conflict:
    noun, other = NOUNS[kind], SIBLINGS[kind]
    old, new = renumbering.old, renumbering.new
    why = (
        f"References to {old} that came from theirs in {other}.yaml could not be "
        f"checked: point them at {new}"
        if unknown
        else f"Both sides changed {other}.yaml the same way and it refers to {old}, which "
        f"now means ours' {old}: add {new} where theirs meant its own"
    )
    return Conflict(
        path=(),
        label=f"{noun} {new}",
        ours=old,
        theirs=new,
        kept="both",
        note=f"both sides added {noun} {old}; theirs' is now {new}. {why}",
    )


def _locate_renumbered(doc: Any, conflict: Conflict) -> Conflict:
    for number, item in enumerate(doc):
        if isinstance(item, dict) and item.get("id") == conflict.theirs:
            return Conflict(
                (number,),
                conflict.label,
                conflict.ours,
                conflict.theirs,
                conflict.kept,
                conflict.note,
            )
    return conflict


def _tidy(text: str, doc: Any, versions: Versions, expect: type, path: Path) -> str:
    """Separate top-level list items with a blank line where the file does so
    (leaving items ours wrote together as they are), and end with one newline,
    when that changes no data."""
    if expect is not list:
        return text
    style = next(
        (
            found
            for found in (
                _blank_separated(t) for t in (versions.ours, versions.theirs, versions.base)
            )
            if found is not None
        ),
        False,
    )
    lines = text.split("\n")
    if style:
        ours_lines = (versions.ours or "").split("\n")
        together = {ours_lines[n] for n, apart in _item_starts(ours_lines) if not apart}
        for start, apart in reversed(_item_starts(lines)):
            if not apart and lines[start] not in together:
                above = start - 1
                while above > 0 and lines[above].lstrip().startswith("#"):
                    above -= 1
                lines.insert(above + 1, "")
    tidied = "\n".join(lines).rstrip("\n") + "\n"
    if tidied == text:
        return text
    try:
        same = plain(roundtrip.parse(path, tidied, expect)) == plain(doc)
    except FileFormatError:
        same = False
    return tidied if same else text


def _item_starts(lines: list[str]) -> list[tuple[int, bool]]:
    """The lines where top-level list items start, after the first, and whether a
    blank line (before any comment lines) separates each from the item above."""
    found = []
    for number in [n for n, line in enumerate(lines) if line.startswith("-")][1:]:
        above = number - 1
        while above >= 0 and lines[above].lstrip().startswith("#"):
            above -= 1
        found.append((number, above >= 0 and not lines[above].strip()))
    return found


def _blank_separated(text: str | None) -> bool | None:
    """Whether a list file has blank lines between its items; None if it cannot tell."""
    starts = _item_starts(text.split("\n")) if text else []
    return any(apart for _, apart in starts) if starts else None


def _place_conflicts(
    path: Path, text: str, expect: type, conflicts: list[Conflict]
) -> tuple[str, tuple[tuple[int, Conflict], ...]]:
    """Insert a conflict block before the line of each conflicting value."""
    if not conflicts:
        return text, ()
    doc = roundtrip.parse(path, text, expect)
    lines = text.split("\n")
    located = sorted(
        ((_line(doc, c.path), n, c) for n, c in enumerate(conflicts)),
        key=lambda entry: (entry[0], entry[1]),
    )
    for line, _, conflict in reversed(located):
        target = lines[line] if line < len(lines) else ""
        pad = target[: len(target) - len(target.lstrip())]
        lines[line:line] = _block(conflict, pad)
    placed: list[tuple[int, Conflict]] = []
    shift = 0
    for line, _, conflict in located:
        placed.append((line + shift + 1, conflict))
        shift += len(_block(conflict, ""))
    return "\n".join(lines), tuple(placed)


def _line(doc: Any, path: tuple[str | int, ...]) -> int:
    """0-based line of the value at path (of the deepest part of it that exists)."""
    line, node = 0, doc
    for step in path:
        if isinstance(node, CommentedMap) and step in node:
            line = node.lc.key(step)[0]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
            line = node.lc.item(step)[0]
        else:
            break
        node = node[step]
    return int(line)


def _block(conflict: Conflict, pad: str) -> list[str]:
    why = conflict.note or "both sides changed it"
    kept = {"ours": "; ours is kept below", "theirs": "; theirs is kept below"}.get(
        conflict.kept, ""
    )
    head = [
        f"{pad}# {line}"
        for line in textwrap.wrap(f"safecli: {conflict.label}: {why}{kept}", 88 - len(pad))
    ]
    return [
        "<<<<<<< ours",
        *head,
        *_value_lines("ours", conflict.ours, pad),
        "=======",
        *_value_lines("theirs", conflict.theirs, pad),
        ">>>>>>> theirs",
    ]


def _value_lines(side: str, value: Any, pad: str) -> list[str]:
    if value is MISSING:
        return [f"{pad}# {side}: (removed)"]
    shown = roundtrip.person(value["agency"], value["name"]) if is_person(value) else value
    dumped = roundtrip.dump(roundtrip.record((side,), {side: shown})).rstrip("\n")
    return [f"{pad}# {line}" for line in dumped.split("\n")]
