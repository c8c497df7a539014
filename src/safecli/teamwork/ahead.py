"""The first run of the merge driver in a `git merge` works out every answer.

See `aheadstore` for why and for what an answer is keyed by. Here the commits
being merged are found from the versions git handed this run (as the sibling
lookup finds them), the case files both sides changed differently are listed,
and the driver itself (`driver.merge_in_place`) runs on each file's three
versions, written to work files in the store's folder, exactly as git would hand
them over; its answer (exit code, messages, the text it left in ours) is kept.
A file the driver would not answer (not UTF-8, a failure) is left out, and its
own run of the driver works as before.
"""

from __future__ import annotations

from pathlib import Path

from safecli.errors import SafecliError
from safecli.teamwork import gitrepo
from safecli.teamwork.aheadstore import AheadStore, Texts
from safecli.teamwork.driver import merge_in_place
from safecli.teamwork.matching import kind_of
from safecli.teamwork.objects import Objects
from safecli.teamwork.renumber import Versions
from safecli.teamwork.siblings import merge_commits, remembered, repository

_NAMES = ("work.base", "work.ours", "work.theirs")


def work_ahead(store: AheadStore, here: Path, rel_path: str, texts: Texts) -> None:
    """Work out and keep the driver's answer for every case file both sides of the
    merge changed; `rel_path` and `texts` are what git handed this run. What cannot
    be worked out (git failing, the git folder not writable) is left to each run."""
    work = [Path(store.folder) / name for name in _NAMES]
    try:
        store.start()
        found = _versions(here, rel_path, texts)
        with remembered():
            for path, versions in found.items():
                _answer(store, here, path, versions, work)
    except (SafecliError, OSError):
        return
    finally:
        for file in work:
            file.unlink(missing_ok=True)


def _answer(store: AheadStore, here: Path, path: str, versions: Texts, work: list[Path]) -> None:
    for file, version in zip(work, versions, strict=True):
        file.write_bytes(version)
    try:
        result = merge_in_place(work[0], work[1], work[2], path, here, _write_work)
        text = work[1].read_bytes().decode("utf-8")
    except (SafecliError, OSError, UnicodeDecodeError):
        return
    store.put(path, versions, (result.exit_code, result.messages, text))


def _write_work(file: Path, text: str) -> None:
    """Replace a work file's text as the driver would ours (the same bytes); not
    synced, as the file is read back at once and then removed."""
    file.write_text(text, encoding="utf-8", newline="")


def _versions(here: Path, rel_path: str, texts: Texts) -> dict[str, Texts]:
    """The three versions of each case file both sides changed differently, in the
    commits git is merging (found from rel_path's texts); empty when unknown."""
    try:
        versions = Versions(*(text.decode("utf-8") for text in texts))
    except UnicodeDecodeError:
        return {}
    top = repository(here)
    if top is None:
        return {}
    found: dict[str, Texts] = {}
    with Objects(top) as objects:
        commits = merge_commits(top, objects, rel_path, versions)
        if commits is None:
            return {}
        base, ours, theirs = commits
        if base is None:
            return {}
        for path in sorted(_changed(top, base, ours) & _changed(top, base, theirs)):
            blobs = [objects.content(f"{commit}:{path}") for commit in (base, ours, theirs)]
            if blobs[0] is None or blobs[1] is None or blobs[2] is None:
                continue  # added or removed on a side: git's own run decides
            if blobs[1] != blobs[2] and _is_utf8(blobs):
                found[path] = (blobs[0], blobs[1], blobs[2])
    return found


def _changed(top: Path, old: str, new: str) -> set[str]:
    """The case files that differ between two commits."""
    out = gitrepo.run(top, "diff-tree", "-r", "-z", "--name-only", "--no-renames", old, new)
    return {name for name in out.decode("utf-8", "surrogateescape").split("\0") if kind_of(name)}


def _is_utf8(blobs: list[bytes | None]) -> bool:
    try:
        for blob in blobs:
            (blob or b"").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
