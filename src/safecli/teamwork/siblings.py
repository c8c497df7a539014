"""The sibling case file of a merge in progress, read from git.

git hands the merge driver three versions of ONE file. To keep references
between actions.yaml and meetings.yaml right (see `renumber`), the driver also
needs the three versions of the sibling file, so it works out which commits are
being merged and reads the sibling from them:

- ours is HEAD;
- theirs is the commit `git merge`/`git pull` names in its `GITHEAD_<id>`
  environment variable, or the commit a rebase is replaying (the last line of
  `rebase-merge/done`), or CHERRY_PICK_HEAD / MERGE_HEAD when present;
- base is the merge base of the two, or theirs' parent for a replayed commit.

Each guess is accepted only if that commit's version of the file being merged
is byte for byte what git handed over. When nothing fits (a criss-cross merge,
a driver run by hand), the sibling is unknown and the driver says so.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from safecli.errors import GitFailure
from safecli.teamwork import gitrepo as gitwork
from safecli.teamwork.matching import kind_of
from safecli.teamwork.objects import Objects
from safecli.teamwork.renumber import SIBLINGS, Versions

_SHA = re.compile(r"^[0-9a-f]{7,64}$")


def sibling_versions(top: Path, rel_path: str, versions: Versions) -> Versions | None:
    """The sibling's three versions in the merge git is running, or None if unknown.

    The lookups share one `git cat-file` process; within `remembered()` each is
    made once."""
    kind = kind_of(rel_path)
    if kind not in SIBLINGS:
        return None
    key = (top, rel_path, versions)
    if _memo is not None and key in _memo.found:
        return _memo.found[key]
    other = str(PurePosixPath(rel_path).with_name(f"{SIBLINGS[kind]}.yaml"))
    found = _lookup(top, rel_path, other, versions)
    if _memo is not None:
        _memo.found[key] = found
    return found


def repository(here: Path) -> Path | None:
    """The top of the work tree holding `here` (`gitrepo.repo_root`); within
    `remembered()` asked of git once."""
    if _memo is None:
        return gitwork.repo_root(here)
    if here not in _memo.tops:
        _memo.tops[here] = gitwork.repo_root(here)
    return _memo.tops[here]


@dataclass
class _Memo:
    tops: dict[Path, Path | None] = field(default_factory=dict)
    found: dict[tuple[Path, str, Versions], Versions | None] = field(default_factory=dict)
    # One git cat-file process a repository, and each pair's merge bases (git's
    # answers do not change within a merge): the first run of a git merge looks
    # up the sibling of every file (see `ahead`).
    objects: dict[Path, Objects] = field(default_factory=dict)
    bases: dict[tuple[Path, str, str], list[str]] = field(default_factory=dict)


_memo: _Memo | None = None


@contextmanager
def remembered() -> Iterator[None]:
    """Within: each repository and sibling lookup is made once (the merge driver's
    quick path and its identity merge ask the same; the first run of a git merge
    asks for every file), forgotten after the outermost."""
    global _memo
    if _memo is not None:
        yield
        return
    _memo = _Memo()
    try:
        yield
    finally:
        memo, _memo = _memo, None
        for objects in memo.objects.values():
            objects.__exit__(None, None, None)


def _lookup(top: Path, rel_path: str, other: str, versions: Versions) -> Versions | None:
    shared = _memo.objects.get(top) if _memo is not None else None
    if shared is not None:
        try:
            return _lookup_in(top, shared, rel_path, other, versions)
        except GitFailure:
            # git stopped answering: ask a new process, as a run on its own would.
            if _memo is not None:
                _memo.objects.pop(top, None)
            shared.__exit__(None, None, None)
    try:
        if _memo is None:
            with Objects(top) as objects:
                return _lookup_in(top, objects, rel_path, other, versions)
        objects = Objects(top).__enter__()
        _memo.objects[top] = objects
        return _lookup_in(top, objects, rel_path, other, versions)
    except GitFailure:
        return None


def _lookup_in(
    top: Path, objects: Objects, rel_path: str, other: str, versions: Versions
) -> Versions | None:
    """The sibling's versions, asked of this cat-file process; GitFailure when git fails."""
    try:
        commits = merge_commits(top, objects, rel_path, versions)
        if commits is None:
            return None
        texts = [_blob(objects, commit, other) for commit in commits]
    except UnicodeDecodeError:
        return None
    return Versions(*texts)


def merge_commits(
    top: Path, objects: Objects, rel_path: str, versions: Versions
) -> tuple[str | None, str, str] | None:
    """The commits (base, ours, theirs) git is merging, as told by their versions of
    `rel_path` (see the module's docstring); None when none fits."""
    ours = objects.commit("HEAD")
    if ours is None or _blob(objects, ours, rel_path) != _text(versions.ours):
        return None
    for theirs in _theirs_candidates(top, objects):
        if _blob(objects, theirs, rel_path) != _text(versions.theirs):
            continue
        for base in _base_candidates(top, objects, ours, theirs):
            got = _blob(objects, base, rel_path)
            if _text(got) == _text(versions.base):
                return base, ours, theirs
    return None


def _theirs_candidates(top: Path, objects: Objects) -> list[str]:
    found = [
        name[8:]
        for name in sorted(os.environ)
        if name.startswith("GITHEAD_") and _SHA.match(name[8:])
    ]
    git_dir = gitwork.git_dir(top)
    done = git_dir / "rebase-merge" / "done"
    if done.is_file():
        lines = [
            line.split()
            for line in done.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        if lines and len(lines[-1]) > 1 and _SHA.match(lines[-1][1]):
            found.append(lines[-1][1])
    for head in ("CHERRY_PICK_HEAD", "MERGE_HEAD", "REVERT_HEAD"):
        path = git_dir / head
        if path.is_file():
            found.extend(path.read_text(encoding="utf-8").split())
    resolved = (objects.commit(candidate) for candidate in found)
    return list(dict.fromkeys(sha for sha in resolved if sha))


def _base_candidates(top: Path, objects: Objects, ours: str, theirs: str) -> list[str | None]:
    key = (top, ours, theirs)
    if _memo is not None and key in _memo.bases:
        bases = _memo.bases[key]
    else:
        bases = gitwork.git(top, "merge-base", "--all", ours, theirs, check=False).split()
        if _memo is not None and bases:
            _memo.bases[key] = bases
    candidates: list[str | None] = [bases[0]] if len(bases) == 1 else []
    candidates.append(objects.commit(f"{theirs}^"))
    return list(dict.fromkeys(candidates))


def _blob(objects: Objects, commit: str | None, rel_path: str) -> str | None:
    """The file's text in that commit; None when there is no commit or no such file."""
    if not commit:
        return None
    content = objects.content(f"{commit}:{rel_path}")
    return content.decode("utf-8") if content is not None else None


def _text(value: str | None) -> str:
    return value or ""
