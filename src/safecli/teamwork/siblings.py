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
from pathlib import Path, PurePosixPath

from safecli.errors import GitFailure
from safecli.teamwork import gitrepo as gitwork
from safecli.teamwork.matching import kind_of
from safecli.teamwork.renumber import SIBLINGS, Versions

_SHA = re.compile(r"^[0-9a-f]{7,64}$")


def sibling_versions(top: Path, rel_path: str, versions: Versions) -> Versions | None:
    """The sibling's three versions in the merge git is running, or None if unknown."""
    kind = kind_of(rel_path)
    if kind not in SIBLINGS:
        return None
    try:
        commits = _commits(top, rel_path, versions)
        if commits is None:
            return None
        other = str(PurePosixPath(rel_path).with_name(f"{SIBLINGS[kind]}.yaml"))
        texts = _texts(top, commits, other)
    except (GitFailure, UnicodeDecodeError):
        return None
    return Versions(*texts)


def _commits(top: Path, rel_path: str, versions: Versions) -> tuple[str | None, str, str] | None:
    ours = _resolve(top, "HEAD")
    if ours is None or _texts(top, (ours,), rel_path)[0] != _text(versions.ours):
        return None
    for theirs in _theirs_candidates(top):
        if _texts(top, (theirs,), rel_path)[0] != _text(versions.theirs):
            continue
        for base in _base_candidates(top, ours, theirs):
            got = _texts(top, (base,), rel_path)[0] if base else None
            if _text(got) == _text(versions.base):
                return base, ours, theirs
    return None


def _theirs_candidates(top: Path) -> list[str]:
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
    resolved = (_resolve(top, candidate) for candidate in found)
    return list(dict.fromkeys(sha for sha in resolved if sha))


def _base_candidates(top: Path, ours: str, theirs: str) -> list[str | None]:
    bases = gitwork.git(top, "merge-base", "--all", ours, theirs, check=False).split()
    candidates: list[str | None] = [bases[0]] if len(bases) == 1 else []
    parent = _resolve(top, f"{theirs}^")
    candidates.append(parent)
    return list(dict.fromkeys(candidates))


def _resolve(top: Path, rev: str) -> str | None:
    out = gitwork.git(
        top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False
    ).strip()
    return out or None


def _texts(top: Path, commits: tuple[str | None, ...], rel_path: str) -> list[str | None]:
    specs = [f"{commit}:{rel_path}" for commit in commits if commit]
    blobs = gitwork.blob_texts(top, specs)
    result: list[str | None] = []
    for commit in commits:
        blob = blobs.get(f"{commit}:{rel_path}") if commit else None
        result.append(blob.decode("utf-8") if blob is not None else None)
    return result


def _text(value: str | None) -> str:
    return value or ""
