"""git's merge driver end to end: read three versions, merge by identity, write ours.

A side that is empty, cut short or not a record is never merged as data: the
file is left to git as a conflict naming the damaged side. When a version cannot
be read or merged by identity (not UTF-8, not a case file
the store accepts) the driver falls back to git's own line-by-line merge, so git
is never left without a result, and says why. Library code: what is worth telling
the person merging comes back as messages, the caller prints them.

git starts the driver once a file, so its start-up counts: when git's own line
merge is clean and holds what the identity merge would (`linemerge`), that text
is kept and the round-trip machinery is never imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from safecli.errors import EXIT_FINDINGS, EXIT_OK, FileFormatError, GitFailure
from safecli.store import atomic
from safecli.teamwork import gitrepo
from safecli.teamwork.linemerge import clean_line_merge
from safecli.teamwork.siblings import remembered

if TYPE_CHECKING:
    from safecli.teamwork.merge import Versions


#: How the driver replaces ours with the merged text.
Writer = Callable[[Path, str], None]
_WRITE: Writer = atomic.write_atomic


@dataclass(frozen=True)
class DriverResult:
    """Whether ours now holds a clean merge, and what to tell the person merging."""

    clean: bool
    messages: tuple[str, ...]

    @property
    def exit_code(self) -> int:
        """What the driver exits with: 0 when clean, else 1 (git then sees a conflict)."""
        return EXIT_OK if self.clean else EXIT_FINDINGS


def merge_in_place(
    base: Path, ours: Path, theirs: Path, path: str, here: Path, write: Writer = _WRITE
) -> DriverResult:
    """Merge base/ours/theirs of the repository file `path` into ours (git's %O %A %B %P).

    `here` is the folder git runs the driver in (inside the repository), used to
    find the sibling files a renumbering must fix references in. `write` replaces
    ours with the merged text (atomically; the first run of a git merge working
    every file out ahead writes its own work files without syncing them).
    """
    try:
        texts = [_read(p) for p in (base, ours, theirs)]
    except (UnicodeDecodeError, OSError) as exc:
        return _line_merge(base, ours, theirs, path, f"cannot read a version: {exc}")
    with remembered():
        quick = clean_line_merge([base, ours, theirs], texts, path, here)
        if quick is not None:
            write(ours, quick)
            return DriverResult(True, ())
        return _by_identity(base, ours, theirs, path, here, texts, write)


def _by_identity(
    base: Path, ours: Path, theirs: Path, path: str, here: Path, texts: list[str], write: Writer
) -> DriverResult:
    from safecli.teamwork.damage import damaged_sides
    from safecli.teamwork.merge import Versions, kind_of, merge_file
    from safecli.teamwork.renumber import SIBLINGS
    from safecli.teamwork.siblings import repository, sibling_versions

    versions = Versions(*texts)
    damaged = damaged_sides(Path(path), versions)
    if damaged:
        return _refuse_damaged(base, ours, theirs, path, versions, damaged, write)
    sibling = None
    top = repository(here) if kind_of(path) in SIBLINGS else None
    if top is not None:
        sibling = sibling_versions(top, path, versions)
    try:
        result = merge_file(Path(path), versions, sibling)
    except FileFormatError as exc:
        return _line_merge(base, ours, theirs, path, str(exc))
    write(ours, result.text)
    messages: list[str] = []
    for renumbering in result.renumbered:
        fixed = (
            "references not checked"
            if sibling is None
            else "references unclear"
            if renumbering.unclear
            else "references fixed"
        )
        messages.append(f"{path}: {renumbering.describe()}; {fixed}")
    for line, conflict in result.conflicts:
        why = conflict.note.split(".")[0] if conflict.note else "both sides changed it"
        messages.append(f"{path}:{line}: conflict: {conflict.label}: {why}")
    return DriverResult(result.clean, tuple(messages))


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _refuse_damaged(
    base: Path,
    ours: Path,
    theirs: Path,
    path: str,
    versions: Versions,
    damaged: list[str],
    write: Writer,
) -> DriverResult:
    """Leave a damaged merge to git as a conflict: its own line merge if that
    conflicts, else the whole file as one conflict, so no side becomes data unseen."""
    from safecli.teamwork.damage import conflict_text

    count = gitrepo.line_merge(ours, base, theirs)
    if count <= 0:
        write(ours, conflict_text(versions, damaged))
    messages = [f"{path}: not merged, {why}" for why in damaged]
    messages.append(f"{path}: left as a conflict for git: compare both sides and keep the good one")
    return DriverResult(False, tuple(messages))


def _line_merge(base: Path, ours: Path, theirs: Path, path: str, why: str) -> DriverResult:
    count = gitrepo.line_merge(ours, base, theirs)
    if count < 0:
        raise GitFailure(f"{path}: git merge-file could not merge the file")
    message = (
        f"{path}: cannot merge by identity ({why}); merged line by line instead: check the result"
    )
    return DriverResult(False, (message,))
