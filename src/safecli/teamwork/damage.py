"""Which side of a merge is damaged: empty, cut short, unreadable or the wrong shape.

The merge driver must never turn such a version into data (an empty
meetings.yaml is not "every meeting deleted"). A damaged side is left for git
to report as a conflict, with both texts in the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from safecli.errors import FileFormatError
from safecli.model import FILES
from safecli.store import fastload, roundtrip
from safecli.teamwork.merge import kind_of
from safecli.teamwork.renumber import Versions


def damaged_sides(path: Path, versions: Versions) -> list[str]:
    """What is wrong with each damaged version, as `side: why`; empty when none is."""
    kind = kind_of(path)
    if kind is None:
        return []
    expect = FILES[kind]
    found = []
    for side in ("ours", "theirs", "base"):
        text = getattr(versions, side)
        why = _damage(path, side, text, versions.base, expect)
        if why is not None:
            found.append(f"{side}: {why}")
    return found


def _damage(path: Path, side: str, text: str | None, base: str | None, expect: type) -> str | None:
    if text is None:
        return None
    if not text.strip():
        # git hands over an empty base when both sides added the file.
        return None if side == "base" else "the file is empty (0 bytes or blank)"
    if side != "base" and base and len(text) < len(base) and base.startswith(text):
        return "the file is the start of the common version with the rest missing (cut short?)"
    try:
        # The fast reader gives the round-trip reader's answers (tests/store); only a
        # refusal is read again, for the round-trip reader's own words.
        data = fastload.load_text(path, text, expect)
    except FileFormatError:
        try:
            data = roundtrip.parse(path, text, expect)
        except FileFormatError as exc:
            where = f"line {exc.line}: " if exc.line is not None else ""
            return f"cannot be read ({where}{exc.message})"
    return _wrong_shape(data)


def _wrong_shape(data: Any) -> str | None:
    if isinstance(data, list):
        for number, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                return f"item {number} of the list is not a mapping (key: value)"
    return None


def conflict_text(versions: Versions, sides: list[str]) -> str:
    """The whole file as one git-style conflict: ours, base and theirs in full."""
    head = "".join(f"# safecli: not merged: {why}\n" for why in sides)
    return (
        f"<<<<<<< ours\n{head}{_ended(versions.ours)}"
        f"||||||| base\n{_ended(versions.base)}"
        f"=======\n{_ended(versions.theirs)}"
        ">>>>>>> theirs\n"
    )


def _ended(text: str | None) -> str:
    if not text:
        return ""
    return text if text.endswith("\n") else text + "\n"
